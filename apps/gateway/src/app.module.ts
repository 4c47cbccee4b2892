import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createLoggerModule } from '@galley/messaging';
import { buildDataSourceOptions, initializeDatabase } from '@galley/persistence';
import { BlobStore } from '@galley/storage';
import { BusModule } from './bus/bus.module';
import { GATEWAY_CONFIG, type GatewayConfig } from './config';
import { DatasetsModule } from './datasets/datasets.module';
import { FeaturesModule } from './features/features.module';
import { HealthModule } from './health/health.module';
import { ContractValidationInterceptor } from './http/contract-validation.interceptor';
import { ApiKeyEntity } from './identity/api-keys/api-key.entity';
import { SessionEntity } from './identity/auth/session.entity';
import { IdentityModule } from './identity/identity.module';
import { JupyterModule } from './jupyter/jupyter.module';
import { LineageModule } from './lineage/lineage.module';
import { TrainingModule } from './training/training.module';
import { UserEntity } from './identity/users/user.entity';
import { IDENTITY_MIGRATIONS } from './migrations';

/** The gateway's database holds identity only: users, sessions, API keys. */
export const GATEWAY_DATABASE = 'identity';

@Module({})
export class GatewayModule {
  static forConfig(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      global: true,
      imports: [
        createLoggerModule({ service: 'gateway', level: config.LOG_LEVEL }, { autoLogging: true }),
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            buildDataSourceOptions({
              service: GATEWAY_DATABASE,
              galleyHome: config.GALLEY_HOME,
              databaseUrl: config.DATABASE_URL,
              entities: [UserEntity, SessionEntity, ApiKeyEntity],
              migrations: IDENTITY_MIGRATIONS,
            }),
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('no database options');
            return initializeDatabase(options);
          },
        }),
        DiscoveryModule,
        BusModule,
        IdentityModule,
        HealthModule,
        DatasetsModule,
        LineageModule,
        FeaturesModule,
        TrainingModule,
        JupyterModule,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: APP_INTERCEPTOR, useClass: ContractValidationInterceptor },
        // Uploads stream straight into the blob store the catalog reads from; only hashes cross the bus.
        { provide: BlobStore, useValue: new BlobStore(join(config.GALLEY_HOME, 'blobs')) },
      ],
      exports: [GATEWAY_CONFIG, BlobStore],
    };
  }
}
