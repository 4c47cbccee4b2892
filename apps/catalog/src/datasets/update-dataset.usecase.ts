import { Injectable } from '@nestjs/common';
import { CatalogEvents, type Actor, type Dataset, type UpdateDatasetRequest } from '@galley/contracts';
import { currentRequestId, DomainError, OutboxRelay } from '@galley/messaging';
import { enqueueEvent, nowIso, transactional } from '@galley/persistence';
import { DataSource } from 'typeorm';
import { assertCanManage } from './dataset-access';
import { DatasetEntity } from './dataset.entity';
import { toDatasetContract } from './dataset.mapper';
import { DatasetsRepository } from './datasets.repository';

/** Description, tags and owner, changed by the owner or an admin (the gateway checks a new owner exists). */
@Injectable()
export class UpdateDatasetUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly datasets: DatasetsRepository,
    private readonly outbox: OutboxRelay,
  ) {}

  async execute(actor: Actor, name: string, update: UpdateDatasetRequest): Promise<Dataset> {
    const dataset = await this.datasets.findByName(name);
    if (!dataset) throw new DomainError('catalog.dataset_not_found', `no dataset named "${name}"`, { name });
    assertCanManage(actor, dataset);
    const updated: DatasetEntity = {
      ...dataset,
      description: update.description ?? dataset.description,
      tags: update.tags ? [...new Set(update.tags)] : dataset.tags,
      owner: update.owner ?? dataset.owner,
      updatedAt: nowIso(),
    };
    const contract = toDatasetContract(updated);
    await transactional(this.dataSource, async (manager) => {
      await manager.getRepository(DatasetEntity).save(updated);
      await enqueueEvent(manager, { subject: CatalogEvents.datasetUpdated.subject, payload: { dataset: contract, actor }, requestId: currentRequestId() });
    });
    this.outbox.nudge();
    return contract;
  }
}
