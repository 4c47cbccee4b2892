import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { LookupPlans } from './lookup-plans';
import { OnlineFeaturesUseCase } from './online-features.usecase';
import { OnlineHandler } from './online.handler';
import { OnlineReplicas } from './online-replicas';

@Module({
  imports: [RegistryModule],
  providers: [OnlineHandler, OnlineReplicas, LookupPlans, OnlineFeaturesUseCase],
  exports: [OnlineReplicas],
})
export class OnlineModule {}
