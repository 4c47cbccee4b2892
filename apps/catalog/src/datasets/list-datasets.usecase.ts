import { Injectable } from '@nestjs/common';
import type { DatasetPage, ListDatasetsQuery } from '@galley/contracts';
import { toDatasetContract } from './dataset.mapper';
import { DatasetsRepository } from './datasets.repository';

@Injectable()
export class ListDatasetsUseCase {
  constructor(private readonly datasets: DatasetsRepository) {}

  async execute(query: ListDatasetsQuery): Promise<DatasetPage> {
    const { items, total } = await this.datasets.search(query);
    return { items: items.map(toDatasetContract), total, limit: query.limit, offset: query.offset };
  }
}
