import { Module } from '@nestjs/common';
import { OnlineModule } from '../online/online.module';
import { RegistryModule } from '../registry/registry.module';
import { MaterializationRunner } from './materialization-runner';
import { MaterializationHandler } from './materialization.handler';
import { MaterializationRepository } from './materialization.repository';
import { MaterializationQueriesUseCase } from './materialization-queries.usecase';
import { MaterializeUseCase } from './materialize.usecase';
import { StaleRunsSweeper } from './stale-runs.sweeper';

@Module({
  imports: [RegistryModule, OnlineModule],
  controllers: [MaterializationHandler],
  providers: [MaterializationRepository, MaterializationRunner, StaleRunsSweeper, MaterializeUseCase, MaterializationQueriesUseCase],
})
export class MaterializationModule {}
