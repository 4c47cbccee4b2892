import { z } from 'zod';
import { ActorSchema } from '../common/actor';
import { defineEvent, defineRequest } from '../common/message';
import { SlugSchema } from '../common/names';
import { LineageFieldSchema } from '../catalog/lineage.schemas';
import {
  CreateEntityRequestSchema,
  CreateFeatureServiceRequestSchema,
  FeatureEntitySchema,
  FeatureServiceSchema,
  FeatureViewDefinitionSchema,
  FeatureViewFreshnessSchema,
  FeatureViewSchema,
  HistoricalRetrievalRequestSchema,
  MaterializationSchema,
  MaterializeRequestSchema,
  OnlineFeaturesRequestSchema,
  OnlineFeaturesResponseSchema,
  TrainingSetSchema,
} from './features.schemas';

const Name = z.strictObject({ name: SlugSchema });

export const FeatureRequests = {
  createEntity: defineRequest('galley.features.entity.create', z.strictObject({ actor: ActorSchema, entity: CreateEntityRequestSchema }), FeatureEntitySchema),
  listEntities: defineRequest('galley.features.entity.list', z.strictObject({}), z.object({ items: z.array(FeatureEntitySchema) })),
  getEntity: defineRequest('galley.features.entity.get', Name, FeatureEntitySchema),
  applyView: defineRequest(
    'galley.features.view.apply',
    z.strictObject({ actor: ActorSchema, view: FeatureViewDefinitionSchema }),
    z.object({ view: FeatureViewSchema, created: z.boolean() }),
  ),
  listViews: defineRequest('galley.features.view.list', z.strictObject({}), z.object({ items: z.array(FeatureViewSchema) })),
  getView: defineRequest('galley.features.view.get', z.strictObject({ name: SlugSchema, revision: z.number().int().min(1).optional() }), FeatureViewSchema),
  listViewRevisions: defineRequest('galley.features.view.revisions', Name, z.object({ items: z.array(FeatureViewSchema) })),
  createService: defineRequest(
    'galley.features.service.create',
    z.strictObject({ actor: ActorSchema, service: CreateFeatureServiceRequestSchema }),
    FeatureServiceSchema,
  ),
  listServices: defineRequest('galley.features.service.list', z.strictObject({}), z.object({ items: z.array(FeatureServiceSchema) })),
  getService: defineRequest('galley.features.service.get', Name, FeatureServiceSchema),
  historical: defineRequest('galley.features.historical.get', z.strictObject({ actor: ActorSchema, request: HistoricalRetrievalRequestSchema }), TrainingSetSchema),
  materialize: defineRequest(
    'galley.features.view.materialize',
    z.strictObject({ actor: ActorSchema, name: SlugSchema, window: MaterializeRequestSchema }),
    MaterializationSchema,
  ),
  getMaterialization: defineRequest('galley.features.materialization.get', z.strictObject({ id: z.string().uuid() }), MaterializationSchema),
  freshness: defineRequest('galley.features.view.freshness', Name, FeatureViewFreshnessSchema),
  /** Also the in-cluster API for serving: answered from the local replica of the online store. */
  online: defineRequest('galley.features.online.get', OnlineFeaturesRequestSchema, OnlineFeaturesResponseSchema),
} as const;

export const FeatureEvents = {
  entityCreated: defineEvent('galley.events.features.entity.created', z.object({ entity: FeatureEntitySchema, actor: ActorSchema })),
  viewApplied: defineEvent(
    'galley.events.features.view.applied',
    z.object({ view: FeatureViewSchema, actor: ActorSchema, lineage: LineageFieldSchema.optional() }),
  ),
  serviceCreated: defineEvent('galley.events.features.service.created', z.object({ service: FeatureServiceSchema, actor: ActorSchema })),
  trainingSetBuilt: defineEvent(
    'galley.events.features.training-set.built',
    z.object({ trainingSet: TrainingSetSchema, actor: ActorSchema, lineage: LineageFieldSchema }),
  ),
  materializationProgressed: defineEvent('galley.events.features.materialization.progressed', z.object({ materialization: MaterializationSchema })),
  materializationFinished: defineEvent('galley.events.features.materialization.finished', z.object({ materialization: MaterializationSchema })),
} as const;

/** The online store: one NATS KV bucket per feature view. */
export function onlineBucketName(view: string): string {
  return `galley-features-${view}`;
}
