import { Injectable } from '@nestjs/common';
import type { OnlineFeatureValue, OnlineFeaturesRequest, OnlineFeaturesResponse } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { LookupPlans, type LookupPlan, type ViewLookup } from './lookup-plans';
import { entityKeyText, onlineKey } from './online-key';
import type { OnlineReplica, ReplicaEntry } from './online-replica';
import { OnlineReplicas } from './online-replicas';
import { microsToIso, onlineFeatureValues } from './online-value';

const MISSING: OnlineFeatureValue = Object.freeze({ value: null, status: 'missing', eventTimestamp: null });

type Scalar = OnlineFeatureValue['value'];

/**
 * Online lookups, answered from the local replica of each view's KV bucket: no network hop and no
 * database query per request once the selection is planned. A value is `present`, `missing` (nothing
 * stored for that entity) or `expired` (its event time is more than the view's TTL before now; the
 * value is withheld and its event time given).
 */
@Injectable()
export class OnlineFeaturesUseCase {
  constructor(
    private readonly plans: LookupPlans,
    private readonly replicas: OnlineReplicas,
  ) {}

  async lookup(request: OnlineFeaturesRequest): Promise<OnlineFeaturesResponse> {
    const plan = await this.plans.plan(request);
    checkJoinKeys(request.entities, plan);
    const replicas: OnlineReplica[] = [];
    for (const view of plan.views) replicas.push(this.replicas.current(view.name) ?? (await this.replicas.replica(view.name)));
    const nowMicros = Date.now() * 1000;
    const results: OnlineFeaturesResponse['results'] = [];
    for (const entity of request.entities) {
      const values = new Array<OnlineFeatureValue>(plan.refs.length);
      for (let v = 0; v < plan.views.length; v++) {
        const view = plan.views[v];
        const keyText = entityKeyText(entity[view.joinKey], view.keyType);
        const stored = keyText === null ? undefined : replicas[v].get(onlineKey(keyText));
        // Only a value written by a revision not seen yet needs a (database) read of that revision.
        const positions = stored === undefined ? undefined : (view.positions.get(stored.r) ?? (await this.plans.positions(view, stored.r)));
        fill(values, view, stored, positions, nowMicros);
      }
      results.push({ entity, values });
    }
    return { features: plan.refs, results };
  }
}

function fill(values: OnlineFeatureValue[], view: ViewLookup, stored: ReplicaEntry | undefined, positions: number[] | undefined, nowMicros: number): void {
  if (!stored || !positions) {
    for (const feature of view.features) values[feature.slot] = MISSING;
    return;
  }
  const eventTimestamp = microsToIso(stored.t);
  if (view.ttlMicros > 0 && stored.t < nowMicros - view.ttlMicros) {
    for (const feature of view.features) values[feature.slot] = { value: null, status: 'expired', eventTimestamp };
    return;
  }
  const featureValues = onlineFeatureValues(stored);
  for (let k = 0; k < view.features.length; k++) {
    const position = positions[k];
    values[view.features[k].slot] = position >= 0 && position < featureValues.length ? { value: scalar(featureValues[position]), status: 'present', eventTimestamp } : MISSING;
  }
}

/** Every entity must carry the join key of every view asked about; all the gaps are named at once. */
function checkJoinKeys(entities: OnlineFeaturesRequest['entities'], plan: LookupPlan): void {
  const errors: Array<{ field: string; message: string }> = [];
  entities.forEach((entity, index) => {
    for (const view of plan.views) {
      if (entity[view.joinKey] === undefined) errors.push({ field: `entities.${index}`, message: `no "${view.joinKey}" (the join key of feature view ${view.name})` });
    }
  });
  if (errors.length === 0) return;
  const keys = [...new Set(plan.views.map((view) => `"${view.joinKey}"`))].join(', ');
  throw new DomainError('features.invalid_entity_rows', `${errors.length} entit${errors.length === 1 ? 'y lacks' : 'ies lack'} a join key; each entity needs ${keys}`, {
    errors: errors.slice(0, 20),
  });
}

function scalar(value: unknown): Scalar {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}
