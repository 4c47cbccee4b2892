import { Module } from '@nestjs/common';
import { TrackingModule } from '../tracking/tracking.module';
import { JobEventsPublisher } from './job-events.publisher';
import { JobLifecycleUseCase } from './job-lifecycle.usecase';
import { JobQueriesUseCase } from './job-queries.usecase';
import { JobValidator } from './job-validator';
import { JobsHandler } from './jobs.handler';
import { JobsRepository } from './jobs.repository';
import { SubmitJobUseCase } from './submit-job.usecase';
import { TrainersUseCase } from './trainers.usecase';

@Module({
  imports: [TrackingModule],
  controllers: [JobsHandler],
  providers: [JobsRepository, JobValidator, JobEventsPublisher, SubmitJobUseCase, JobQueriesUseCase, JobLifecycleUseCase, TrainersUseCase],
  exports: [JobValidator, SubmitJobUseCase, JobLifecycleUseCase],
})
export class JobsModule {}
