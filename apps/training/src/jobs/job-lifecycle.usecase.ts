import { hostname } from 'node:os';
import { Injectable, Logger } from '@nestjs/common';
import {
  datasetUrn,
  TrainingEvents,
  type Actor,
  type ArtifactRef,
  type EpochLog,
  type EvaluationMetrics,
  type Job,
  type JobDetails,
} from '@galley/contracts';
import { currentRequestId, DomainError, OutboxRelay } from '@galley/messaging';
import { enqueueEvent, nowIso, transactional } from '@galley/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { MetricsUseCase } from '../tracking/metrics.usecase';
import { RunsUseCase } from '../tracking/runs.usecase';
import { DeadLetterEntity, RunArtifactEntity, type JobEntity } from './job.entities';
import { JobEventsPublisher } from './job-events.publisher';
import { toJobContract, toJobDetails } from './job.mapper';
import { jobNotFound } from './job-queries.usecase';
import { JobsRepository } from './jobs.repository';

const FINISHED = ['completed', 'failed', 'cancelled'] as const;
const isFinished = (job: JobEntity): boolean => (FINISHED as readonly string[]).includes(job.status);

/** The service's own identity when it acts on a job without a user (a trainer's report). */
const SYSTEM_ACTOR: Actor = { kind: 'api-key', id: 'training-service', name: 'training-service', roles: ['data-scientist'] };

export type ClaimResult = { proceed: true; job: JobDetails; runId: string } | { proceed: false; reason: string };

/**
 * A job's life after submission: claimed by a trainer (creating its one run on the first claim; a
 * redelivered job reuses it), epochs reported, then completed, failed (retried up to maxAttempts,
 * then dead-lettered) or cancelled. Every step is idempotent, because JetStream delivers at least once.
 */
@Injectable()
export class JobLifecycleUseCase {
  private readonly logger = new Logger(JobLifecycleUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsRepository,
    private readonly runs: RunsUseCase,
    private readonly metrics: MetricsUseCase,
    private readonly outbox: OutboxRelay,
    private readonly events: JobEventsPublisher,
  ) {}

  async cancel(id: string): Promise<Job> {
    const result = await transactional(this.dataSource, async (manager) => {
      const job = await this.load(id, manager);
      if (isFinished(job)) throw new DomainError('training.job_finished', `job ${id} is already ${job.status}`, { id, status: job.status });
      job.cancelRequested = true;
      // A queued job is cancelled at once (its queue message is dropped when a trainer sees it);
      // a running one is stopped by its trainer within an epoch.
      if (job.status === 'queued') await this.finish(manager, job, 'cancelled', null);
      else await this.jobs.save(job, manager);
      return this.contract(job, manager);
    });
    this.afterCommit(result.status === 'cancelled' ? { type: 'cancelled', job: result } : null);
    return result;
  }

  async claim(jobId: string, trainerId: string, delivery: number): Promise<ClaimResult> {
    const result = await transactional(this.dataSource, async (manager): Promise<ClaimResult & { started?: Job }> => {
      const job = await this.jobs.find(jobId, manager);
      if (!job) return { proceed: false, reason: `no job ${jobId}` };
      if (isFinished(job)) return { proceed: false, reason: `job is already ${job.status}` };
      if (job.cancelRequested) {
        await this.finish(manager, job, 'cancelled', null);
        return { proceed: false, reason: 'job was cancelled' };
      }
      if (job.attempts >= job.maxAttempts) {
        await this.deadLetter(manager, job, `gave up after ${job.attempts} attempts${job.error ? `; last error: ${job.error}` : ''}`);
        return { proceed: false, reason: 'too many attempts: dead-lettered' };
      }
      job.attempts += 1;
      job.status = 'running';
      job.trainerId = trainerId;
      job.startedAt ??= nowIso();
      if (!job.runId) {
        const experiment = await this.jobs.experimentName(job.experimentId, manager);
        const run = await this.runs.createWithin(manager, { ...SYSTEM_ACTOR, name: job.createdBy }, {
          experiment,
          name: job.name,
          source: 'job',
          jobId: job.id,
          status: 'running',
          params: runParams(job),
          tags: { ...job.spec.tags, job: job.id },
          environment: { specHash: job.specHash, dataVersion: datasetUrn(job.sourceDataset, job.sourceVersion) },
        });
        job.runId = run.id;
      }
      await this.jobs.save(job, manager);
      this.logger.log(`job ${job.id} claimed by ${trainerId} (attempt ${job.attempts}, delivery ${delivery})`);
      const details = toJobDetails(job, await this.jobs.experimentName(job.experimentId, manager));
      return { proceed: true, job: details, runId: job.runId, started: details };
    });
    if (result.proceed && result.started) this.afterCommit({ type: 'started', job: result.started });
    if (!result.proceed) this.outbox.nudge();
    return result.proceed ? { proceed: true, job: result.job, runId: result.runId } : { proceed: false, reason: result.reason };
  }

  /** Records an epoch's metrics (idempotent by step) and tells the trainer whether to stop. */
  async progress(jobId: string, trainerId: string, log: EpochLog): Promise<{ cancel: boolean }> {
    const job = await this.jobs.find(jobId);
    if (!job) throw jobNotFound(jobId);
    // A trainer that lost the job (it was redelivered to another) must stop; its points would be duplicates.
    if (job.trainerId !== trainerId || isFinished(job) || !job.runId) return { cancel: true };
    const timestamp = Date.now();
    const points = [{ key: 'loss', value: log.loss, step: log.epoch, timestamp }, ...Object.entries(log.values).map(([key, value]) => ({ key, value, step: log.epoch, timestamp }))];
    await this.metrics.log(job.runId, points.filter((point) => Number.isFinite(point.value)));
    await transactional(this.dataSource, async (manager) => {
      const fresh = await this.load(jobId, manager);
      if (log.epoch > fresh.epoch) {
        fresh.epoch = log.epoch;
        await this.jobs.save(fresh, manager);
      }
    });
    this.events.publish({ type: 'epoch', jobId, runId: job.runId, log });
    return { cancel: job.cancelRequested };
  }

