import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CatalogEvents, type Actor, type RegisteredVersion, type TableFormat } from '@galley/contracts';
import { currentRequestId, DomainError, OutboxRelay } from '@galley/messaging';
import { enqueueEvent, nowIso, transactional } from '@galley/persistence';
import { BlobStore } from '@galley/storage';
import { inspectTable, TabularError } from '@galley/tabular';
import { DataSource, QueryFailedError } from 'typeorm';
import { DatasetsRepository } from '../datasets/datasets.repository';
import { ExpectationSuitesRepository } from '../verification/expectation-suites.repository';
import { VersionValidator } from '../verification/version-validator';
import type { DatasetVersionEntity } from './dataset-version.entity';
import { diffSchemas } from './schema-change';
import { toValidationReport, toVersionContract } from './version.mapper';
import { VersionsRepository } from './versions.repository';

@Injectable()
export class RegisterVersionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly datasets: DatasetsRepository,
    private readonly versions: VersionsRepository,
    private readonly blobs: BlobStore,
    private readonly outbox: OutboxRelay,
    private readonly suites: ExpectationSuitesRepository,
    private readonly validator: VersionValidator,
  ) {}

  /**
   * Records uploaded bytes as the next version. The same bytes again are the same version
   * (idempotent, also under concurrent uploads); a file DuckDB cannot read is refused with its reason.
   * A readable file that fails a blocking expectation is recorded as `rejected`, so the uploader
   * can see why, and announced as such; consumers of data refuse it.
   */
  async execute(actor: Actor, name: string, blob: { key: string; sha256: string; size: number }, format: TableFormat): Promise<RegisteredVersion> {
    const dataset = await this.datasets.findByName(name);
    if (!dataset) throw new DomainError('catalog.dataset_not_found', `no dataset named "${name}"`, { name });
    const existing = await this.versions.findBySha(dataset.id, blob.sha256);
    if (existing) return { version: toVersionContract(name, existing), created: false };
    if (!(await this.blobs.exists(blob.key))) throw new DomainError('validation_failed', `no stored upload ${blob.key}`);

    let inspected;
    try {
      inspected = await inspectTable(this.blobs.pathOf(blob.key), format);
    } catch (error) {
      if (error instanceof TabularError) throw new DomainError('catalog.malformed_file', `the ${format} file cannot be read: ${error.message}`, { format, ...error.details });
      throw error;
    }
    const suite = await this.suites.find(dataset.id);
    const verdict = await this.validator.judge(suite, blob.sha256, format);

    for (let attempt = 0; ; attempt++) {
      try {
        return await transactional(this.dataSource, async (manager) => {
          const again = await this.versions.findBySha(dataset.id, blob.sha256, manager);
          if (again) return { version: toVersionContract(name, again), created: false };
          const previous = await this.versions.findNewest(dataset.id, manager);
          const entity: DatasetVersionEntity = {
            id: randomUUID(),
            datasetId: dataset.id,
            number: (previous?.number ?? 0) + 1,
            sha256: blob.sha256,
            size: blob.size,
            format,
            rowCount: inspected.rowCount,
            columns: inspected.schema,
            profile: inspected.profile,
            uploader: actor.name,
            createdAt: nowIso(),
            status: verdict.status,
            validation: verdict.outcome,
            schemaChange: previous ? diffSchemas(previous.number, previous.columns, inspected.schema) : null,
            validationReport: verdict.report,
          };
          await this.versions.insert(entity, manager);
          await this.datasets.rememberColumns(manager, dataset.id, inspected.schema.map((column) => column.name));
          const version = toVersionContract(name, entity);
          const requestId = currentRequestId();
          await enqueueEvent(manager, { subject: CatalogEvents.versionRegistered.subject, payload: { version, actor }, requestId });
          if (entity.status === 'rejected') {
            await enqueueEvent(manager, { subject: CatalogEvents.versionRejected.subject, payload: { report: toValidationReport(name, entity), actor }, requestId });
          }
          return { version, created: true };
        }).finally(() => this.outbox.nudge());
      } catch (error) {
        // A concurrent upload took the number (or the same bytes landed first): read again and retry.
        const conflict = error instanceof QueryFailedError && /unique|duplicate/i.test(error.message);
        if (!conflict || attempt >= 3) throw error;
      }
    }
  }
}
