import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { TrackingModule } from '../tracking/tracking.module';
import { SweepScheduler } from './sweep-scheduler';
import { SweepsHandler } from './sweeps.handler';
import { SweepsUseCase } from './sweeps.usecase';

@Module({
  imports: [TrackingModule, JobsModule],
  controllers: [SweepsHandler],
  providers: [SweepsUseCase, SweepScheduler],
})
export class SweepsModule {}
