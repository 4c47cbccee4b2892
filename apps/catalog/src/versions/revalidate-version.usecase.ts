import { Injectable } from '@nestjs/common';
import { CatalogEvents, type Actor, type ValidationReport, type VersionRef } from '@galley/contracts';
import { currentRequestId, OutboxRelay } from '@galley/messaging';
import { enqueueEvent, transactional } from '@galley/persistence';
import { DataSource } from 'typeorm';
import { ExpectationSuitesRepository } from '../verification/expectation-suites.repository';
import { VersionValidator } from '../verification/version-validator';
import { ResolveVersionUseCase } from './resolve-version.usecase';
import { toValidationReport } from './version.mapper';
import { VersionsRepository } from './versions.repository';

/**
 * Checks a stored version against the dataset's current suite, after the suite changed. The verdict
 * can go either way: a version rejected under an old suite is accepted again when it now passes.
 */
@Injectable()
export class RevalidateVersionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resolve: ResolveVersionUseCase,
    private readonly versions: VersionsRepository,
    private readonly suites: ExpectationSuitesRepository,
    private readonly validator: VersionValidator,
    private readonly outbox: OutboxRelay,
  ) {}

  async execute(actor: Actor, name: string, ref: VersionRef): Promise<ValidationReport> {
    // A rejected version is still revalidated by number; `latest` only ever names an accepted one.
    const { dataset, version } = await this.resolve.execute(name, ref);
    const verdict = await this.validator.judge(await this.suites.find(dataset.id), version.sha256, version.format);
    const updated = { ...version, status: verdict.status, validation: verdict.outcome, validationReport: verdict.report };
    const report = toValidationReport(name, updated);
    await transactional(this.dataSource, async (manager) => {
      await this.versions.updateVerdict(updated, manager);
      const requestId = currentRequestId();
      await enqueueEvent(manager, { subject: CatalogEvents.versionRevalidated.subject, payload: { report, actor }, requestId });
      if (report.status === 'rejected') await enqueueEvent(manager, { subject: CatalogEvents.versionRejected.subject, payload: { report, actor }, requestId });
    });
    this.outbox.nudge();
    return report;
  }
}
