import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { HistoricalRetrievalUseCase } from './historical-retrieval.usecase';
import { RetrievalHandler } from './retrieval.handler';
import { TrainingSetOutput } from './training-set-output';

@Module({
  imports: [RegistryModule],
  controllers: [RetrievalHandler],
  providers: [HistoricalRetrievalUseCase, TrainingSetOutput],
})
export class RetrievalModule {}
