import { Injectable } from '@nestjs/common';
import { CatalogRequests, type DatasetVersion } from '@galley/contracts';
import { BusClient, DomainError } from '@galley/messaging';
import { BlobStore } from '@galley/storage';

export interface ResolvedSource {
  version: DatasetVersion;
  /** Where the version's bytes are on this machine (the blob store is shared with the catalog). */
  path: string;
}

/**
 * Dataset versions as the feature store consumes them: resolved through the catalog (which owns them)
 * and refused when the catalog rejected them, so no feature is ever computed from data that failed
 * verification.
 */
@Injectable()
export class CatalogSources {
  constructor(
    private readonly bus: BusClient,
    private readonly blobs: BlobStore,
  ) {}

  async resolve(dataset: string, version: number | 'latest'): Promise<ResolvedSource> {
    const resolved = await this.bus.request(CatalogRequests.getVersion, { name: dataset, version });
    if (resolved.status === 'rejected') {
      throw new DomainError('features.rejected_source', `${dataset}@${resolved.version} was rejected by data verification and cannot be used`, {
        dataset,
        version: resolved.version,
      });
    }
    return { version: resolved, path: this.blobs.pathOf(`sha256/${resolved.sha256}`) };
  }
}
