import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { FeatureRequests, type FeatureViewFreshness, type Materialization } from '@galley/contracts';
import { parseOrThrow } from '@galley/messaging';
import { MaterializationQueriesUseCase } from './materialization-queries.usecase';
import { MaterializeUseCase } from './materialize.usecase';

/** Thin: parse the message with its contract, call one use case. */
@Controller()
export class MaterializationHandler {
  constructor(
    private readonly materialize: MaterializeUseCase,
    private readonly queries: MaterializationQueriesUseCase,
  ) {}

  @MessagePattern(FeatureRequests.materialize.subject)
  async start(@Payload() payload: unknown): Promise<Materialization> {
    const { actor, name, window } = parseOrThrow(FeatureRequests.materialize.request, payload, 'view.materialize request');
    return this.materialize.execute(actor, name, window);
  }

  @MessagePattern(FeatureRequests.getMaterialization.subject)
  async get(@Payload() payload: unknown): Promise<Materialization> {
    return this.queries.get(parseOrThrow(FeatureRequests.getMaterialization.request, payload, 'materialization.get request').id);
  }

  @MessagePattern(FeatureRequests.freshness.subject)
  async freshness(@Payload() payload: unknown): Promise<FeatureViewFreshness> {
    return this.queries.freshness(parseOrThrow(FeatureRequests.freshness.request, payload, 'view.freshness request').name);
  }
}
