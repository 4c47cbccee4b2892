import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { FeatureRequests, type TrainingSet } from '@galley/contracts';
import { parseOrThrow } from '@galley/messaging';
import { HistoricalRetrievalUseCase } from './historical-retrieval.usecase';

@Controller()
export class RetrievalHandler {
  constructor(private readonly historical: HistoricalRetrievalUseCase) {}

  @MessagePattern(FeatureRequests.historical.subject)
  async buildTrainingSet(@Payload() payload: unknown): Promise<TrainingSet> {
    const { actor, request } = parseOrThrow(FeatureRequests.historical.request, payload, 'historical request');
    return this.historical.execute(actor, request);
  }
}
