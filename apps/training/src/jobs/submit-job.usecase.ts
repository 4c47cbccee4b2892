import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TRAINING_JOBS_SUBJECT, TrainingEvents, type Actor, type Job, type SubmitJobRequest } from '@galley/contracts';
import { currentRequestId, OutboxRelay } from '@galley/messaging';
import { enqueueEvent, nowIso, transactional } from '@galley/persistence';
import { DataSource } from 'typeorm';
import { ExperimentsUseCase } from '../tracking/experiments.usecase';
import type { JobEntity } from './job.entities';
import { JobEventsPublisher } from './job-events.publisher';
import { toJobContract } from './job.mapper';
import { JobValidator } from './job-validator';
import { JobsRepository } from './jobs.repository';

/**
 * Validates a job completely, records it and queues it on the GALLEY_JOBS work queue in the same
 * transaction (outbox): the queue message's `Nats-Msg-Id` is the job id, so a job is never queued twice
 * and never lost when NATS is down at submission.
 */
@Injectable()
export class SubmitJobUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly validator: JobValidator,
    private readonly jobs: JobsRepository,
    private readonly experiments: ExperimentsUseCase,
    private readonly outbox: OutboxRelay,
    private readonly events: JobEventsPublisher,
  ) {}

  async execute(actor: Actor, request: SubmitJobRequest, sweep?: { sweepId: string; trial: number }): Promise<Job> {
    const { version } = await this.validator.validate(request);
    const id = randomUUID();
    const spec = { data: request.data, model: request.model, ...(sweep ? { tags: { sweep: sweep.sweepId, trial: String(sweep.trial + 1) } } : {}) };
    const specHash = createHash('sha256')
      .update(JSON.stringify({ data: spec.data, model: spec.model, seed: request.seed, source: version.sha256 }))
      .digest('hex');
    const job = await transactional(this.dataSource, async (manager) => {
      const experiment = await this.experiments.ensure(manager, actor, request.experiment);
      const entity: JobEntity = {
        id,
        name: request.name ?? `${request.experiment}-${id.slice(0, 8)}`,
        experimentId: experiment.id,
        status: 'queued',
        sourceDataset: version.dataset,
        sourceVersion: version.version,
        sourceSha256: version.sha256,
        spec,
        specHash,
        seed: request.seed,
        attempts: 0,
        maxAttempts: request.resources.maxAttempts,
        timeoutSeconds: request.resources.timeoutSeconds,
        runId: null,
        trainerId: null,
        epoch: 0,
        epochs: request.model.fit.epochs,
        cancelRequested: false,
        deadLettered: false,
        error: null,
        evaluation: null,
        createdBy: actor.name,
        createdAt: nowIso(),
        startedAt: null,
        finishedAt: null,
      };
      await this.jobs.save(entity, manager);
      const contract = toJobContract(entity, experiment.name);
      const requestId = currentRequestId();
      await enqueueEvent(manager, { id, subject: TRAINING_JOBS_SUBJECT, payload: { jobId: id }, requestId });
      await enqueueEvent(manager, { subject: TrainingEvents.jobSubmitted.subject, payload: { job: contract, actor }, requestId });
      return contract;
    });
    this.outbox.nudge();
    this.events.publish({ type: 'queued', job });
    return job;
  }
}
