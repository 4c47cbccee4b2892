import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PLATFORM_VERSION } from '@galley/contracts';
import { BusClient, createHealthHandler, createLoggerModule, MessagingModule, NATS_CONNECTION } from '@galley/messaging';
import { buildDataSourceOptions, initializeDatabase, OutboxMessageEntity } from '@galley/persistence';
import { BlobStore } from '@galley/storage';
import type { NatsConnection } from 'nats';
import { FEATURE_STORE_CONFIG, type FeatureStoreConfig } from './config';
import { MaterializationEntity } from './materialization/materialization.entity';
import { MaterializationModule } from './materialization/materialization.module';
import { FEATURE_STORE_MIGRATIONS } from './migrations';
import { OnlineModule } from './online/online.module';
import { FeatureEntityEntity } from './registry/feature-entity.entity';
import { FeatureServiceEntity } from './registry/feature-service.entity';
import { FeatureViewEntity } from './registry/feature-view.entity';
import { RegistryModule } from './registry/registry.module';
import { RetrievalModule } from './retrieval/retrieval.module';
import { FEATURE_STORE_SERVICE } from './service-name';

export { FEATURE_STORE_SERVICE };

/** How long the feature store waits for the catalog on ordinary questions (resolving a version). */
const CATALOG_TIMEOUT_MS = 10_000;

export const FEATURE_STORE_ENTITIES = [FeatureEntityEntity, FeatureViewEntity, FeatureServiceEntity, MaterializationEntity, OutboxMessageEntity];

@Module({})
export class FeatureStoreModule {
  static forConfig(config: FeatureStoreConfig): DynamicModule {
    return {
      module: FeatureStoreModule,
      imports: [
        createLoggerModule({ service: FEATURE_STORE_SERVICE, level: config.LOG_LEVEL }),
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            buildDataSourceOptions({
              service: 'features',
              galleyHome: config.GALLEY_HOME,
              databaseUrl: config.DATABASE_URL,
              entities: FEATURE_STORE_ENTITIES,
              migrations: FEATURE_STORE_MIGRATIONS,
            }),
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('no database options');
            return initializeDatabase(options);
          },
        }),
        MessagingModule.forService({ service: FEATURE_STORE_SERVICE, natsUrl: config.NATS_URL }),
        RegistryModule,
        RetrievalModule,
        OnlineModule,
        MaterializationModule,
      ],
      controllers: [createHealthHandler(FEATURE_STORE_SERVICE, PLATFORM_VERSION)],
      providers: [
        // Dataset bytes are read where the catalog stored them; keys are content hashes.
        { provide: BlobStore, useValue: new BlobStore(join(config.GALLEY_HOME, 'blobs')) },
        { provide: BusClient, inject: [NATS_CONNECTION], useFactory: (connection: NatsConnection) => new BusClient(connection, CATALOG_TIMEOUT_MS) },
        { provide: FEATURE_STORE_CONFIG, useValue: config },
      ],
      exports: [BlobStore, BusClient, FEATURE_STORE_CONFIG],
      global: true,
    };
  }
}
