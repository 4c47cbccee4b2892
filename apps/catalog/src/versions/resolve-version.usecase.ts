import { Injectable } from '@nestjs/common';
import type { VersionRef } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import type { DatasetEntity } from '../datasets/dataset.entity';
import { DatasetsRepository } from '../datasets/datasets.repository';
import type { DatasetVersionEntity } from './dataset-version.entity';
import { VersionsRepository } from './versions.repository';

/** Finds `name@version` (a number or `latest`), or says precisely what is missing. */
@Injectable()
export class ResolveVersionUseCase {
  constructor(
    private readonly datasets: DatasetsRepository,
    private readonly versions: VersionsRepository,
  ) {}

  async execute(name: string, ref: VersionRef): Promise<{ dataset: DatasetEntity; version: DatasetVersionEntity }> {
    const dataset = await this.datasets.findByName(name);
    if (!dataset) throw new DomainError('catalog.dataset_not_found', `no dataset named "${name}"`, { name });
    const version = ref === 'latest' ? await this.versions.findLatest(dataset.id) : await this.versions.findByNumber(dataset.id, ref);
    if (!version) {
      throw new DomainError('catalog.version_not_found', ref === 'latest' ? `"${name}" has no accepted version yet` : `"${name}" has no version ${ref}`, { name, version: ref });
    }
    return { dataset, version };
  }
}
