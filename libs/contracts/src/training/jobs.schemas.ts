import { z } from 'zod';
import { SlugSchema } from '../common/names';
import { DatasetNameSchema } from '../catalog/datasets.schemas';
import { DataSpecSchema, EpochLogSchema, EvaluationMetricsSchema, ModelSpecSchema } from './model-spec.schemas';
import { ExperimentNameSchema } from './tracking.schemas';

/**
 * Training jobs: a model spec (Keras JSON + compile + fit, as a browser prototype gives it), the data
 * (a catalog dataset version or a feature-store training set, with target and features) and a seed.
 * A job is validated completely before it is queued on the GALLEY_JOBS work queue.
 */

export const JobSourceSchema = z.strictObject({
  dataset: DatasetNameSchema,
  /** A number, or `latest` (resolved to the newest accepted version when the job is submitted). */
  version: z.union([z.literal('latest'), z.number().int().min(1)]),
});
export type JobSource = z.infer<typeof JobSourceSchema>;

export const JobResourcesSchema = z.strictObject({
  /** The job fails when training takes longer than this. */
  timeoutSeconds: z.number().int().min(10).max(7 * 24 * 3600).default(3600),
  /** Attempts before the job is dead-lettered (a trainer crash counts as an attempt). */
  maxAttempts: z.number().int().min(1).max(10).default(3),
});

export const SubmitJobRequestSchema = z.strictObject({
  name: z.string().min(1).max(120).optional(),
  experiment: ExperimentNameSchema,
  source: JobSourceSchema,
  data: DataSpecSchema,
  model: ModelSpecSchema,
  seed: z.number().int().min(0).max(0xffff_ffff),
  resources: JobResourcesSchema.default({ timeoutSeconds: 3600, maxAttempts: 3 }),
});
export type SubmitJobRequest = z.infer<typeof SubmitJobRequestSchema>;
export type SubmitJobRequestInput = z.input<typeof SubmitJobRequestSchema>;

export const JobStatusSchema = z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatusSchema>;

export const JobSchema = z.object({
  id: z.string(),
  name: z.string(),
  experiment: z.string(),
  status: JobStatusSchema,
  /** The exact data version trained on (`latest` resolved at submission). */
  source: z.object({ dataset: z.string(), version: z.number().int(), sha256: z.string() }),
  specHash: z.string(),
  seed: z.number().int(),
  attempts: z.number().int().min(0),
  maxAttempts: z.number().int(),
  runId: z.string().nullable(),
  trainerId: z.string().nullable(),
  /** The last epoch reported, for progress bars. */
  epoch: z.number().int().min(0),
  epochs: z.number().int().min(1),
  cancelRequested: z.boolean(),
  deadLettered: z.boolean(),
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof JobSchema>;

export const JobDetailsSchema = JobSchema.extend({
  data: DataSpecSchema,
  model: ModelSpecSchema,
  resources: JobResourcesSchema,
  /** The test split's evaluation once completed (confusion matrix, curves); optional so older answers parse. */
  evaluation: EvaluationMetricsSchema.nullable().optional(),
});
export type JobDetails = z.infer<typeof JobDetailsSchema>;

export const ListJobsQuerySchema = z.strictObject({
  experiment: ExperimentNameSchema.optional(),
  status: JobStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListJobsQuery = z.infer<typeof ListJobsQuerySchema>;

export const JobPageSchema = z.object({ items: z.array(JobSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export type JobPage = z.infer<typeof JobPageSchema>;

/** What streams to `GET /jobs/{id}/events` (server-sent events) and on `galley.training.job-events.<id>`. */
export const JobEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('queued'), job: JobSchema }),
  z.object({ type: z.literal('started'), job: JobSchema }),
  z.object({ type: z.literal('epoch'), jobId: z.string(), runId: z.string(), log: EpochLogSchema }),
  z.object({ type: z.literal('completed'), job: JobSchema, evaluation: EvaluationMetricsSchema }),
  z.object({ type: z.literal('failed'), job: JobSchema }),
  z.object({ type: z.literal('cancelled'), job: JobSchema }),
  z.object({ type: z.literal('retrying'), job: JobSchema }),
]);
export type JobEvent = z.infer<typeof JobEventSchema>;

export function jobEventsSubject(jobId: string): string {
  return `galley.training.job-events.${jobId}`;
}

/** The message on the GALLEY_JOBS work queue: only the id; the trainer fetches the rest (never trust a bulky message). */
export const TRAINING_JOBS_SUBJECT = 'galley.jobs.training';
export const QueuedJobMessageSchema = z.strictObject({ jobId: z.uuid() });

export const TrainerSchema = z.object({
  id: z.string(),
  host: z.string(),
  pid: z.number().int(),
  backend: z.string(),
  status: z.enum(['idle', 'busy']),
  jobId: z.string().nullable(),
  startedAt: z.string(),
  lastSeenAt: z.string(),
});
export type Trainer = z.infer<typeof TrainerSchema>;

export const TrainerIdSchema = SlugSchema;
