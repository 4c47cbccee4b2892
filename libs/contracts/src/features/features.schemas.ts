import { z } from 'zod';
import { DescriptionSchema, SlugSchema, TagsSchema } from '../common/names';
import { DatasetNameSchema } from '../catalog/datasets.schemas';
import { ColumnSchemaSchema } from '../catalog/profile.schemas';

/**
 * The feature store: entities (what features describe, by a join key), feature views (features over
 * a dataset version, by event time), feature services (the named feature set a model uses).
 */

/** A column name in a user's table: any text DuckDB accepts, but never empty or absurdly long. */
export const ColumnNameSchema = z.string().min(1, 'name a column').max(255);

export const EntityValueTypeSchema = z.enum(['string', 'integer']);
export type EntityValueType = z.infer<typeof EntityValueTypeSchema>;

export const CreateEntityRequestSchema = z.strictObject({
  name: SlugSchema,
  /** The column that holds the entity's key, in feature sources and in entity rows alike. */
  joinKey: ColumnNameSchema,
  valueType: EntityValueTypeSchema,
  description: DescriptionSchema.default(''),
});
export type CreateEntityRequest = z.infer<typeof CreateEntityRequestSchema>;

export const FeatureEntitySchema = z.object({
  name: z.string(),
  joinKey: z.string(),
  valueType: EntityValueTypeSchema,
  description: z.string(),
  owner: z.string(),
  createdAt: z.string(),
});
export type FeatureEntity = z.infer<typeof FeatureEntitySchema>;

export const FeatureValueTypeSchema = z.enum(['float', 'integer', 'string', 'boolean', 'timestamp']);
export type FeatureValueType = z.infer<typeof FeatureValueTypeSchema>;

/** A feature name is also a column name of training sets: a lower-case identifier. */
export const FeatureNameSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z_][a-z0-9_]*$/, 'a feature name is lower-case letters, digits and _, not starting with a digit');

export const FeatureDefinitionSchema = z.strictObject({
  name: FeatureNameSchema,
  /** The source column; defaults to the feature's name. */
  column: ColumnNameSchema.optional(),
  type: FeatureValueTypeSchema,
  description: z.string().max(500).optional(),
});
export type FeatureDefinition = z.infer<typeof FeatureDefinitionSchema>;

export const FeatureSourceSchema = z.strictObject({
  dataset: DatasetNameSchema,
  /** A version number, or `latest` (resolved to the newest accepted version each time it is used). */
  version: z.union([z.literal('latest'), z.number().int().min(1)]),
});
export type FeatureSource = z.infer<typeof FeatureSourceSchema>;

export const MAX_TTL_SECONDS = 10 * 365 * 24 * 3600;

export const FeatureViewDefinitionSchema = z
  .strictObject({
    name: SlugSchema,
    entity: SlugSchema,
    source: FeatureSourceSchema,
    timestampColumn: ColumnNameSchema,
    features: z.array(FeatureDefinitionSchema).min(1, 'a view has at least one feature').max(500),
    /** A value older than this at lookup time is `expired` online and null in training sets; 0 means never. */
    ttlSeconds: z.number().int().min(0).max(MAX_TTL_SECONDS).default(0),
    description: DescriptionSchema.default(''),
    tags: TagsSchema,
  })
  .refine((view) => new Set(view.features.map((feature) => feature.name)).size === view.features.length, {
    message: 'feature names must be unique within a view',
    path: ['features'],
  });
export type FeatureViewDefinition = z.infer<typeof FeatureViewDefinitionSchema>;

export const FeatureViewSchema = z.object({
  name: z.string(),
  /** 1 for the first definition; a changed definition is a new revision, an identical one is not. */
  revision: z.number().int().min(1),
  entity: z.string(),
  joinKey: z.string(),
  source: FeatureSourceSchema,
  timestampColumn: z.string(),
  features: z.array(FeatureDefinitionSchema.required({ column: true })),
  ttlSeconds: z.number().int(),
  description: z.string(),
  tags: z.array(z.string()),
  owner: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FeatureView = z.infer<typeof FeatureViewSchema>;

/** `view:feature`, e.g. `weather_daily:temp_max`. */
export const FeatureRefSchema = z
  .string()
  .max(130)
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?:[a-z_][a-z0-9_]*$/, 'a feature reference is view:feature');
export type FeatureRef = z.infer<typeof FeatureRefSchema>;

export const CreateFeatureServiceRequestSchema = z.strictObject({
  name: SlugSchema,
  features: z.array(FeatureRefSchema).min(1).max(1000),
  description: DescriptionSchema.default(''),
});
export type CreateFeatureServiceRequest = z.infer<typeof CreateFeatureServiceRequestSchema>;

export const FeatureServiceSchema = z.object({
  name: z.string(),
  features: z.array(FeatureRefSchema),
  description: z.string(),
  owner: z.string(),
  createdAt: z.string(),
});
export type FeatureService = z.infer<typeof FeatureServiceSchema>;

/** Either a list of features or a feature service, never both. */
const oneSelection = {
  check: (request: { features?: unknown; featureService?: unknown }) => (request.features === undefined) !== (request.featureService === undefined),
  message: { message: 'give either features or featureService', path: ['features'] },
};

export const ENTITY_TIMESTAMP_COLUMN = 'event_timestamp';

/** Entity rows: the join key(s) and `event_timestamp` per row, plus any label columns to carry along. */
export const InlineEntityRowsSchema = z.array(z.record(z.string().max(255), z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]))).min(1).max(100_000);

