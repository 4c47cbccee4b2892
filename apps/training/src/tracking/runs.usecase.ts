import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TrainingEvents, type Actor, type CreateRunRequest, type LineageEdgeInput, type Run, type RunEnvironment, type RunStatus, type UpdateRunRequest } from '@galley/contracts';
import { currentRequestId, DomainError, OutboxRelay } from '@galley/messaging';
import { enqueueEvent, nowIso, transactional } from '@galley/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { ExperimentsUseCase } from './experiments.usecase';
import { toParamRow, toRunContract } from './run.mapper';
import { RunEntity, RunParamEntity, RunTagEntity } from './tracking.entities';
import { TrackingRepository } from './tracking.repository';

const FINISHED: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];

export interface NewRun extends CreateRunRequest {
  source: 'job' | 'external';
  jobId?: string;
  status?: RunStatus;
}

@Injectable()
export class RunsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tracking: TrackingRepository,
    private readonly experiments: ExperimentsUseCase,
    private readonly outbox: OutboxRelay,
  ) {}

  async create(actor: Actor, request: NewRun): Promise<Run> {
    const run = await transactional(this.dataSource, (manager) => this.createWithin(manager, actor, request));
    this.outbox.nudge();
    return run;
  }

  /** Creates a run inside the caller's transaction (a job's first claim creates its one run this way). */
  async createWithin(manager: EntityManager, actor: Actor, request: NewRun): Promise<Run> {
    const experiment = await this.experiments.ensure(manager, actor, request.experiment);
    const now = nowIso();
    const status = request.status ?? 'running';
    const entity: RunEntity = {
      id: randomUUID(),
      experimentId: experiment.id,
      name: request.name ?? `run-${now.slice(0, 19).replace(/[-:T]/g, '')}`,
      status,
      source: request.source,
      jobId: request.jobId ?? null,
      environment: request.environment,
      error: null,
      createdBy: actor.name,
      createdAt: now,
      startedAt: status === 'running' ? now : null,
      finishedAt: null,
    };
    await manager.insert(RunEntity, entity);
    await this.writeParamsAndTags(manager, entity.id, request.params, request.tags);
    const [details] = await this.tracking.details([entity.id], manager);
    const contract = toRunContract(details);
    await enqueueEvent(manager, { subject: TrainingEvents.runCreated.subject, payload: { run: contract, actor }, requestId: currentRequestId() });
    return contract;
  }

  async get(id: string): Promise<Run> {
    const [details] = await this.tracking.details([id]);
    if (!details) throw runNotFound(id);
    return toRunContract(details);
  }

  /** Params and tags are added or overwritten; a finished run's status no longer changes. */
  async update(id: string, update: UpdateRunRequest): Promise<Run> {
    let finished: Run | null = null;
    const run = await transactional(this.dataSource, async (manager) => {
      const entity = await this.tracking.findRun(id, manager);
      if (!entity) throw runNotFound(id);
      if (update.status && update.status !== entity.status) {
        if (FINISHED.includes(entity.status)) {
          throw new DomainError('training.run_finished', `run ${id} is already ${entity.status}`, { id, status: entity.status });
        }
        entity.status = update.status;
        if (update.status === 'running') entity.startedAt ??= nowIso();
        if (FINISHED.includes(update.status)) entity.finishedAt = nowIso();
      }
      if (update.error !== undefined) entity.error = update.error;
      await manager.save(RunEntity, entity);
      await this.writeParamsAndTags(manager, id, update.params ?? {}, update.tags ?? {});
      const [details] = await this.tracking.details([id], manager);
      const contract = toRunContract(details);
      if (update.status && FINISHED.includes(update.status)) {
        finished = contract;
        await enqueueEvent(manager, { subject: TrainingEvents.runFinished.subject, payload: { run: contract }, requestId: currentRequestId() });
      }
      return contract;
    });
    if (finished) this.outbox.nudge();
    return run;
  }

  /**
   * Ends a job's run inside the caller's transaction, with its environment and, when it trained, a
   * lineage edge from the data version to the run.
   */
  async finishWithin(
    manager: EntityManager,
    id: string,
    status: 'completed' | 'failed' | 'cancelled',
    details: { error?: string | null; environment?: Partial<RunEnvironment>; lineage?: LineageEdgeInput[] } = {},
  ): Promise<Run> {
    const entity = await this.tracking.findRun(id, manager);
    if (!entity) throw runNotFound(id);
    if (!FINISHED.includes(entity.status)) {
      entity.status = status;
      entity.finishedAt = nowIso();
    }
    if (details.error !== undefined) entity.error = details.error;
    if (details.environment) entity.environment = { ...entity.environment, ...details.environment };
    await manager.save(RunEntity, entity);
    const [loaded] = await this.tracking.details([id], manager);
    const run = toRunContract(loaded);
    const lineage = details.lineage && details.lineage.length > 0 ? { edges: details.lineage } : undefined;
    await enqueueEvent(manager, { subject: TrainingEvents.runFinished.subject, payload: { run, lineage }, requestId: currentRequestId() });
    return run;
  }

  private async writeParamsAndTags(manager: EntityManager, runId: string, params: CreateRunRequest['params'], tags: CreateRunRequest['tags']): Promise<void> {
    const paramRows = Object.entries(params).map(([key, value]) => toParamRow(runId, key, value));
    if (paramRows.length > 0) await manager.getRepository(RunParamEntity).save(paramRows, { chunk: 500 });
    const tagRows = Object.entries(tags).map(([key, value]) => ({ runId, key, value }));
    if (tagRows.length > 0) await manager.getRepository(RunTagEntity).save(tagRows, { chunk: 500 });
  }
}

export function runNotFound(id: string): DomainError {
  return new DomainError('training.run_not_found', `no run ${id}`, { id });
}
