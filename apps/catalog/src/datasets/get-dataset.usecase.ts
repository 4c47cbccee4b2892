import { Injectable } from '@nestjs/common';
import type { Dataset } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { toDatasetContract } from './dataset.mapper';
import { DatasetsRepository } from './datasets.repository';

@Injectable()
export class GetDatasetUseCase {
  constructor(private readonly datasets: DatasetsRepository) {}

  async execute(name: string): Promise<Dataset> {
    const entity = await this.datasets.findByName(name);
    if (!entity) throw new DomainError('catalog.dataset_not_found', `no dataset named "${name}"`, { name });
    return toDatasetContract(entity);
  }
}
