import { Injectable } from '@nestjs/common';
import type { DatasetVersion, DatasetVersionList, RowsPage, TableProfile, ValidationReport, VersionRef } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { BlobStore } from '@galley/storage';
import { previewRows } from '@galley/tabular';
import { DatasetsRepository } from '../datasets/datasets.repository';
import { toValidationReport, toVersionContract } from './version.mapper';
import { ResolveVersionUseCase } from './resolve-version.usecase';
import { VersionsRepository } from './versions.repository';

/** Read-only questions about versions: list, one version, its profile, its validation, a page of its rows. */
@Injectable()
export class VersionQueriesUseCase {
  constructor(
    private readonly datasets: DatasetsRepository,
    private readonly versions: VersionsRepository,
    private readonly resolve: ResolveVersionUseCase,
    private readonly blobs: BlobStore,
  ) {}

  async list(name: string): Promise<DatasetVersionList> {
    const dataset = await this.datasets.findByName(name);
    if (!dataset) throw new DomainError('catalog.dataset_not_found', `no dataset named "${name}"`, { name });
    return { items: (await this.versions.listForDataset(dataset.id)).map((entity) => toVersionContract(name, entity)) };
  }

  async get(name: string, ref: VersionRef): Promise<DatasetVersion> {
    const { version } = await this.resolve.execute(name, ref);
    return toVersionContract(name, version);
  }

  async profile(name: string, ref: VersionRef): Promise<TableProfile> {
    return (await this.resolve.execute(name, ref)).version.profile;
  }

  async validation(name: string, ref: VersionRef): Promise<ValidationReport> {
    return toValidationReport(name, (await this.resolve.execute(name, ref)).version);
  }

  async rows(name: string, ref: VersionRef, page: { offset: number; limit: number }): Promise<RowsPage> {
    const { version } = await this.resolve.execute(name, ref);
    const rows = await previewRows(this.blobs.pathOf(`sha256/${version.sha256}`), version.format, page.offset, page.limit);
    return { rows, offset: page.offset, limit: page.limit, total: version.rowCount };
  }
}
