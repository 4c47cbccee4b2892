import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor, Materialization, MaterializeRequest } from '@galley/contracts';
import { currentRequestId, DomainError } from '@galley/messaging';
import { nowIso, transactional } from '@galley/persistence';
import { DataSource, QueryFailedError } from 'typeorm';
import { CatalogSources } from '../registry/catalog-sources';
import { RegistryRepository } from '../registry/registry.repository';
import { ViewsUseCase } from '../registry/views.usecase';
import { isoToMicros, microsToPreciseIso } from './event-time';
import { MaterializationRunner } from './materialization-runner';
import type { MaterializationEntity } from './materialization.entity';
import { toMaterializationContract } from './materialization.mapper';
import { MaterializationRepository } from './materialization.repository';
import { StaleRunsSweeper } from './stale-runs.sweeper';

/**
 * Starts a materialization of a view's current revision over its source version (`latest` resolved
 * now) and answers at once with the run; the run itself goes on in the background. One run per view
 * at a time: asking again for the same run while it goes on answers that run, asking for another
 * is a conflict.
 */
@Injectable()
export class MaterializeUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly views: ViewsUseCase,
    private readonly registry: RegistryRepository,
    private readonly sources: CatalogSources,
    private readonly runs: MaterializationRepository,
    private readonly runner: MaterializationRunner,
    private readonly sweeper: StaleRunsSweeper,
  ) {}

  async execute(actor: Actor, name: string, window: MaterializeRequest): Promise<Materialization> {
    const view = await this.views.get(name);
    const entity = await this.registry.findEntity(view.entity);
    if (!entity) throw new DomainError('features.entity_not_found', `no entity named "${view.entity}"`, { name: view.entity });
    const source = await this.sources.resolve(view.source.dataset, view.source.version);
    const startMicros = window.start === undefined ? null : isoToMicros(window.start);
    const endMicros = window.end === undefined ? null : isoToMicros(window.end);
    const run: MaterializationEntity = {
      id: randomUUID(),
      view: view.name,
      viewRevision: view.revision,
      sourceDataset: source.version.dataset,
      sourceVersion: source.version.version,
      status: 'running',
      windowStart: startMicros === null ? null : microsToPreciseIso(startMicros),
      windowEnd: endMicros === null ? null : microsToPreciseIso(endMicros),
      rowsScanned: 0,
      entitiesWritten: 0,
      entitiesTotal: null,
      error: null,
      startedAt: nowIso(),
      finishedAt: null,
      heartbeatAt: nowIso(),
    };

    // A run whose process died must not block this one for longer than it takes to notice.
    await this.sweeper.sweep();
    const running = await this.runs.runningFor(view.name);
    if (running) return sameRunOrConflict(running, run, actor);
    try {
      await transactional(this.dataSource, (manager) => this.runs.insert(run, manager));
    } catch (error) {
      // Another request started a run of this view between the check and the insert.
      if (!(error instanceof QueryFailedError && /unique|duplicate/i.test(error.message))) throw error;
      const winner = await this.runs.runningFor(view.name);
      if (winner) return sameRunOrConflict(winner, run, actor);
      throw error;
    }
    this.runner.start({ run, view, keyType: entity.valueType, source, window: { startMicros, endMicros }, requestId: currentRequestId() });
    return toMaterializationContract(run);
  }
}

function sameRunOrConflict(running: MaterializationEntity, wanted: MaterializationEntity, actor: Actor): Materialization {
  const same =
    running.viewRevision === wanted.viewRevision &&
    running.sourceVersion === wanted.sourceVersion &&
    running.windowStart === wanted.windowStart &&
    running.windowEnd === wanted.windowEnd;
  if (same) return toMaterializationContract(running);
  throw new DomainError('conflict', `feature view ${running.view} is already being materialized (run ${running.id}); wait for it to finish`, {
    running: running.id,
    requestedBy: actor.name,
  });
}
