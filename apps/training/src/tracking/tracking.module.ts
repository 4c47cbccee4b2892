import { Module } from '@nestjs/common';
import { ExperimentsUseCase } from './experiments.usecase';
import { MetricsUseCase } from './metrics.usecase';
import { RunSearchUseCase } from './run-search.usecase';
import { RunsUseCase } from './runs.usecase';
import { TrackingHandler } from './tracking.handler';
import { TrackingRepository } from './tracking.repository';

@Module({
  controllers: [TrackingHandler],
  providers: [TrackingRepository, ExperimentsUseCase, RunsUseCase, MetricsUseCase, RunSearchUseCase],
  exports: [TrackingRepository, ExperimentsUseCase, RunsUseCase, MetricsUseCase],
})
export class TrackingModule {}
