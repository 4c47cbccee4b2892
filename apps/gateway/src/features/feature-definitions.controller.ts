import { Controller, Get, Post, Res } from '@nestjs/common';
import {
  CreateEntityRequestSchema,
  CreateFeatureServiceRequestSchema,
  FeatureEntitySchema,
  FeatureRequests,
  FeatureServiceSchema,
  FeatureViewDefinitionSchema,
  FeatureViewSchema,
  SlugSchema,
  type Actor,
  type CreateEntityRequest,
  type CreateFeatureServiceRequest,
  type FeatureEntity,
  type FeatureService,
  type FeatureView,
  type FeatureViewDefinition,
} from '@galley/contracts';
import { BusClient } from '@galley/messaging';
import type { Response } from 'express';
import { z } from 'zod';
import { Endpoint } from '../http/endpoint.decorator';
import { CurrentActor, ValidBody, ValidParams } from '../http/validated-request';

const NameParams = z.strictObject({ name: SlugSchema });
const RevisionParams = z.strictObject({ name: SlugSchema, revision: z.coerce.number().int().min(1) });
const list = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item) });

/** Entities, feature views and feature services: the feature store's definitions, forwarded over NATS. */
@Controller()
export class FeatureDefinitionsController {
  constructor(private readonly bus: BusClient) {}

  @Post('entities')
  @Endpoint({
    summary: 'Define an entity (what features describe) and the column that holds its key',
    tags: ['features'],
    access: ['data-scientist'],
    body: CreateEntityRequestSchema,
    response: FeatureEntitySchema,
    status: 201,
    errors: [400, 409, 503, 504],
  })
  async createEntity(@CurrentActor() actor: Actor, @ValidBody() body: CreateEntityRequest): Promise<FeatureEntity> {
    return this.bus.request(FeatureRequests.createEntity, { actor, entity: body });
  }

  @Get('entities')
  @Endpoint({ summary: 'List entities', tags: ['features'], access: ['viewer'], response: list(FeatureEntitySchema), errors: [503, 504] })
  async listEntities(): Promise<{ items: FeatureEntity[] }> {
    return this.bus.request(FeatureRequests.listEntities, {});
  }

  @Get('entities/:name')
  @Endpoint({ summary: 'Get an entity', tags: ['features'], access: ['viewer'], params: NameParams, response: FeatureEntitySchema, errors: [404, 503, 504] })
  async getEntity(@ValidParams() params: { name: string }): Promise<FeatureEntity> {
    return this.bus.request(FeatureRequests.getEntity, params);
  }

  @Post('feature-views')
  @Endpoint({
    summary: 'Create a feature view, or its next revision when the definition changed (the same definition again is a no-op: 200)',
    description:
      'The definition is checked against the schema of its source dataset version: join key, event-time column (a date or timestamp) and feature columns must exist, ' +
      'and a version the catalog rejected is refused with 409.',
    tags: ['features'],
    access: ['data-scientist'],
    body: FeatureViewDefinitionSchema,
    response: FeatureViewSchema,
    status: 201,
    errors: [400, 404, 409, 422, 503, 504],
  })
  async applyView(@CurrentActor() actor: Actor, @ValidBody() body: FeatureViewDefinition, @Res({ passthrough: true }) response: Response): Promise<FeatureView> {
    const applied = await this.bus.request(FeatureRequests.applyView, { actor, view: body });
    response.status(applied.created ? 201 : 200);
    return applied.view;
  }

  @Get('feature-views')
  @Endpoint({ summary: 'List feature views (current revisions)', tags: ['features'], access: ['viewer'], response: list(FeatureViewSchema), errors: [503, 504] })
  async listViews(): Promise<{ items: FeatureView[] }> {
    return this.bus.request(FeatureRequests.listViews, {});
  }

  @Get('feature-views/:name')
  @Endpoint({ summary: 'Get the current revision of a feature view', tags: ['features'], access: ['viewer'], params: NameParams, response: FeatureViewSchema, errors: [404, 503, 504] })
  async getView(@ValidParams() params: { name: string }): Promise<FeatureView> {
    return this.bus.request(FeatureRequests.getView, params);
  }

  @Get('feature-views/:name/revisions')
  @Endpoint({ summary: 'Every revision of a feature view', tags: ['features'], access: ['viewer'], params: NameParams, response: list(FeatureViewSchema), errors: [404, 503, 504] })
  async viewRevisions(@ValidParams() params: { name: string }): Promise<{ items: FeatureView[] }> {
    return this.bus.request(FeatureRequests.listViewRevisions, params);
  }

  @Get('feature-views/:name/revisions/:revision')
  @Endpoint({ summary: 'One revision of a feature view', tags: ['features'], access: ['viewer'], params: RevisionParams, response: FeatureViewSchema, errors: [404, 503, 504] })
  async viewRevision(@ValidParams() params: { name: string; revision: number }): Promise<FeatureView> {
    return this.bus.request(FeatureRequests.getView, params);
  }

  @Post('feature-services')
  @Endpoint({
    summary: 'Name the set of features a model uses (view:feature references, all of which must exist)',
    tags: ['features'],
    access: ['data-scientist'],
    body: CreateFeatureServiceRequestSchema,
    response: FeatureServiceSchema,
    status: 201,
    errors: [400, 404, 409, 503, 504],
  })
  async createService(@CurrentActor() actor: Actor, @ValidBody() body: CreateFeatureServiceRequest): Promise<FeatureService> {
    return this.bus.request(FeatureRequests.createService, { actor, service: body });
  }

  @Get('feature-services')
  @Endpoint({ summary: 'List feature services', tags: ['features'], access: ['viewer'], response: list(FeatureServiceSchema), errors: [503, 504] })
  async listServices(): Promise<{ items: FeatureService[] }> {
    return this.bus.request(FeatureRequests.listServices, {});
  }

  @Get('feature-services/:name')
  @Endpoint({ summary: 'Get a feature service', tags: ['features'], access: ['viewer'], params: NameParams, response: FeatureServiceSchema, errors: [404, 503, 504] })
  async getService(@ValidParams() params: { name: string }): Promise<FeatureService> {
    return this.bus.request(FeatureRequests.getService, params);
  }
}
