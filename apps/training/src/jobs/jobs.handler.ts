import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TrainerRequests, TrainingRequests, type Job, type JobDetails, type JobPage, type Trainer } from '@galley/contracts';
import { parseOrThrow } from '@galley/messaging';
import { JobLifecycleUseCase, type ClaimResult } from './job-lifecycle.usecase';
import { JobQueriesUseCase } from './job-queries.usecase';
import { SubmitJobUseCase } from './submit-job.usecase';
import { TrainersUseCase } from './trainers.usecase';

/** Thin: parse the message with its contract (users' requests and trainers' reports alike), call one use case. */
@Controller()
export class JobsHandler {
  constructor(
    private readonly submitJob: SubmitJobUseCase,
    private readonly queries: JobQueriesUseCase,
    private readonly lifecycle: JobLifecycleUseCase,
    private readonly trainers: TrainersUseCase,
  ) {}

  @MessagePattern(TrainingRequests.submitJob.subject)
  async submit(@Payload() payload: unknown): Promise<Job> {
    const { actor, job } = parseOrThrow(TrainingRequests.submitJob.request, payload, 'job.submit request');
    return this.submitJob.execute(actor, job);
  }

  @MessagePattern(TrainingRequests.getJob.subject)
  async get(@Payload() payload: unknown): Promise<JobDetails> {
    return this.queries.get(parseOrThrow(TrainingRequests.getJob.request, payload, 'job.get request').id);
  }

  @MessagePattern(TrainingRequests.listJobs.subject)
  async list(@Payload() payload: unknown): Promise<JobPage> {
    return this.queries.list(parseOrThrow(TrainingRequests.listJobs.request, payload, 'job.list request').query);
  }

  @MessagePattern(TrainingRequests.cancelJob.subject)
  async cancel(@Payload() payload: unknown): Promise<Job> {
    return this.lifecycle.cancel(parseOrThrow(TrainingRequests.cancelJob.request, payload, 'job.cancel request').id);
  }

  @MessagePattern(TrainingRequests.listTrainers.subject)
  async listTrainers(): Promise<{ items: Trainer[] }> {
    return this.trainers.list();
  }

  @MessagePattern(TrainerRequests.claim.subject)
  async claim(@Payload() payload: unknown): Promise<ClaimResult> {
    const { jobId, trainerId, delivery } = parseOrThrow(TrainerRequests.claim.request, payload, 'trainer.claim request');
    return this.lifecycle.claim(jobId, trainerId, delivery);
  }

  @MessagePattern(TrainerRequests.progress.subject)
  async progress(@Payload() payload: unknown): Promise<{ cancel: boolean }> {
    const { jobId, trainerId, log } = parseOrThrow(TrainerRequests.progress.request, payload, 'trainer.progress request');
    return this.lifecycle.progress(jobId, trainerId, log);
  }

  @MessagePattern(TrainerRequests.complete.subject)
  async complete(@Payload() payload: unknown): Promise<Job> {
    const { jobId, trainerId, evaluation, artifact, environment } = parseOrThrow(TrainerRequests.complete.request, payload, 'trainer.complete request');
    return this.lifecycle.complete(jobId, trainerId, evaluation, artifact, environment);
  }

  @MessagePattern(TrainerRequests.fail.subject)
  async fail(@Payload() payload: unknown): Promise<{ retry: boolean; job: Job }> {
    const { jobId, trainerId, reason, retryable } = parseOrThrow(TrainerRequests.fail.request, payload, 'trainer.fail request');
    return this.lifecycle.fail(jobId, trainerId, reason, retryable);
  }

  @MessagePattern(TrainerRequests.cancelled.subject)
  async cancelled(@Payload() payload: unknown): Promise<Job> {
    const { jobId, trainerId } = parseOrThrow(TrainerRequests.cancelled.request, payload, 'trainer.cancelled request');
    return this.lifecycle.cancelled(jobId, trainerId);
  }

  @MessagePattern(TrainerRequests.heartbeat.subject)
  async heartbeat(@Payload() payload: unknown): Promise<{ ok: true }> {
    return this.trainers.heartbeat(parseOrThrow(TrainerRequests.heartbeat.request, payload, 'trainer.heartbeat request').trainer);
  }
}
