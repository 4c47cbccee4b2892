import { Injectable } from '@nestjs/common';
import type { FeatureViewFreshness, Materialization } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { OnlineReplicas } from '../online/online-replicas';
import { microsToIso } from '../online/online-value';
import { ViewsUseCase } from '../registry/views.usecase';
import { toMaterializationContract } from './materialization.mapper';
import { MaterializationRepository } from './materialization.repository';

/** What can be read about materializations: one run, and a view's online freshness. */
@Injectable()
export class MaterializationQueriesUseCase {
  constructor(
    private readonly runs: MaterializationRepository,
    private readonly views: ViewsUseCase,
    private readonly replicas: OnlineReplicas,
  ) {}

  async get(id: string): Promise<Materialization> {
    const run = await this.runs.findById(id);
    if (!run) throw new DomainError('features.materialization_not_found', `no materialization with id ${id}`, { id });
    return toMaterializationContract(run);
  }

  /** The last run, the newest event time online (from the local replica) and the bucket's key count. */
  async freshness(name: string): Promise<FeatureViewFreshness> {
    await this.views.get(name);
    const [last, replica, bucket] = await Promise.all([this.runs.latestFor(name), this.replicas.replica(name), this.replicas.bucket(name)]);
    const status = await bucket.status();
    const newest = replica.newestEventTime;
    return {
      view: name,
      lastMaterialization: last ? toMaterializationContract(last) : null,
      newestEventTimestamp: newest === null ? null : microsToIso(newest),
      onlineEntities: status.values,
    };
  }
}