export const HistoricalRetrievalRequestSchema = z
  .strictObject({
  entities: z.union([
    z.strictObject({ dataset: DatasetNameSchema, version: z.union([z.literal('latest'), z.number().int().min(1)]) }),
    z.strictObject({ rows: InlineEntityRowsSchema }),
  ]),
  features: z.array(FeatureRefSchema).min(1).max(1000).optional(),
  featureService: SlugSchema.optional(),
  /** The column of the entity rows holding each row's time; default `event_timestamp`. */
  timestampColumn: ColumnNameSchema.default(ENTITY_TIMESTAMP_COLUMN),
  /** The catalog dataset the training set is stored in as a new version (created when missing). */
  output: DatasetNameSchema,
}).refine(oneSelection.check, oneSelection.message);
export type HistoricalRetrievalRequest = z.infer<typeof HistoricalRetrievalRequestSchema>;

export const TrainingSetSchema = z.object({
  dataset: z.string(),
  version: z.number().int().min(1),
  rowCount: z.number().int().min(0),
  columns: z.array(ColumnSchemaSchema),
  features: z.array(FeatureRefSchema),
  /** The exact inputs: every source dataset version and feature view revision used. */
  sources: z.array(z.string()),
  /** False when the same rows were already this dataset's version (same bytes). */
  created: z.boolean(),
});
export type TrainingSet = z.infer<typeof TrainingSetSchema>;

export const OnlineEntityKeySchema = z.record(z.string().max(255), z.union([z.string().max(1000), z.number()]));

export const OnlineFeaturesRequestSchema = z.strictObject({
  features: z.array(FeatureRefSchema).min(1).max(1000).optional(),
  featureService: SlugSchema.optional(),
  /** One object per entity: its join key and value, e.g. `{ "station_id": "s-17" }`. */
  entities: z.array(OnlineEntityKeySchema).min(1).max(1000),
}).refine(oneSelection.check, oneSelection.message);
export type OnlineFeaturesRequest = z.infer<typeof OnlineFeaturesRequestSchema>;

export const OnlineValueStatusSchema = z.enum(['present', 'missing', 'expired']);
export type OnlineValueStatus = z.infer<typeof OnlineValueStatusSchema>;

export const OnlineScalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type OnlineScalar = z.infer<typeof OnlineScalarSchema>;

/**
 * Columns, not an object per value: a 100-entity × 50-feature answer is ~85 KB instead of ~390 KB,
 * which is most of what a lookup costs on the wire and in JSON. `values` and `statuses` follow
 * `features`; `eventTimestamps` follows `views`, because a view stores one row per entity and all of
 * its features share that row's event time. Read one value with `onlineValueAt` (or the SDK).
 */
export const OnlineFeaturesResponseSchema = z.object({
  /** The requested features in order. */
  features: z.array(FeatureRefSchema),
  /** The feature views of `features`, in order of first appearance. */
  views: z.array(SlugSchema),
  results: z.array(
    z.object({
      entity: OnlineEntityKeySchema,
      /** Per feature: its value; null unless its status is `present` (or the stored value is null). */
      values: z.array(OnlineScalarSchema),
      /** Per feature: `present`, `missing` (nothing stored for the entity) or `expired` (older than the view's TTL). */
      statuses: z.array(OnlineValueStatusSchema),
      /** Per view: the event time (ISO 8601) of the entity's stored row; null when none is stored. */
      eventTimestamps: z.array(z.string().nullable()),
    }),
  ),
});
export type OnlineFeaturesResponse = z.infer<typeof OnlineFeaturesResponseSchema>;

/** One value of an online answer, with its status and its view's event time. */
export interface OnlineFeatureValue {
  value: OnlineScalar;
  status: OnlineValueStatus;
  eventTimestamp: string | null;
}

/** Result `result`'s value of feature `ref` (`view:feature`); undefined when `ref` was not asked for. */
export function onlineValueAt(response: OnlineFeaturesResponse, result: number, ref: string): OnlineFeatureValue | undefined {
  const slot = response.features.indexOf(ref);
  const row = response.results[result];
  if (slot === -1 || !row) return undefined;
  const view = response.views.indexOf(ref.slice(0, ref.indexOf(':')));
  return { value: row.values[slot] ?? null, status: row.statuses[slot] ?? 'missing', eventTimestamp: row.eventTimestamps[view] ?? null };
}

export const MaterializeRequestSchema = z
  .strictObject({
    /** Only rows with event time in [start, end); both optional (ISO 8601). */
    start: z.iso.datetime({ offset: true }).optional(),
    end: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((window) => !window.start || !window.end || Date.parse(window.start) < Date.parse(window.end), { message: 'start must be before end' });
export type MaterializeRequest = z.infer<typeof MaterializeRequestSchema>;

export const MaterializationStatusSchema = z.enum(['running', 'succeeded', 'failed', 'interrupted']);

export const MaterializationSchema = z.object({
  id: z.string(),
  view: z.string(),
  viewRevision: z.number().int(),
  /** The dataset version read (`latest` resolved). */
  source: z.object({ dataset: z.string(), version: z.number().int() }),
  status: MaterializationStatusSchema,
  start: z.string().nullable(),
  end: z.string().nullable(),
  /** Rows of the source in the window newer than what the online store already had. */
  rowsScanned: z.number().int().min(0),
  /** Entities written (changed) in the online store. */
  entitiesWritten: z.number().int().min(0),
  /** Entities to write in total, once known (for progress bars). */
  entitiesTotal: z.number().int().min(0).nullable(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Materialization = z.infer<typeof MaterializationSchema>;

/** What the workspace shows of a view's online state. */
export const FeatureViewFreshnessSchema = z.object({
  view: z.string(),
  lastMaterialization: MaterializationSchema.nullable(),
  /** Newest event time in the online store. */
  newestEventTimestamp: z.string().nullable(),
  onlineEntities: z.number().int().min(0),
});
export type FeatureViewFreshness = z.infer<typeof FeatureViewFreshnessSchema>;
