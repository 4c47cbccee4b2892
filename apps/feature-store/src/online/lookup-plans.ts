import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { FeatureEvents, type EntityValueType, type FeatureRef } from '@galley/contracts';
import { DomainError, NATS_CONNECTION } from '@galley/messaging';
import type { NatsConnection, Subscription } from 'nats';
import { FeatureSelectionResolver } from '../registry/feature-selection';
import { RegistryRepository } from '../registry/registry.repository';
import { ViewsUseCase } from '../registry/views.usecase';

/** How one view is read for a request shape. */
export interface ViewLookup {
  name: string;
  revision: number;
  joinKey: string;
  keyType: EntityValueType;
  /** 0: values never expire. */
  ttlMicros: number;
  /** Each requested feature of this view: its name and its slot in the response's `values`. */
  features: Array<{ name: string; slot: number }>;
  /** Per stored view revision: where each requested feature sits in that revision's values (-1: absent). */
  positions: Map<number, number[]>;
}

export interface LookupPlan {
  refs: FeatureRef[];
  views: ViewLookup[];
}

/** A bound on drift if an invalidating event is missed (NATS reconnecting while a view is applied). */
const PLAN_TTL_MS = 30_000;
const MAX_PLANS = 1_000;

/**
 * Resolved feature selections per request shape (the feature list, or the service name), so a lookup
 * costs no database query. Feature services and entities never change once created; a view does, and
 * every `view.applied` event drops all plans. Revisions are immutable, so a revision's feature order,
 * once read, is kept for as long as the plan.
 */
@Injectable()
export class LookupPlans implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly plans = new Map<string, { plan: Promise<LookupPlan>; expiresAt: number }>();
  private subscription: Subscription | null = null;

  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    private readonly selection: FeatureSelectionResolver,
    private readonly registry: RegistryRepository,
    private readonly views: ViewsUseCase,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.connection.subscribe(FeatureEvents.viewApplied.subject, { callback: () => this.plans.clear() });
  }

  beforeApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  plan(request: { features?: FeatureRef[]; featureService?: string }): Promise<LookupPlan> {
    const shape = request.featureService !== undefined ? `service:${request.featureService}` : `features:${(request.features ?? []).join(',')}`;
    const now = Date.now();
    const cached = this.plans.get(shape);
    if (cached && cached.expiresAt > now) return cached.plan;
    if (this.plans.size >= MAX_PLANS) this.plans.delete(this.plans.keys().next().value as string);
    const plan = this.resolve(request);
    this.plans.set(shape, { plan, expiresAt: now + PLAN_TTL_MS });
    // Errors (an unknown feature) are not cached: the feature may be defined a moment later.
    plan.catch(() => {
      if (this.plans.get(shape)?.plan === plan) this.plans.delete(shape);
    });
    return plan;
  }

  /** Where the requested features sit in values stored by `revision` of the view. */
  async positions(view: ViewLookup, revision: number): Promise<number[]> {
    const known = view.positions.get(revision);
    if (known) return known;
    const definition = await this.views.get(view.name, revision).catch((error: unknown) => {
      // A value written by a revision that no longer exists cannot be read: its features are missing.
      if (error instanceof DomainError && error.code === 'features.view_not_found') return null;
      throw error;
    });
    const names = definition?.features.map((feature) => feature.name) ?? [];
    const positions = view.features.map((feature) => names.indexOf(feature.name));
    view.positions.set(revision, positions);
    return positions;
  }

  private async resolve(request: { features?: FeatureRef[]; featureService?: string }): Promise<LookupPlan> {
    const selection = await this.selection.resolve(request);
    const slots = new Map(selection.refs.map((ref, slot) => [ref, slot]));
    const views = await Promise.all(
      selection.views.map(async ({ view, features }): Promise<ViewLookup> => {
        const entity = await this.registry.findEntity(view.entity);
        if (!entity) throw new DomainError('features.entity_not_found', `no entity named "${view.entity}"`, { name: view.entity });
        const requested = features.map((feature) => ({ name: feature.name, slot: slots.get(`${view.name}:${feature.name}`) as number }));
        const current = view.features.map((feature) => feature.name);
        return {
          name: view.name,
          revision: view.revision,
          joinKey: view.joinKey,
          keyType: entity.valueType,
          ttlMicros: view.ttlSeconds * 1_000_000,
          features: requested,
          positions: new Map([[view.revision, requested.map((feature) => current.indexOf(feature.name))]]),
        };
      }),
    );
    return { refs: selection.refs, views };
  }
}
