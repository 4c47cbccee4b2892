import { z } from 'zod';
import { ActorSchema } from '../common/actor';
import { defineEvent, defineRequest } from '../common/message';
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
} as const;

export const TrainingEvents = {
  experimentCreated: defineEvent('galley.events.training.experiment.created', z.object({ experiment: ExperimentSchema, actor: ActorSchema })),
  runCreated: defineEvent('galley.events.training.run.created', z.object({ run: RunSchema, actor: ActorSchema })),
  runFinished: defineEvent('galley.events.training.run.finished', z.object({ run: RunSchema })),
} as const;
