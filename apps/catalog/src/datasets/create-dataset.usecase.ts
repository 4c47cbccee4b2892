import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CatalogEvents, type Actor, type CreateDatasetRequest, type Dataset } from '@galley/contracts';
import { DomainError, OutboxRelay, currentRequestId } from '@galley/messaging';
import { enqueueEvent, nowIso, transactional } from '@galley/persistence';
import { DataSource, QueryFailedError } from 'typeorm';
import type { DatasetEntity } from './dataset.entity';
import { toDatasetContract } from './dataset.mapper';
import { DatasetsRepository } from './datasets.repository';

@Injectable()
export class CreateDatasetUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly datasets: DatasetsRepository,
    private readonly outbox: OutboxRelay,
  ) {}

  async execute(actor: Actor, request: CreateDatasetRequest): Promise<Dataset> {
    if (await this.datasets.findByName(request.name)) throw datasetExists(request.name);
    const now = nowIso();
    const entity: DatasetEntity = {
      id: randomUUID(),
      name: request.name,
      description: request.description,
      tags: [...new Set(request.tags)],
      owner: actor.name,
      createdAt: now,
      updatedAt: now,
    };
    const dataset = toDatasetContract(entity);
    try {
      await transactional(this.dataSource, async (manager) => {
        await this.datasets.insert(manager, entity);
        await enqueueEvent(manager, {
          subject: CatalogEvents.datasetCreated.subject,
          payload: { dataset, actor },
          requestId: currentRequestId(),
        });
      });
    } catch (error) {
      // Two creators raced past the check above: the unique index decides, the loser gets a 409.
      if (error instanceof QueryFailedError && /unique|duplicate/i.test(error.message)) throw datasetExists(request.name);
      throw error;
    }
    this.outbox.nudge();
    return dataset;
  }
}

function datasetExists(name: string): DomainError {
  return new DomainError('catalog.dataset_exists', `a dataset named "${name}" already exists`, { name });
}
