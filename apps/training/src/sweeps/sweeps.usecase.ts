import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor, CreateSweepRequest, Sweep, SweepTrial } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { nowIso, transactional } from '@galley/persistence';
import { DataSource, In } from 'typeorm';
import { JobEntity } from '../jobs/job.entities';
import { JobLifecycleUseCase } from '../jobs/job-lifecycle.usecase';
import { JobValidator } from '../jobs/job-validator';
import { ExperimentsUseCase } from '../tracking/experiments.usecase';
import { ExperimentEntity } from '../tracking/tracking.entities';
import { SweepEntity, SweepTrialEntity } from './sweep.entities';
import { applyTrial, planTrials } from './trial-plan';

/** Creating, reading and stopping sweeps; the SweepScheduler moves them forward. */
@Injectable()
export class SweepsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly validator: JobValidator,
    private readonly experiments: ExperimentsUseCase,
    private readonly lifecycle: JobLifecycleUseCase,
  ) {}

  /** Every trial is checked before the sweep is stored, so a bad setting fails now and not on run 37. */
  async create(actor: Actor, request: CreateSweepRequest): Promise<Sweep> {
    const trials = planTrials(request.parameters, request.strategy, request.maxRuns, request.seed);
    const name = request.name ?? `${request.experiment}-sweep-${Date.now().toString(36)}`;
    for (const [index, params] of trials.entries()) {
      let job;
      try {
        job = applyTrial(request.base, request.experiment, params, `${name}-${index + 1}`);
      } catch (error) {
        throw new DomainError('training.invalid_job', `trial ${index + 1} (${JSON.stringify(params)}): ${(error as Error).message}`, { trial: index });
      }
      // The data check is the same for every trial; the model check is what differs.
      if (index === 0 || Object.keys(params).some((path) => path.startsWith('layers.') || path === 'batchSize')) {
        try {
          await this.validator.validate(job);
        } catch (error) {
          if (error instanceof DomainError) throw new DomainError(error.code, `trial ${index + 1} (${JSON.stringify(params)}): ${error.message}`, error.details);
          throw error;
        }
      }
    }
    const id = randomUUID();
    await transactional(this.dataSource, async (manager) => {
      const experiment = await this.experiments.ensure(manager, actor, request.experiment);
      await manager.getRepository(SweepEntity).save({
        id,
        name,
        experimentId: experiment.id,
        status: 'running',
        strategy: request.strategy,
        parallelism: request.parallelism,
        objective: request.objective,
        base: request.base,
        createdBy: actor.name,
        createdAt: nowIso(),
        finishedAt: null,
      });
      await manager.getRepository(SweepTrialEntity).save(
        trials.map((params, index) => ({ sweepId: id, index, params, status: 'pending' as const, jobId: null, objective: null })),
        { chunk: 100 },
      );
    });
    return this.get(id);
  }

  async get(id: string): Promise<Sweep> {
    const sweep = await this.dataSource.getRepository(SweepEntity).findOneBy({ id });
    if (!sweep) throw new DomainError('training.sweep_not_found', `no sweep ${id}`, { id });
    return (await this.toContracts([sweep]))[0];
  }

  async list(): Promise<{ items: Sweep[] }> {
    const sweeps = await this.dataSource.getRepository(SweepEntity).find({ order: { createdAt: 'DESC' }, take: 100 });
    return { items: await this.toContracts(sweeps) };
  }

  /** Stops early: pending trials are dropped, running jobs cancelled; finished trials stay. */
  async stop(id: string): Promise<Sweep> {
    const sweep = await this.dataSource.getRepository(SweepEntity).findOneBy({ id });
    if (!sweep) throw new DomainError('training.sweep_not_found', `no sweep ${id}`, { id });
    if (sweep.status === 'running') {
      const trials = await this.dataSource.getRepository(SweepTrialEntity).findBy({ sweepId: id });
      await transactional(this.dataSource, async (manager) => {
        await manager.getRepository(SweepEntity).update({ id }, { status: 'stopped', finishedAt: nowIso() });
        await manager.getRepository(SweepTrialEntity).update({ sweepId: id, status: 'pending' }, { status: 'cancelled' });
      });
      for (const trial of trials.filter((candidate) => candidate.jobId && (candidate.status === 'queued' || candidate.status === 'running'))) {
        await this.lifecycle.cancel(trial.jobId as string).catch(() => undefined);
      }
    }
    return this.get(id);
  }

  private async toContracts(sweeps: SweepEntity[]): Promise<Sweep[]> {
    if (sweeps.length === 0) return [];
    const ids = sweeps.map((sweep) => sweep.id);
    const trials = await this.dataSource.getRepository(SweepTrialEntity).find({ where: { sweepId: In(ids) }, order: { index: 'ASC' } });
    const jobIds = trials.flatMap((trial) => (trial.jobId ? [trial.jobId] : []));
    const jobs = jobIds.length > 0 ? await this.dataSource.getRepository(JobEntity).findBy({ id: In(jobIds) }) : [];
    const runOf = new Map(jobs.map((job) => [job.id, job.runId]));
    const experiments = await this.dataSource.getRepository(ExperimentEntity).findBy({ id: In([...new Set(sweeps.map((sweep) => sweep.experimentId))]) });
    const experimentName = new Map(experiments.map((experiment) => [experiment.id, experiment.name]));
    return sweeps.map((sweep) => {
      const own = trials
        .filter((trial) => trial.sweepId === sweep.id)
        .map((trial): SweepTrial => ({ index: trial.index, params: trial.params, status: trial.status, jobId: trial.jobId, runId: trial.jobId ? (runOf.get(trial.jobId) ?? null) : null, objective: trial.objective }));
      return {
        id: sweep.id,
        name: sweep.name,
        experiment: experimentName.get(sweep.experimentId) ?? '',
        status: sweep.status,
        strategy: sweep.strategy,
        parallelism: sweep.parallelism,
        objective: sweep.objective,
        trials: own,
        best: bestTrial(own, sweep.objective.goal),
        createdBy: sweep.createdBy,
        createdAt: sweep.createdAt,
        finishedAt: sweep.finishedAt,
      };
    });
  }
}

export function bestTrial(trials: readonly SweepTrial[], goal: 'maximize' | 'minimize'): SweepTrial | null {
  const scored = trials.filter((trial) => trial.status === 'completed' && trial.objective !== null);
  if (scored.length === 0) return null;
  return scored.reduce((best, trial) => ((goal === 'maximize' ? (trial.objective as number) > (best.objective as number) : (trial.objective as number) < (best.objective as number)) ? trial : best));
}
