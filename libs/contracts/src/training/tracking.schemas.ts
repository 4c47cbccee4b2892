import { z } from 'zod';
import { DescriptionSchema, SlugSchema } from '../common/names';

/**
 * Experiment tracking: experiments group runs; a run records params, tags, metric series, artifacts,
 * status, timings and its environment. Runs come from training jobs or from any tool through the
 * logging API (notebooks, scripts).
 */

export const ExperimentNameSchema = SlugSchema;

export const CreateExperimentRequestSchema = z.strictObject({
  name: ExperimentNameSchema,
  description: DescriptionSchema.default(''),
});
export type CreateExperimentRequest = z.infer<typeof CreateExperimentRequestSchema>;

export const ExperimentSchema = z.object({
  name: z.string(),
  description: z.string(),
  owner: z.string(),
  createdAt: z.string(),
  runCount: z.number().int().min(0),
});
export type Experiment = z.infer<typeof ExperimentSchema>;

/** Keys of params, metrics and tags: letters, digits and `_ - . /`, as MLflow allows, so tools can port. */
export const TrackingKeySchema = z
  .string()
  .min(1)
  .max(250)
  .regex(/^[A-Za-z0-9_\-./]+$/, 'a key is letters, digits and _ - . /');

export const ParamValueSchema = z.union([z.string().max(6000), z.number({ error: 'a param must be a finite number, a string or a boolean' }), z.boolean()]);
export type ParamValue = z.infer<typeof ParamValueSchema>;

export const RunStatusSchema = z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const RunEnvironmentSchema = z.object({
  tfjsVersion: z.string().max(40).optional(),
  backend: z.string().max(40).optional(),
  nodeVersion: z.string().max(40).optional(),
  /** sha256 of the canonical job spec (model, data, fit, seed). */
  specHash: z.string().max(64).optional(),
  /** `dataset:{name}@{v}` of the data trained on. */
  dataVersion: z.string().max(160).optional(),
  host: z.string().max(255).optional(),
});
export type RunEnvironment = z.infer<typeof RunEnvironmentSchema>;

export const CreateRunRequestSchema = z.strictObject({
  experiment: ExperimentNameSchema,
  name: z.string().max(250).optional(),
  params: z.record(TrackingKeySchema, ParamValueSchema).default({}),
  tags: z.record(TrackingKeySchema, z.string().max(5000)).default({}),
  environment: RunEnvironmentSchema.default({}),
});
export type CreateRunRequest = z.infer<typeof CreateRunRequestSchema>;

export const RunSchema = z.object({
  id: z.string(),
  experiment: z.string(),
  name: z.string(),
  status: RunStatusSchema,
  /** `job` for runs of training jobs, `external` for runs logged through the API. */
  source: z.enum(['job', 'external']),
  jobId: z.string().nullable(),
  params: z.record(z.string(), ParamValueSchema),
  tags: z.record(z.string(), z.string()),
  environment: RunEnvironmentSchema,
  /** The latest value of each metric. */
  metrics: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Run = z.infer<typeof RunSchema>;

export const MetricPointInputSchema = z.strictObject({
  key: TrackingKeySchema,
  value: z.number({ error: 'a metric value must be a finite number (no NaN or Infinity)' }),
  step: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** Epoch milliseconds; the server's time when left out. */
  timestamp: z.number().int().min(0).optional(),
});
export type MetricPointInput = z.infer<typeof MetricPointInputSchema>;

/** Batches keep ingest fast: one request, one transaction. */
export const MAX_METRIC_BATCH = 5_000;

export const LogMetricsRequestSchema = z.strictObject({
  metrics: z.array(MetricPointInputSchema).min(1).max(MAX_METRIC_BATCH, `at most ${MAX_METRIC_BATCH} points per request`),
});
export type LogMetricsRequest = z.infer<typeof LogMetricsRequestSchema>;

export const LoggedMetricsSchema = z.object({
  /** Points stored; a point already stored (same key and step) is not stored twice. */
  accepted: z.number().int().min(0),
  duplicates: z.number().int().min(0),
});
export type LoggedMetrics = z.infer<typeof LoggedMetricsSchema>;

export const UpdateRunRequestSchema = z.strictObject({
  status: z.enum(['running', 'completed', 'failed', 'cancelled']).optional(),
  params: z.record(TrackingKeySchema, ParamValueSchema).optional(),
  tags: z.record(TrackingKeySchema, z.string().max(5000)).optional(),
  error: z.string().max(4000).optional(),
});
export type UpdateRunRequest = z.infer<typeof UpdateRunRequestSchema>;

export const MetricPointSchema = z.object({ step: z.number().int(), value: z.number(), timestamp: z.number().int() });
export const MetricHistorySchema = z.object({ runId: z.string(), key: z.string(), points: z.array(MetricPointSchema) });
export type MetricHistory = z.infer<typeof MetricHistorySchema>;

/**
 * `metrics.val_auc > 0.9 and params.lr = 0.01 and tags.team = 'vision' and attributes.status = 'completed'`:
 * comparisons joined by `and`; numbers compare numerically, quoted strings as text.
 */
export const RunFilterSchema = z.string().max(2000);

export const SearchRunsQuerySchema = z.strictObject({
  experiment: ExperimentNameSchema.optional(),
  filter: RunFilterSchema.optional(),
  /** `metrics.<key> desc`, `params.<key> asc`, `attributes.created_at desc` (the default). */
  orderBy: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type SearchRunsQuery = z.infer<typeof SearchRunsQuerySchema>;

export const RunPageSchema = z.object({
  items: z.array(RunSchema),
  total: z.number().int().min(0),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type RunPage = z.infer<typeof RunPageSchema>;