  async complete(jobId: string, trainerId: string, evaluation: EvaluationMetrics, artifact: ArtifactRef, environment: { tfjsVersion: string; backend: string; nodeVersion: string; host: string }): Promise<Job> {
    const job = await transactional(this.dataSource, async (manager) => {
      const entity = await this.load(jobId, manager);
      if (entity.status === 'completed') return this.contract(entity, manager);
      if (entity.trainerId !== trainerId || !entity.runId) throw new DomainError('training.job_finished', `job ${jobId} is not being trained by ${trainerId}`, { jobId });
      await manager.getRepository(RunArtifactEntity).save({ runId: entity.runId, name: 'model', blobKey: artifact.key, sha256: artifact.sha256, size: artifact.size, createdAt: nowIso() });
      const finalStep = entity.epochs + 1;
      await this.metrics.logWithin(manager, entity.runId, evaluationScalars(evaluation).map(([key, value]) => ({ key: `test_${key}`, value, step: finalStep })));
      entity.evaluation = evaluation;
      await this.finish(manager, entity, 'completed', null, { ...environment }, [{ from: datasetUrn(entity.sourceDataset, entity.sourceVersion), to: `run:${entity.runId}`, relation: 'trained_on' }]);
      return this.contract(entity, manager);
    });
    this.afterCommit({ type: 'completed', job, evaluation });
    return job;
  }

  /** A failure is retried while attempts remain and the cause may pass; otherwise the job is dead-lettered. */
  async fail(jobId: string, trainerId: string, reason: string, retryable: boolean): Promise<{ retry: boolean; job: Job }> {
    const result = await transactional(this.dataSource, async (manager) => {
      const job = await this.load(jobId, manager);
      if (isFinished(job)) return { retry: false, job: await this.contract(job, manager) };
      if (job.trainerId !== trainerId) return { retry: false, job: await this.contract(job, manager) };
      job.error = reason;
      if (retryable && job.attempts < job.maxAttempts) {
        job.status = 'queued';
        job.trainerId = null;
        await this.jobs.save(job, manager);
        return { retry: true, job: await this.contract(job, manager) };
      }
      await this.deadLetter(manager, job, reason);
      return { retry: false, job: await this.contract(job, manager) };
    });
    this.afterCommit(result.retry ? { type: 'retrying', job: result.job } : { type: 'failed', job: result.job });
    return result;
  }

  async cancelled(jobId: string, trainerId: string): Promise<Job> {
    const job = await transactional(this.dataSource, async (manager) => {
      const entity = await this.load(jobId, manager);
      if (!isFinished(entity) && entity.trainerId === trainerId) await this.finish(manager, entity, 'cancelled', null);
      return this.contract(entity, manager);
    });
    this.afterCommit(job.status === 'cancelled' ? { type: 'cancelled', job } : null);
    return job;
  }

  private async deadLetter(manager: EntityManager, job: JobEntity, reason: string): Promise<void> {
    job.deadLettered = true;
    await manager.getRepository(DeadLetterEntity).save({ jobId: job.id, reason, attempts: job.attempts, recordedAt: nowIso() });
    await this.finish(manager, job, 'failed', reason);
    await enqueueEvent(manager, { subject: TrainingEvents.jobDeadLettered.subject, payload: { job: await this.contract(job, manager), reason }, requestId: currentRequestId() });
  }

  private async finish(
    manager: EntityManager,
    job: JobEntity,
    status: 'completed' | 'failed' | 'cancelled',
    error: string | null,
    environment?: Record<string, string>,
    lineage?: Array<{ from: string; to: string; relation: string }>,
  ): Promise<void> {
    job.status = status;
    job.finishedAt = nowIso();
    if (error !== null) job.error = error;
    await this.jobs.save(job, manager);
    if (job.runId) await this.runs.finishWithin(manager, job.runId, status, { error: job.error, environment: environment ? { ...environment, host: environment['host'] ?? hostname() } : undefined, lineage });
    await enqueueEvent(manager, { subject: TrainingEvents.jobFinished.subject, payload: { job: await this.contract(job, manager) }, requestId: currentRequestId() });
  }

  private async load(id: string, manager: EntityManager): Promise<JobEntity> {
    const job = await this.jobs.find(id, manager);
    if (!job) throw jobNotFound(id);
    return job;
  }

  private async contract(job: JobEntity, manager: EntityManager): Promise<Job> {
    return toJobContract(job, await this.jobs.experimentName(job.experimentId, manager));
  }

  private afterCommit(event: Parameters<JobEventsPublisher['publish']>[0] | null): void {
    this.outbox.nudge();
    if (event) this.events.publish(event);
  }
}

/** What search filters on: the fit settings, the seed and the data, as run params. */
function runParams(job: JobEntity): Record<string, string | number | boolean> {
  const { fit, compile } = job.spec.model;
  return {
    seed: job.seed,
    epochs: fit.epochs,
    batch_size: fit.batchSize,
    optimizer: compile.optimizer.name,
    learning_rate: compile.optimizer.learningRate,
    loss: compile.loss,
    target: job.spec.data.target,
    task: job.spec.data.task,
    features: job.spec.data.features.length,
  };
}

/** The single-number metrics of an evaluation (the confusion matrix and curves stay in the job record). */
function evaluationScalars(evaluation: EvaluationMetrics): Array<[string, number]> {
  return Object.entries(evaluation).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]));
}
