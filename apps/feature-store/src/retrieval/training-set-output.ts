import { createReadStream } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { CatalogRequests, type Actor, type RegisteredVersion } from '@galley/contracts';
import { BusClient, RemoteError } from '@galley/messaging';
import { BlobStore } from '@galley/storage';

/** Profiling a large training set takes a while in the catalog. */
const REGISTER_TIMEOUT_MS = 10 * 60_000;

/** Stores a built training set as a new version of a catalog dataset, creating the dataset when missing. */
@Injectable()
export class TrainingSetOutput {
  constructor(
    private readonly bus: BusClient,
    private readonly blobs: BlobStore,
  ) {}

  async register(actor: Actor, dataset: string, parquetPath: string, description: string): Promise<RegisteredVersion> {
    await this.ensureDataset(actor, dataset, description);
    const blob = await this.blobs.put(createReadStream(parquetPath), { maxBytes: Number.MAX_SAFE_INTEGER }); // our own file: no upload limit applies
    try {
      return await this.bus.request(
        CatalogRequests.registerVersion,
        { actor, name: dataset, blob: { key: blob.key, sha256: blob.sha256, size: blob.size }, format: 'parquet' },
        { timeoutMs: REGISTER_TIMEOUT_MS },
      );
    } catch (error) {
      // The catalog refused the file: leave no orphan bytes behind (bytes already stored stay for their owner).
      if (blob.created && error instanceof RemoteError) await this.blobs.delete(blob.key);
      throw error;
    }
  }

  private async ensureDataset(actor: Actor, name: string, description: string): Promise<void> {
    try {
      await this.bus.request(CatalogRequests.getDataset, { name });
      return;
    } catch (error) {
      if (!(error instanceof RemoteError && error.code === 'catalog.dataset_not_found')) throw error;
    }
    try {
      await this.bus.request(CatalogRequests.createDataset, { actor, dataset: { name, description, tags: ['training-set'] } });
    } catch (error) {
      // Created concurrently by another request: it exists, which is all that matters.
      if (!(error instanceof RemoteError && error.code === 'catalog.dataset_exists')) throw error;
    }
  }
}
