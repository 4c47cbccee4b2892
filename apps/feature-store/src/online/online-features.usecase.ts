import { Injectable } from '@nestjs/common';
import type { OnlineFeaturesRequest, OnlineFeaturesResponse, OnlineScalar, OnlineValueStatus } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { LookupPlans, type LookupPlan, type ViewLookup } from './lookup-plans';
import { entityKeyText, onlineKey } from './online-key';
import type { OnlineReplica, ReplicaEntry } from './online-replica';
import { OnlineReplicas } from './online-replicas';
import { microsToIso, onlineFeatureValues } from './online-value';

type Scalar = OnlineScalar;
type Result = OnlineFeaturesResponse['results'][number];

/**
 * Online lookups, answered from the local replica of each view's KV bucket: no network hop and no
 * database query per request once the selection is planned. A value is `present`, `missing` (nothing
 * stored for that entity, or the stored row predates the feature) or `expired` (its event time is
 * more than the view's TTL before now; the value is withheld and the event time given).
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
    const results: Result[] = [];
    for (const entity of request.entities) {
      const result: Result = {
        entity,
        values: new Array<Scalar>(plan.refs.length),
        statuses: new Array<OnlineValueStatus>(plan.refs.length),
        eventTimestamps: new Array<string | null>(plan.views.length),
      };
      for (let v = 0; v < plan.views.length; v++) {
        const view = plan.views[v];
        const keyText = entityKeyText(entity[view.joinKey], view.keyType);
        const stored = keyText === null ? undefined : replicas[v].get(onlineKey(keyText));
        // Only a value written by a revision not seen yet needs a (database) read of that revision.
        const positions = stored === undefined ? undefined : (view.positions.get(stored.r) ?? (await this.plans.positions(view, stored.r)));
        result.eventTimestamps[v] = fill(result, view, stored, positions, nowMicros);
      }
      results.push(result);
    }
    return { features: plan.refs, views: plan.views.map((view) => view.name), results };
  }
}

/** Writes one view's features into `result`; returns the event time of the row it read. */
function fill(result: Result, view: ViewLookup, stored: ReplicaEntry | undefined, positions: number[] | undefined, nowMicros: number): string | null {
  if (!stored || !positions) {
    for (const feature of view.features) setValue(result, feature.slot, null, 'missing');
    return null;
  }
  const eventTimestamp = microsToIso(stored.t);
  if (view.ttlMicros > 0 && stored.t < nowMicros - view.ttlMicros) {
    for (const feature of view.features) setValue(result, feature.slot, null, 'expired');
    return eventTimestamp;
  }
  const featureValues = onlineFeatureValues(stored);
  for (let k = 0; k < view.features.length; k++) {
    const position = positions[k];
    const present = position >= 0 && position < featureValues.length;
    setValue(result, view.features[k].slot, present ? scalar(featureValues[position]) : null, present ? 'present' : 'missing');
  }
  return eventTimestamp;
}

function setValue(result: Result, slot: number, value: Scalar, status: OnlineValueStatus): void {
  result.values[slot] = value;
  result.statuses[slot] = status;
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
