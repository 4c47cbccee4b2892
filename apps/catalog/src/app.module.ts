import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PLATFORM_VERSION } from '@galley/contracts';
import { createHealthHandler, createLoggerModule, MessagingModule } from '@galley/messaging';
import { buildDataSourceOptions, initializeDatabase, OutboxMessageEntity } from '@galley/persistence';
import type { CatalogConfig } from './config';
import { DatasetEntity } from './datasets/dataset.entity';
import { DatasetsModule } from './datasets/datasets.module';
import { CATALOG_MIGRATIONS } from './migrations';

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
              entities: [DatasetEntity, OutboxMessageEntity],
              migrations: CATALOG_MIGRATIONS,
            }),
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('no database options');
            return initializeDatabase(options);
          },
        }),
        MessagingModule.forService({ service: CATALOG_SERVICE, natsUrl: config.NATS_URL }),
        DatasetsModule,
      ],
      controllers: [createHealthHandler(CATALOG_SERVICE, PLATFORM_VERSION)],
    };
  }
}
