import type { Job, JobDetails } from '@galley/contracts';
import type { JobEntity } from './job.entities';

export function toJobContract(job: JobEntity, experiment: string): Job {
  return {
    id: job.id,
    name: job.name,
    experiment,
    status: job.status,
    source: { dataset: job.sourceDataset, version: job.sourceVersion, sha256: job.sourceSha256 },
    specHash: job.specHash,
    seed: job.seed,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    runId: job.runId,
    trainerId: job.trainerId,
    epoch: job.epoch,
    epochs: job.epochs,
    cancelRequested: job.cancelRequested,
    deadLettered: job.deadLettered,
    error: job.error,
    createdBy: job.createdBy,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

export function toJobDetails(job: JobEntity, experiment: string): JobDetails {
  return {
    ...toJobContract(job, experiment),
    data: job.spec.data,
    model: job.spec.model,
    resources: { timeoutSeconds: job.timeoutSeconds, maxAttempts: job.maxAttempts },
    evaluation: job.evaluation,
  };
}
