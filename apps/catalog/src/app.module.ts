import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PLATFORM_VERSION } from '@galley/contracts';
import { createHealthHandler, createLoggerModule, MessagingModule } from '@galley/messaging';
import { buildDataSourceOptions, initializeDatabase, OutboxMessageEntity } from '@galley/persistence';
import { BlobStore } from '@galley/storage';
import type { CatalogConfig } from './config';
import { DatasetColumnEntity } from './datasets/dataset-column.entity';
import { DatasetEntity } from './datasets/dataset.entity';
import { DatasetsModule } from './datasets/datasets.module';
import { LineageEdgeEntity } from './lineage/lineage-edge.entity';
import { LineageModule } from './lineage/lineage.module';
import { CATALOG_MIGRATIONS } from './migrations';
import { ExpectationSuiteEntity } from './verification/expectation-suite.entity';
import { VerificationModule } from './verification/verification.module';
import { DatasetVersionEntity } from './versions/dataset-version.entity';
import { VersionsModule } from './versions/versions.module';

export const CATALOG_SERVICE = 'catalog';

@Module({})
export class CatalogModule {
  static forConfig(config: CatalogConfig): DynamicModule {
    return {
      module: CatalogModule,
      imports: [
        createLoggerModule({ service: CATALOG_SERVICE, level: config.LOG_LEVEL }),
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            buildDataSourceOptions({
              service: CATALOG_SERVICE,
              galleyHome: config.GALLEY_HOME,
              databaseUrl: config.DATABASE_URL,
              entities: [DatasetEntity, DatasetColumnEntity, DatasetVersionEntity, ExpectationSuiteEntity, LineageEdgeEntity, OutboxMessageEntity],
              migrations: CATALOG_MIGRATIONS,
            }),
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('no database options');
            return initializeDatabase(options);
          },
        }),
        MessagingModule.forService({ service: CATALOG_SERVICE, natsUrl: config.NATS_URL }),
        DatasetsModule,
        VersionsModule,
        VerificationModule,
        LineageModule,
      ],
      controllers: [createHealthHandler(CATALOG_SERVICE, PLATFORM_VERSION)],
      // Shared with the gateway, which streams uploads into it; keys are content hashes.
      providers: [{ provide: BlobStore, useValue: new BlobStore(join(config.GALLEY_HOME, 'blobs')) }],
      exports: [BlobStore],
      global: true,
    };
  }
}
