import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { FeatureEvents, type Actor, type CreateEntityRequest, type FeatureEntity } from '@galley/contracts';
import { currentRequestId, DomainError, OutboxRelay } from '@galley/messaging';
import { enqueueEvent, nowIso, transactional } from '@galley/persistence';
import { DataSource, QueryFailedError } from 'typeorm';
import { RegistryRepository } from './registry.repository';
import { toEntityContract } from './registry.mappers';

@Injectable()
export class EntitiesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: RegistryRepository,
    private readonly outbox: OutboxRelay,
  ) {}

  async create(actor: Actor, request: CreateEntityRequest): Promise<FeatureEntity> {
    if (await this.registry.findEntity(request.name)) throw entityExists(request.name);
    const entity = { id: randomUUID(), ...request, owner: actor.name, createdAt: nowIso() };
    const contract = toEntityContract(entity);
    try {
      await transactional(this.dataSource, async (manager) => {
        await this.registry.insertEntity(entity, manager);
        await enqueueEvent(manager, { subject: FeatureEvents.entityCreated.subject, payload: { entity: contract, actor }, requestId: currentRequestId() });
      });
    } catch (error) {
      if (error instanceof QueryFailedError && /unique|duplicate/i.test(error.message)) throw entityExists(request.name);
      throw error;
    }
    this.outbox.nudge();
    return contract;
  }

  async list(): Promise<{ items: FeatureEntity[] }> {
    return { items: (await this.registry.listEntities()).map(toEntityContract) };
  }

  async get(name: string): Promise<FeatureEntity> {
    const entity = await this.registry.findEntity(name);
    if (!entity) throw new DomainError('features.entity_not_found', `no entity named "${name}"`, { name });
    return toEntityContract(entity);
  }
}

function entityExists(name: string): DomainError {
  return new DomainError('features.entity_exists', `an entity named "${name}" already exists`, { name });
}
