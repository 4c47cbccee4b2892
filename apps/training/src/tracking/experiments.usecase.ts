import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TrainingEvents, type Actor, type CreateExperimentRequest, type Experiment } from '@galley/contracts';
import { currentRequestId, DomainError, OutboxRelay } from '@galley/messaging';
import { enqueueEvent, nowIso, transactional } from '@galley/persistence';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { ExperimentEntity } from './tracking.entities';
import { TrackingRepository } from './tracking.repository';

@Injectable()
export class ExperimentsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tracking: TrackingRepository,
    private readonly outbox: OutboxRelay,
  ) {}

  async create(actor: Actor, request: CreateExperimentRequest): Promise<Experiment> {
    if (await this.tracking.findExperiment(request.name)) throw experimentExists(request.name);
    try {
      const experiment = await transactional(this.dataSource, (manager) => this.insert(manager, actor, request.name, request.description));
      this.outbox.nudge();
      return experiment;
    } catch (error) {
      if (error instanceof QueryFailedError && /unique|duplicate/i.test(error.message)) throw experimentExists(request.name);
      throw error;
    }
  }

  /** The experiment a run or job names, created on first use so logging never needs a setup step. */
  async ensure(manager: EntityManager, actor: Actor, name: string): Promise<ExperimentEntity> {
    const existing = await this.tracking.findExperiment(name, manager);
    if (existing) return existing;
    await this.insert(manager, actor, name, '');
    return (await this.tracking.findExperiment(name, manager)) as ExperimentEntity;
  }

  async list(): Promise<{ items: Experiment[] }> {
    return { items: (await this.tracking.listExperimentsWithCounts()).map(({ experiment, runCount }) => toContract(experiment, runCount)) };
  }

  async get(name: string): Promise<Experiment> {
    const experiment = await this.tracking.findExperiment(name);
    if (!experiment) throw new DomainError('training.experiment_not_found', `no experiment named "${name}"`, { name });
    return toContract(experiment, await this.tracking.countRuns(experiment.id));
  }

  private async insert(manager: EntityManager, actor: Actor, name: string, description: string): Promise<Experiment> {
    const entity: ExperimentEntity = { id: randomUUID(), name, description, owner: actor.name, createdAt: nowIso() };
    await manager.insert(ExperimentEntity, entity);
    const experiment = toContract(entity, 0);
    await enqueueEvent(manager, { subject: TrainingEvents.experimentCreated.subject, payload: { experiment, actor }, requestId: currentRequestId() });
    return experiment;
  }
}

function toContract(entity: ExperimentEntity, runCount: number): Experiment {
  return { name: entity.name, description: entity.description, owner: entity.owner, createdAt: entity.createdAt, runCount };
}

function experimentExists(name: string): DomainError {
  return new DomainError('training.experiment_exists', `an experiment named "${name}" already exists`, { name });
}
