import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { FeatureEvents, type Actor, type CreateFeatureServiceRequest, type FeatureService } from '@galley/contracts';
import { currentRequestId, DomainError, OutboxRelay } from '@galley/messaging';
import { enqueueEvent, nowIso, transactional } from '@galley/persistence';
import { DataSource, QueryFailedError } from 'typeorm';
import { FeatureSelectionResolver } from './feature-selection';
import { RegistryRepository } from './registry.repository';
import { toServiceContract } from './registry.mappers';

@Injectable()
export class ServicesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: RegistryRepository,
    private readonly selection: FeatureSelectionResolver,
    private readonly outbox: OutboxRelay,
  ) {}

  /** Every feature named must exist now, so a model never depends on a feature nobody defined. */
  async create(actor: Actor, request: CreateFeatureServiceRequest): Promise<FeatureService> {
    if (await this.registry.findService(request.name)) throw serviceExists(request.name);
    const { refs } = await this.selection.resolve({ features: request.features });
    const entity = { id: randomUUID(), name: request.name, features: refs, description: request.description, owner: actor.name, createdAt: nowIso() };
    const contract = toServiceContract(entity);
    try {
      await transactional(this.dataSource, async (manager) => {
        await this.registry.insertService(entity, manager);
        await enqueueEvent(manager, { subject: FeatureEvents.serviceCreated.subject, payload: { service: contract, actor }, requestId: currentRequestId() });
      });
    } catch (error) {
      if (error instanceof QueryFailedError && /unique|duplicate/i.test(error.message)) throw serviceExists(request.name);
      throw error;
    }
    this.outbox.nudge();
    return contract;
  }

  async list(): Promise<{ items: FeatureService[] }> {
    return { items: (await this.registry.listServices()).map(toServiceContract) };
  }

  async get(name: string): Promise<FeatureService> {
    const service = await this.registry.findService(name);
    if (!service) throw new DomainError('features.service_not_found', `no feature service named "${name}"`, { name });
    return toServiceContract(service);
  }
}

function serviceExists(name: string): DomainError {
  return new DomainError('features.service_exists', `a feature service named "${name}" already exists`, { name });
}
