import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Actor } from '@galley/contracts';
import { nowIso } from '@galley/persistence';
import { DataSource, In } from 'typeorm';
import { JobEntity } from '../jobs/job.entities';
import { SubmitJobUseCase } from '../jobs/submit-job.usecase';
import { ExperimentEntity, RunMetricLatestEntity } from '../tracking/tracking.entities';
import { SweepEntity, SweepTrialEntity, type SweepTrialStatus } from './sweep.entities';
import { applyTrial } from './trial-plan';

const TICK_MS = 1_000;

/**
 * Moves running sweeps forward once a second: reads their trials' job states, records the objective
 * of finished runs, and submits pending trials while fewer than `parallelism` are in flight. A trial
 * is claimed with a conditional update (pending → queued) before its job is submitted, so two
 * replicas of the service never submit the same trial.
 */
@Injectable()
export class SweepScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SweepScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly submitJob: SubmitJobUseCase,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.ticking ??= this.tick()
        .catch((error: unknown) => this.logger.error(`sweep tick failed: ${(error as Error).message}`))
        .finally(() => (this.ticking = null));
    }, TICK_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
  }

  async tick(): Promise<void> {
    const sweeps = await this.dataSource.getRepository(SweepEntity).findBy({ status: 'running' });
    for (const sweep of sweeps) await this.advance(sweep);
  }

  private async advance(sweep: SweepEntity): Promise<void> {
    const trials = await this.dataSource.getRepository(SweepTrialEntity).find({ where: { sweepId: sweep.id }, order: { index: 'ASC' } });
    await this.refresh(sweep, trials);
    const inFlight = trials.filter((trial) => trial.status === 'queued' || trial.status === 'running').length;
    const pending = trials.filter((trial) => trial.status === 'pending');
    if (pending.length === 0 && inFlight === 0) {
      await this.dataSource.getRepository(SweepEntity).update({ id: sweep.id, status: 'running' }, { status: 'completed', finishedAt: nowIso() });
      this.logger.log(`sweep ${sweep.name} completed`);
      return;
    }
    for (const trial of pending.slice(0, Math.max(0, sweep.parallelism - inFlight))) await this.submit(sweep, trial);
  }

  private async refresh(sweep: SweepEntity, trials: SweepTrialEntity[]): Promise<void> {
    const active = trials.filter((trial) => trial.jobId && (trial.status === 'queued' || trial.status === 'running'));
    if (active.length === 0) return;
    const jobs = await this.dataSource.getRepository(JobEntity).findBy({ id: In(active.map((trial) => trial.jobId as string)) });
    for (const job of jobs) {
      const trial = active.find((candidate) => candidate.jobId === job.id) as SweepTrialEntity;
      if (job.status === trial.status) continue;
      trial.status = job.status as SweepTrialStatus;
      if (job.status === 'completed' && job.runId) {
        const metric = await this.dataSource.getRepository(RunMetricLatestEntity).findOneBy({ runId: job.runId, key: sweep.objective.metric });
        trial.objective = metric?.value ?? null;
      }
      await this.dataSource.getRepository(SweepTrialEntity).update({ sweepId: trial.sweepId, index: trial.index }, { status: trial.status, objective: trial.objective });
    }
  }

  private async submit(sweep: SweepEntity, trial: SweepTrialEntity): Promise<void> {
    const claimed = await this.dataSource.getRepository(SweepTrialEntity).update({ sweepId: sweep.id, index: trial.index, status: 'pending' }, { status: 'queued' });
    if (!claimed.affected) return;
    const experiment = await this.dataSource.getRepository(ExperimentEntity).findOneBy({ id: sweep.experimentId });
    const actor: Actor = { kind: 'user', id: 'sweep', name: sweep.createdBy, roles: ['data-scientist'] };
    try {
      const job = await this.submitJob.execute(actor, applyTrial(sweep.base, experiment?.name ?? '', trial.params, `${sweep.name}-${trial.index + 1}`), { sweepId: sweep.id, trial: trial.index });
      await this.dataSource.getRepository(SweepTrialEntity).update({ sweepId: sweep.id, index: trial.index }, { jobId: job.id });
    } catch (error) {
      this.logger.warn(`sweep ${sweep.name} trial ${trial.index + 1} could not be submitted: ${(error as Error).message}`);
      await this.dataSource.getRepository(SweepTrialEntity).update({ sweepId: sweep.id, index: trial.index }, { status: 'failed' });
    }
  }
}
