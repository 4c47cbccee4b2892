import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { NatsConnection } from 'nats';
import { PLATFORM_VERSION } from '@galley/contracts';
import { BusClient, createHealthHandler, createLoggerModule, MessagingModule, NATS_CONNECTION } from '@galley/messaging';
import { buildDataSourceOptions, initializeDatabase, OutboxMessageEntity } from '@galley/persistence';
import { TRAINING_CONFIG, type TrainingConfig } from './config';
import { JOB_ENTITIES } from './jobs/job.entities';
import { JobsModule } from './jobs/jobs.module';
import { TRAINING_MIGRATIONS } from './migrations';
import { SWEEP_ENTITIES } from './sweeps/sweep.entities';
import { SweepsModule } from './sweeps/sweeps.module';
import { TRACKING_ENTITIES } from './tracking/tracking.entities';
import { TrackingModule } from './tracking/tracking.module';

export const TRAINING_SERVICE = 'training';

export const TRAINING_ENTITIES = [...TRACKING_ENTITIES, ...JOB_ENTITIES, ...SWEEP_ENTITIES, OutboxMessageEntity];

/** How long the training service waits for the catalog when validating a job. */
const CATALOG_TIMEOUT_MS = 10_000;

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
        JobsModule,
        SweepsModule,
      ],
      controllers: [createHealthHandler(TRAINING_SERVICE, PLATFORM_VERSION)],
      providers: [
        { provide: TRAINING_CONFIG, useValue: config },
        { provide: BusClient, inject: [NATS_CONNECTION], useFactory: (connection: NatsConnection) => new BusClient(connection, CATALOG_TIMEOUT_MS) },
      ],
      exports: [TRAINING_CONFIG, BusClient],
      global: true,
    };
  }
}
