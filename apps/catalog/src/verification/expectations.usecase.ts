import { Injectable } from '@nestjs/common';
import { CatalogEvents, type Actor, type Expectation, type ExpectationSuite } from '@galley/contracts';
import { currentRequestId, DomainError, OutboxRelay } from '@galley/messaging';
import { enqueueEvent, nowIso, transactional } from '@galley/persistence';
import { findInvalidPatterns } from '@galley/tabular';
import { DataSource } from 'typeorm';
import { assertCanManage } from '../datasets/dataset-access';
import type { DatasetEntity } from '../datasets/dataset.entity';
import { DatasetsRepository } from '../datasets/datasets.repository';
import { ExpectationSuitesRepository } from './expectation-suites.repository';
import { toSuiteContract } from './suite.mapper';

@Injectable()
export class ExpectationsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly datasets: DatasetsRepository,
    private readonly suites: ExpectationSuitesRepository,
    private readonly outbox: OutboxRelay,
  ) {}

  async get(name: string): Promise<ExpectationSuite> {
    const dataset = await this.dataset(name);
    return toSuiteContract(name, await this.suites.find(dataset.id));
  }

  /**
   * Replaces the suite. Versions already stored keep their verdict until revalidated: a suite change
   * must not silently reject data that consumers are using.
   */
  async put(actor: Actor, name: string, expectations: Expectation[]): Promise<ExpectationSuite> {
    const dataset = await this.dataset(name);
    assertCanManage(actor, dataset);
    await assertPatternsCompile(expectations);
    const suite = await transactional(this.dataSource, async (manager) => {
      const current = await this.suites.find(dataset.id, manager);
      const entity = { datasetId: dataset.id, revision: (current?.revision ?? 0) + 1, expectations, updatedBy: actor.name, updatedAt: nowIso() };
      await this.suites.save(entity, manager);
      const contract = toSuiteContract(name, entity);
      await enqueueEvent(manager, { subject: CatalogEvents.expectationsUpdated.subject, payload: { suite: contract, actor }, requestId: currentRequestId() });
      return contract;
    });
    this.outbox.nudge();
    return suite;
  }

  private async dataset(name: string): Promise<DatasetEntity> {
    const dataset = await this.datasets.findByName(name);
    if (!dataset) throw new DomainError('catalog.dataset_not_found', `no dataset named "${name}"`, { name });
    return dataset;
  }
}

async function assertPatternsCompile(expectations: Expectation[]): Promise<void> {
  const patterns = expectations.flatMap((expectation, index) => (expectation.kind === 'matches_regex' ? [{ index, pattern: expectation.pattern }] : []));
  const invalid = await findInvalidPatterns(patterns.map((entry) => entry.pattern));
  if (invalid.size === 0) return;
  const errors = [...invalid].map(([position, message]) => ({ field: `expectations.${patterns[position].index}.pattern`, message }));
  throw new DomainError('catalog.invalid_expectation', `${errors.length === 1 ? 'a pattern is' : 'patterns are'} not valid RE2: ${errors[0].message}`, { errors });
}
