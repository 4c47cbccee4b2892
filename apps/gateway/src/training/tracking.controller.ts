import { Controller, Get, Patch, Post } from '@nestjs/common';
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
  TrainingRequests,
  UpdateRunRequestSchema,
  type Actor,
  type CreateExperimentRequest,
  type CreateRunRequest,
  type Experiment,
  type LoggedMetrics,
  type LogMetricsRequest,
  type MetricHistory,
  type Run,
  type RunPage,
  type SearchRunsQuery,
  type UpdateRunRequest,
} from '@galley/contracts';
import { BusClient } from '@galley/messaging';
import { z } from 'zod';
import { Endpoint } from '../http/endpoint.decorator';
import { CurrentActor, ValidBody, ValidParams, ValidQuery } from '../http/validated-request';

const RunParams = z.strictObject({ id: z.uuid() });

/** Experiment tracking: experiments, runs, metrics and run search, forwarded to the training service. */
@Controller()
export class TrackingController {
  constructor(private readonly bus: BusClient) {}

  @Post('experiments')
  @Endpoint({ summary: 'Create an experiment', tags: ['experiments'], access: ['data-scientist'], body: CreateExperimentRequestSchema, response: ExperimentSchema, status: 201, errors: [400, 409, 503, 504] })
  async createExperiment(@CurrentActor() actor: Actor, @ValidBody() body: CreateExperimentRequest): Promise<Experiment> {
    return this.bus.request(TrainingRequests.createExperiment, { actor, experiment: body });
  }

  @Get('experiments')
  @Endpoint({ summary: 'List experiments with their run counts', tags: ['experiments'], access: ['viewer'], response: z.object({ items: z.array(ExperimentSchema) }), errors: [503, 504] })
  async listExperiments(): Promise<{ items: Experiment[] }> {
    return this.bus.request(TrainingRequests.listExperiments, {});
  }

  @Get('experiments/:name')
  @Endpoint({ summary: 'Get an experiment', tags: ['experiments'], access: ['viewer'], params: z.strictObject({ name: ExperimentNameSchema }), response: ExperimentSchema, errors: [404, 503, 504] })
  async getExperiment(@ValidParams() params: { name: string }): Promise<Experiment> {
    return this.bus.request(TrainingRequests.getExperiment, params);
  }

  @Post('runs')
  @Endpoint({
    summary: 'Start a run from any tool (a notebook, a script): the external logging API',
    description: 'The experiment is created on first use.',
    tags: ['experiments'],
    access: ['data-scientist'],
    body: CreateRunRequestSchema,
    response: RunSchema,
    status: 201,
    errors: [400, 503, 504],
  })
  async createRun(@CurrentActor() actor: Actor, @ValidBody() body: CreateRunRequest): Promise<Run> {
    return this.bus.request(TrainingRequests.createRun, { actor, run: body });
  }

  @Get('runs')
  @Endpoint({
    summary: 'Search runs',
    description:
      "filter: comparisons joined by `and`, e.g. `metrics.val_auc > 0.9 and params.lr = 0.01 and tags.team = 'vision' and attributes.status = 'completed'`. " +
      'orderBy: `metrics.<key> desc`, `params.<key> asc` or `attributes.created_at desc` (the default).',
    tags: ['experiments'],
    access: ['viewer'],
    query: SearchRunsQuerySchema,
    response: RunPageSchema,
    errors: [400, 404, 503, 504],
  })
  async searchRuns(@ValidQuery() query: SearchRunsQuery): Promise<RunPage> {
    return this.bus.request(TrainingRequests.searchRuns, { query });
  }

  @Get('runs/:id')
  @Endpoint({ summary: 'Get a run with its params, tags and latest metrics', tags: ['experiments'], access: ['viewer'], params: RunParams, response: RunSchema, errors: [400, 404, 503, 504] })
  async getRun(@ValidParams() params: { id: string }): Promise<Run> {
    return this.bus.request(TrainingRequests.getRun, params);
  }

  @Patch('runs/:id')
  @Endpoint({
    summary: "Add params or tags, or end the run (completed, failed, cancelled); a finished run's status is final",
    tags: ['experiments'],
    access: ['data-scientist'],
    params: RunParams,
    body: UpdateRunRequestSchema,
    response: RunSchema,
    errors: [400, 404, 409, 503, 504],
  })
  async updateRun(@CurrentActor() actor: Actor, @ValidParams() params: { id: string }, @ValidBody() body: UpdateRunRequest): Promise<Run> {
    return this.bus.request(TrainingRequests.updateRun, { actor, id: params.id, update: body });
  }

  @Post('runs/:id/metrics')
  @Endpoint({
    summary: 'Log a batch of metric points (up to 5,000); a point already stored for the same key and step is skipped',
    tags: ['experiments'],
    access: ['data-scientist'],
    params: RunParams,
    body: LogMetricsRequestSchema,
    response: LoggedMetricsSchema,
    status: 200,
    // Points that cannot be stored (non-finite, too many, or for a run that does not exist) are a 422.
    invalidBodyCode: 'training.invalid_metrics',
    errors: [400, 413, 422, 503, 504],
  })
  async logMetrics(@ValidParams() params: { id: string }, @ValidBody() body: LogMetricsRequest): Promise<LoggedMetrics> {
    return this.bus.request(TrainingRequests.logMetrics, { id: params.id, batch: body });
  }

  @Get('runs/:id/metric-history')
  @Endpoint({
    summary: "Every point of one of a run's metrics, by step",
    tags: ['experiments'],
    access: ['viewer'],
    params: RunParams,
    query: z.strictObject({ key: TrackingKeySchema }),
    response: MetricHistorySchema,
    errors: [400, 404, 503, 504],
  })
  async metricHistory(@ValidParams() params: { id: string }, @ValidQuery() query: { key: string }): Promise<MetricHistory> {
    return this.bus.request(TrainingRequests.metricHistory, { id: params.id, key: query.key });
  }
}
