import { Controller, Get, Post, Res } from '@nestjs/common';
import {
  FeatureRequests,
  FeatureViewFreshnessSchema,
  HistoricalRetrievalRequestSchema,
  MaterializationSchema,
  MaterializeRequestSchema,
  OnlineFeaturesRequestSchema,
  OnlineFeaturesResponseSchema,
  SlugSchema,
  TrainingSetSchema,
  type Actor,
  type FeatureViewFreshness,
  type HistoricalRetrievalRequest,
  type Materialization,
  type MaterializeRequest,
  type OnlineFeaturesRequest,
  type TrainingSet,
} from '@galley/contracts';
import { BusClient } from '@galley/messaging';
import type { Response } from 'express';
import { z } from 'zod';
import { Endpoint } from '../http/endpoint.decorator';
import { CurrentActor, ValidBody, ValidParams } from '../http/validated-request';

/** Building a training set joins and profiles whole tables. */
const TRAINING_SET_TIMEOUT_MS = 10 * 60_000;

/** Feature values: training sets (offline), materialization and online lookups. */
@Controller()
export class FeatureValuesController {
  constructor(private readonly bus: BusClient) {}

  @Post('features/historical')
  @Endpoint({
    summary: 'Build a point-in-time-correct training set and store it in the catalog as a new dataset version',
    description:
      'Each entity row (a catalog dataset version, or inline rows) is joined to the latest value of each feature at or before its timestamp and within the view TTL; null otherwise.',
    tags: ['features'],
    access: ['data-scientist'],
    body: HistoricalRetrievalRequestSchema,
    response: TrainingSetSchema,
    status: 201,
    errors: [400, 404, 409, 422, 503, 504],
  })
  async historical(@CurrentActor() actor: Actor, @ValidBody() body: HistoricalRetrievalRequest): Promise<TrainingSet> {
    return this.bus.request(FeatureRequests.historical, { actor, request: body }, { timeoutMs: TRAINING_SET_TIMEOUT_MS });
  }

  @Post('features/online')
  @Endpoint({
    summary: 'Look up the latest feature values of entities in the online store',
    description: 'Each value comes with its event time and a status: present, missing (never materialized) or expired (older than the view TTL).',
    tags: ['features'],
    access: ['viewer'],
    body: OnlineFeaturesRequestSchema,
    response: OnlineFeaturesResponseSchema,
    status: 200,
    errors: [400, 404, 503, 504],
  })
  async online(@ValidBody() body: OnlineFeaturesRequest, @Res() response: Response): Promise<void> {
    // OnlineLookupRoute answers this path ahead of Nest, with this contract; this handler stays the
    // route's declaration and what Nest would run without it (an app built without that middleware).
    const json = await this.bus.requestJson(FeatureRequests.online, body);
    response.status(200).type('application/json').end(json);
  }

  @Post('feature-views/:name/materialize')
  @Endpoint({
    summary: 'Write the latest value per entity into the online store, incrementally (runs in the background: follow GET /materializations/{id})',
    tags: ['features'],
    access: ['data-scientist'],
    params: z.strictObject({ name: SlugSchema }),
    body: MaterializeRequestSchema,
    response: MaterializationSchema,
    status: 202,
    errors: [400, 404, 409, 503, 504],
  })
  async materialize(@CurrentActor() actor: Actor, @ValidParams() params: { name: string }, @ValidBody() body: MaterializeRequest): Promise<Materialization> {
    return this.bus.request(FeatureRequests.materialize, { actor, name: params.name, window: body });
  }

  @Get('materializations/:id')
  @Endpoint({
    summary: 'Progress and result of a materialization',
    tags: ['features'],
    access: ['viewer'],
    params: z.strictObject({ id: z.uuid() }),
    response: MaterializationSchema,
    errors: [400, 404, 503, 504],
  })
  async materialization(@ValidParams() params: { id: string }): Promise<Materialization> {
    return this.bus.request(FeatureRequests.getMaterialization, params);
  }

  @Get('feature-views/:name/freshness')
  @Endpoint({
    summary: "A view's online freshness: last materialization, newest event time, entities online",
    tags: ['features'],
    access: ['viewer'],
    params: z.strictObject({ name: SlugSchema }),
    response: FeatureViewFreshnessSchema,
    errors: [404, 503, 504],
  })
  async freshness(@ValidParams() params: { name: string }): Promise<FeatureViewFreshness> {
    return this.bus.request(FeatureRequests.freshness, params);
  }
}
