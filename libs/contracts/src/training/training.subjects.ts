import { z } from 'zod';
import { ActorSchema } from '../common/actor';
import { defineEvent, defineRequest } from '../common/message';
import { LineageFieldSchema } from '../catalog/lineage.schemas';
import {
  CreateExperimentRequestSchema,
  CreateRunRequestSchema,
  ExperimentNameSchema,
  ExperimentSchema,
  LoggedMetricsSchema,
  LogMetricsRequestSchema,
  MetricHistorySchema,
  RunPageSchema,
  RunSchema,
  SearchRunsQuerySchema,
  TrackingKeySchema,
  UpdateRunRequestSchema,
} from './tracking.schemas';
import { ArtifactRefSchema } from './artifacts.schemas';
import { CreateSweepRequestSchema, SweepSchema } from './sweeps.schemas';
import { EpochLogSchema, EvaluationMetricsSchema } from './model-spec.schemas';
import { JobDetailsSchema, JobPageSchema, JobSchema, ListJobsQuerySchema, SubmitJobRequestSchema, TrainerIdSchema, TrainerSchema } from './jobs.schemas';

const RunId = z.uuid();

export const TrainingRequests = {
  createExperiment: defineRequest(
    'galley.training.experiment.create',
    z.strictObject({ actor: ActorSchema, experiment: CreateExperimentRequestSchema }),
    ExperimentSchema,
  ),
  listExperiments: defineRequest('galley.training.experiment.list', z.strictObject({}), z.object({ items: z.array(ExperimentSchema) })),
  getExperiment: defineRequest('galley.training.experiment.get', z.strictObject({ name: ExperimentNameSchema }), ExperimentSchema),
  createRun: defineRequest('galley.training.run.create', z.strictObject({ actor: ActorSchema, run: CreateRunRequestSchema }), RunSchema),
  getRun: defineRequest('galley.training.run.get', z.strictObject({ id: RunId }), RunSchema),
  updateRun: defineRequest('galley.training.run.update', z.strictObject({ actor: ActorSchema, id: RunId, update: UpdateRunRequestSchema }), RunSchema),
  logMetrics: defineRequest('galley.training.run.log-metrics', z.strictObject({ id: RunId, batch: LogMetricsRequestSchema }), LoggedMetricsSchema),
  metricHistory: defineRequest('galley.training.run.metric-history', z.strictObject({ id: RunId, key: TrackingKeySchema }), MetricHistorySchema),
  searchRuns: defineRequest('galley.training.run.search', z.strictObject({ query: SearchRunsQuerySchema }), RunPageSchema),
  submitJob: defineRequest('galley.training.job.submit', z.strictObject({ actor: ActorSchema, job: SubmitJobRequestSchema }), JobSchema),
  getJob: defineRequest('galley.training.job.get', z.strictObject({ id: z.uuid() }), JobDetailsSchema),
  listJobs: defineRequest('galley.training.job.list', z.strictObject({ query: ListJobsQuerySchema }), JobPageSchema),
  cancelJob: defineRequest('galley.training.job.cancel', z.strictObject({ actor: ActorSchema, id: z.uuid() }), JobSchema),
  listTrainers: defineRequest('galley.training.trainer.list', z.strictObject({}), z.object({ items: z.array(TrainerSchema) })),
  createSweep: defineRequest('galley.training.sweep.create', z.strictObject({ actor: ActorSchema, sweep: CreateSweepRequestSchema }), SweepSchema),
  getSweep: defineRequest('galley.training.sweep.get', z.strictObject({ id: z.uuid() }), SweepSchema),
  listSweeps: defineRequest('galley.training.sweep.list', z.strictObject({}), z.object({ items: z.array(SweepSchema) })),
  stopSweep: defineRequest('galley.training.sweep.stop', z.strictObject({ actor: ActorSchema, id: z.uuid() }), SweepSchema),
} as const;

/** What trainers ask the training service while they work a job (they never touch its tables). */
export const TrainerRequests = {
  /** Marks the job running and gives its full spec and the one run it reports to (the same run on a redelivery). */
  claim: defineRequest(
    'galley.training.trainer.claim',
    z.strictObject({ jobId: z.uuid(), trainerId: TrainerIdSchema, delivery: z.number().int().min(1) }),
    z.discriminatedUnion('proceed', [
      z.object({ proceed: z.literal(true), job: JobDetailsSchema, runId: z.string() }),
      z.object({ proceed: z.literal(false), reason: z.string() }),
    ]),
  ),
  /** One finished epoch; the answer says whether the job was cancelled meanwhile. */
  progress: defineRequest(
    'galley.training.trainer.progress',
    z.strictObject({ jobId: z.uuid(), trainerId: TrainerIdSchema, log: EpochLogSchema }),
    z.object({ cancel: z.boolean() }),
  ),
  complete: defineRequest(
    'galley.training.trainer.complete',
    z.strictObject({
      jobId: z.uuid(),
      trainerId: TrainerIdSchema,
      evaluation: EvaluationMetricsSchema,
      artifact: ArtifactRefSchema,
      environment: z.object({ tfjsVersion: z.string(), backend: z.string(), nodeVersion: z.string(), host: z.string() }),
    }),
    JobSchema,
  ),
  /** The job could not finish; the answer says whether the trainer should let it be retried. */
  fail: defineRequest(
    'galley.training.trainer.fail',
    z.strictObject({ jobId: z.uuid(), trainerId: TrainerIdSchema, reason: z.string().max(4000), retryable: z.boolean() }),
    z.object({ retry: z.boolean(), job: JobSchema }),
  ),
  cancelled: defineRequest('galley.training.trainer.cancelled', z.strictObject({ jobId: z.uuid(), trainerId: TrainerIdSchema }), JobSchema),
  heartbeat: defineRequest('galley.training.trainer.heartbeat', z.strictObject({ trainer: TrainerSchema.omit({ lastSeenAt: true }) }), z.object({ ok: z.literal(true) })),
} as const;

export const TrainingEvents = {
  experimentCreated: defineEvent('galley.events.training.experiment.created', z.object({ experiment: ExperimentSchema, actor: ActorSchema })),
  runCreated: defineEvent('galley.events.training.run.created', z.object({ run: RunSchema, actor: ActorSchema })),
  runFinished: defineEvent('galley.events.training.run.finished', z.object({ run: RunSchema, lineage: LineageFieldSchema.optional() })),
  jobSubmitted: defineEvent('galley.events.training.job.submitted', z.object({ job: JobSchema, actor: ActorSchema })),
  jobFinished: defineEvent('galley.events.training.job.finished', z.object({ job: JobSchema })),
  jobDeadLettered: defineEvent('galley.events.training.job.dead-lettered', z.object({ job: JobSchema, reason: z.string() })),
} as const;
