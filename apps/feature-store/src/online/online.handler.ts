import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { FeatureRequests, type OnlineFeaturesResponse } from '@galley/contracts';
import { parseOrThrow } from '@galley/messaging';
import { OnlineFeaturesUseCase } from './online-features.usecase';

@Controller()
export class OnlineHandler {
  constructor(private readonly online: OnlineFeaturesUseCase) {}

  @MessagePattern(FeatureRequests.online.subject)
  async lookup(@Payload() payload: unknown): Promise<OnlineFeaturesResponse> {
    return this.online.lookup(parseOrThrow(FeatureRequests.online.request, payload, 'online request'));
  }
}
