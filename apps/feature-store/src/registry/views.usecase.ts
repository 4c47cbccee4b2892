import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { datasetUrn, FeatureEvents, type Actor, type FeatureView, type FeatureViewDefinition } from '@galley/contracts';
import { currentRequestId, DomainError, OutboxRelay } from '@galley/messaging';
import { enqueueEvent, nowIso, transactional } from '@galley/persistence';
import { DataSource, QueryFailedError } from 'typeorm';
import { CatalogSources } from './catalog-sources';
import type { FeatureViewEntity } from './feature-view.entity';
import { RegistryRepository } from './registry.repository';
import { toViewContract } from './registry.mappers';
import { checkViewAgainstSource } from './view-source-check';

export function featureViewUrn(name: string, revision: number): string {
  return `featureview:${name}@${revision}`;
}

@Injectable()
export class ViewsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: RegistryRepository,
    private readonly sources: CatalogSources,
    private readonly outbox: OutboxRelay,
  ) {}

  /**
   * Creates the view or, when the definition changed, its next revision; the same definition again is
   * a no-op. The definition is checked against the source version's schema before anything is stored,
   * and a source the catalog rejected is refused.
   */
  async apply(actor: Actor, definition: FeatureViewDefinition): Promise<{ view: FeatureView; created: boolean }> {
    const entity = await this.registry.findEntity(definition.entity);
    if (!entity) throw new DomainError('features.entity_not_found', `no entity named "${definition.entity}"`, { name: definition.entity });
    const source = await this.sources.resolve(definition.source.dataset, definition.source.version);
    checkViewAgainstSource(definition, entity.joinKey, source.version.columns, `${source.version.dataset}@${source.version.version}`);

    const canonical: FeatureViewDefinition = { ...definition, features: definition.features.map((feature) => ({ ...feature, column: feature.column ?? feature.name })) };
    const hash = createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await transactional(this.dataSource, async (manager) => {
          const current = await this.registry.currentView(definition.name, manager);
          if (current?.definitionHash === hash) return { revision: current, created: false };
          const revision: FeatureViewEntity = {
            id: randomUUID(),
            name: definition.name,
            revision: (current?.revision ?? 0) + 1,
            entity: definition.entity,
            definition: canonical,
            definitionHash: hash,
            owner: current?.owner ?? actor.name,
            createdAt: nowIso(),
          };
          await this.registry.insertView(revision, manager);
          const view = toViewContract(revision, entity.joinKey, (await this.registry.firstCreatedAt(definition.name)) ?? revision.createdAt);
          const lineage = { edges: [{ from: datasetUrn(source.version.dataset, source.version.version), to: featureViewUrn(view.name, view.revision), relation: 'feeds' }] };
          await enqueueEvent(manager, { subject: FeatureEvents.viewApplied.subject, payload: { view, actor, lineage }, requestId: currentRequestId() });
          return { revision, created: true };
        });
        this.outbox.nudge();
        return { view: await this.toContract(result.revision), created: result.created };
      } catch (error) {
        // Two writers raced for the same revision number: read again and retry.
        const conflict = error instanceof QueryFailedError && /unique|duplicate/i.test(error.message);
        if (!conflict || attempt >= 3) throw error;
      }
    }
  }

  async list(): Promise<{ items: FeatureView[] }> {
    return { items: await Promise.all((await this.registry.currentViews()).map((view) => this.toContract(view))) };
  }

  async get(name: string, revision?: number): Promise<FeatureView> {
    const view = revision === undefined ? await this.registry.currentView(name) : await this.registry.viewRevision(name, revision);
    if (!view) {
      throw new DomainError('features.view_not_found', revision === undefined ? `no feature view named "${name}"` : `feature view "${name}" has no revision ${revision}`, { name, revision });
    }
    return this.toContract(view);
  }

  async revisions(name: string): Promise<{ items: FeatureView[] }> {
    const revisions = await this.registry.viewRevisions(name);
    if (revisions.length === 0) throw new DomainError('features.view_not_found', `no feature view named "${name}"`, { name });
    return { items: await Promise.all(revisions.map((view) => this.toContract(view))) };
  }

  private async toContract(view: FeatureViewEntity): Promise<FeatureView> {
    const entity = await this.registry.findEntity(view.entity);
    return toViewContract(view, entity?.joinKey ?? '', (await this.registry.firstCreatedAt(view.name)) ?? view.createdAt);
  }
}
