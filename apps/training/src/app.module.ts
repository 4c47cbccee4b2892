import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PLATFORM_VERSION } from '@galley/contracts';
import { createHealthHandler, createLoggerModule, MessagingModule } from '@galley/messaging';
import { buildDataSourceOptions, initializeDatabase, OutboxMessageEntity } from '@galley/persistence';
import { TRAINING_CONFIG, type TrainingConfig } from './config';
import { TRAINING_MIGRATIONS } from './migrations';
import { TRACKING_ENTITIES } from './tracking/tracking.entities';
import { TrackingModule } from './tracking/tracking.module';

export const TRAINING_SERVICE = 'training';

export const TRAINING_ENTITIES = [...TRACKING_ENTITIES, OutboxMessageEntity];

@Module({})
export class TrainingModule {
  static forConfig(config: TrainingConfig): DynamicModule {
    return {
      module: TrainingModule,
      imports: [
        createLoggerModule({ service: TRAINING_SERVICE, level: config.LOG_LEVEL }),
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            buildDataSourceOptions({
              service: TRAINING_SERVICE,
              galleyHome: config.GALLEY_HOME,
              databaseUrl: config.DATABASE_URL,
              entities: TRAINING_ENTITIES,
              migrations: TRAINING_MIGRATIONS,
            }),
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('no database options');
            return initializeDatabase(options);
          },
        }),
        MessagingModule.forService({ service: TRAINING_SERVICE, natsUrl: config.NATS_URL }),
        TrackingModule,
      ],
      controllers: [createHealthHandler(TRAINING_SERVICE, PLATFORM_VERSION)],
      providers: [{ provide: TRAINING_CONFIG, useValue: config }],
      exports: [TRAINING_CONFIG],
      global: true,
    };
  }
}
