import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TrainingRequests, type Experiment, type LoggedMetrics, type MetricHistory, type Run, type RunPage } from '@galley/contracts';
import { parseOrThrow } from '@galley/messaging';
import { ExperimentsUseCase } from './experiments.usecase';
import { MetricsUseCase } from './metrics.usecase';
import { RunSearchUseCase } from './run-search.usecase';
import { RunsUseCase } from './runs.usecase';

/** Thin: parse the message with its contract, call one use case. */
@Controller()
export class TrackingHandler {
  constructor(
    private readonly experiments: ExperimentsUseCase,
    private readonly runs: RunsUseCase,
    private readonly metrics: MetricsUseCase,
    private readonly search: RunSearchUseCase,
  ) {}

  @MessagePattern(TrainingRequests.createExperiment.subject)
  async createExperiment(@Payload() payload: unknown): Promise<Experiment> {
    const { actor, experiment } = parseOrThrow(TrainingRequests.createExperiment.request, payload, 'experiment.create request');
    return this.experiments.create(actor, experiment);
  }

  @MessagePattern(TrainingRequests.listExperiments.subject)
  async listExperiments(): Promise<{ items: Experiment[] }> {
    return this.experiments.list();
  }

  @MessagePattern(TrainingRequests.getExperiment.subject)
  async getExperiment(@Payload() payload: unknown): Promise<Experiment> {
    return this.experiments.get(parseOrThrow(TrainingRequests.getExperiment.request, payload, 'experiment.get request').name);
  }

  @MessagePattern(TrainingRequests.createRun.subject)
  async createRun(@Payload() payload: unknown): Promise<Run> {
    const { actor, run } = parseOrThrow(TrainingRequests.createRun.request, payload, 'run.create request');
    return this.runs.create(actor, { ...run, source: 'external' });
  }

  @MessagePattern(TrainingRequests.getRun.subject)
  async getRun(@Payload() payload: unknown): Promise<Run> {
    return this.runs.get(parseOrThrow(TrainingRequests.getRun.request, payload, 'run.get request').id);
  }

  @MessagePattern(TrainingRequests.updateRun.subject)
  async updateRun(@Payload() payload: unknown): Promise<Run> {
    const { id, update } = parseOrThrow(TrainingRequests.updateRun.request, payload, 'run.update request');
    return this.runs.update(id, update);
  }

  @MessagePattern(TrainingRequests.logMetrics.subject)
  async logMetrics(@Payload() payload: unknown): Promise<LoggedMetrics> {
    const { id, batch } = parseOrThrow(TrainingRequests.logMetrics.request, payload, 'run.log-metrics request');
    return this.metrics.log(id, batch.metrics);
  }

  @MessagePattern(TrainingRequests.metricHistory.subject)
  async metricHistory(@Payload() payload: unknown): Promise<MetricHistory> {
    const { id, key } = parseOrThrow(TrainingRequests.metricHistory.request, payload, 'run.metric-history request');
    return this.metrics.history(id, key);
  }

  @MessagePattern(TrainingRequests.searchRuns.subject)
  async searchRuns(@Payload() payload: unknown): Promise<RunPage> {
    return this.search.execute(parseOrThrow(TrainingRequests.searchRuns.request, payload, 'run.search request').query);
  }
}
