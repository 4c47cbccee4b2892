import { hostname } from 'node:os';
import { Readable } from 'node:stream';
import * as tf from '@tensorflow/tfjs';
import { CatalogRequests, TrainerRequests, type JobDetails } from '@galley/contracts';
import { memoryArtifactStore, MlError, saveArtifact, trainModel } from '@galley/ml';
import { readTableRows } from '@galley/ml/node';
import type { BlobStore } from '@galley/storage';
import type { Logger } from 'pino';
import { bundleArtifact } from './artifact-bundle';
import type { PatientBus } from './patient-bus';

export type JobOutcome = 'completed' | 'cancelled' | 'retry' | 'failed' | 'skipped';

/**
 * Failures that are not retried: the spec itself is wrong. Bad rows and a diverging loss are retried
 * within the job's maxAttempts (the data may be read again after a fix; a flaky machine may be to
 * blame) and then dead-lettered with the reason.
 */
const PERMANENT_ML_ERRORS = new Set(['invalid_spec', 'invalid_artifact']);

/**
 * Trains one job end to end: claim it (which names the one run it reports to), read the exact data
 * version, train with epoch reports (each answer may cancel), store the artifact content-addressed,
 * report completion. Every failure is reported with whether a retry could help.
 */
export class JobRunner {
  constructor(
    private readonly bus: PatientBus,
    private readonly blobs: BlobStore,
    private readonly trainerId: string,
    private readonly logger: Logger,
  ) {}

  async run(jobId: string, delivery: number, stopping: AbortSignal): Promise<JobOutcome> {
    const claim = await this.bus.request(TrainerRequests.claim, { jobId, trainerId: this.trainerId, delivery });
    if (!claim.proceed) {
      this.logger.info({ jobId }, `skipping job: ${claim.reason}`);
      return 'skipped';
    }
    const job = claim.job;
    const cancel = new AbortController();
    const timeout = setTimeout(() => cancel.abort(new Error(`the job ran past its ${job.resources.timeoutSeconds} s limit`)), job.resources.timeoutSeconds * 1000);
    const onStop = () => cancel.abort(new Error('the trainer is shutting down'));
    stopping.addEventListener('abort', onStop);
    try {
      return await this.train(job, cancel);
    } catch (error) {
      return this.reportFailure(job, error, cancel.signal);
    } finally {
      clearTimeout(timeout);
      stopping.removeEventListener('abort', onStop);
    }
  }

  private async train(job: JobDetails, cancel: AbortController): Promise<JobOutcome> {
    this.logger.info({ jobId: job.id, attempt: job.attempts }, `training ${job.name} on ${job.source.dataset}@${job.source.version}`);
    const version = await this.bus.request(CatalogRequests.getVersion, { name: job.source.dataset, version: job.source.version });
    if (version.sha256 !== job.source.sha256) throw new MlError('invalid_data', `${job.source.dataset}@${job.source.version} no longer has the bytes the job was validated on`);
    const profile = await this.bus.request(CatalogRequests.getProfile, { name: job.source.dataset, version: job.source.version });
    const dataSchema = { columns: profile.columns.map((column) => ({ name: column.name, logicalType: column.logicalType, distinctCount: column.distinctCount })) };
    const result = await trainModel({
      spec: { model: job.model, data: job.data, seed: job.seed },
      dataSchema,
      rows: readTableRows(this.blobs.pathOf(`sha256/${version.sha256}`), version.format),
      signal: cancel.signal,
      onEpochEnd: async (log) => {
        const answer = await this.bus.request(TrainerRequests.progress, { jobId: job.id, trainerId: this.trainerId, log });
        if (answer.cancel) cancel.abort(new CancelledByUser());
      },
    });
    const store = memoryArtifactStore();
    await saveArtifact(store, result.trained, result.metrics);
    result.trained.model.dispose();
    const artifact = await this.blobs.put(Readable.from(bundleArtifact(store.files)), { maxBytes: Number.MAX_SAFE_INTEGER });
    await this.bus.request(TrainerRequests.complete, {
      jobId: job.id,
      trainerId: this.trainerId,
      evaluation: result.metrics,
      artifact: { key: artifact.key, sha256: artifact.sha256, size: artifact.size },
      environment: { tfjsVersion: tf.version.tfjs, backend: result.backend, nodeVersion: process.version, host: hostname() },
    });
    this.logger.info({ jobId: job.id, samplesPerSecond: Math.round(result.samplesPerSecond), epochs: result.epochsRun }, 'job completed');
    return 'completed';
  }

  private async reportFailure(job: JobDetails, error: unknown, signal: AbortSignal): Promise<JobOutcome> {
    if (signal.aborted && signal.reason instanceof CancelledByUser) {
      await this.bus.request(TrainerRequests.cancelled, { jobId: job.id, trainerId: this.trainerId });
      this.logger.info({ jobId: job.id }, 'job cancelled');
      return 'cancelled';
    }
    const reason = signal.aborted ? String((signal.reason as Error).message) : describe(error);
    const shuttingDown = signal.aborted && /shutting down/.test(reason);
    const retryable = shuttingDown || !(error instanceof MlError && PERMANENT_ML_ERRORS.has(error.code)) && !/ran past its/.test(reason);
    const answer = await this.bus.request(TrainerRequests.fail, { jobId: job.id, trainerId: this.trainerId, reason, retryable });
    this.logger.warn({ jobId: job.id, retry: answer.retry }, `job failed: ${reason}`);
    return answer.retry ? 'retry' : 'failed';
  }
}

class CancelledByUser extends Error {
  constructor() {
    super('cancelled by a user');
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message.slice(0, 2000);
  return String(error).slice(0, 2000);
}
