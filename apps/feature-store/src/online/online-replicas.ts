import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { onlineBucketName } from '@galley/contracts';
import { NATS_CONNECTION } from '@galley/messaging';
import type { KV, NatsConnection } from 'nats';
import { OnlineReplica } from './online-replica';
import { OnlineWriter } from './online-writer';

/**
 * Every writer and reader opens a bucket with these options: JetStream refuses to open an existing
 * stream with a different configuration. One value per key; history would only cost disk.
 */
const ONLINE_BUCKET_OPTIONS = { history: 1, description: 'Galley online feature store: latest value per entity of one feature view' };

/**
 * The online store of every view this process has been asked about: its KV bucket and a local replica,
 * opened lazily on first use and shared by lookups and materializations. A replica whose watch ends is
 * dropped, so the next call opens a fresh one instead of serving a copy that no longer follows.
 */
@Injectable()
export class OnlineReplicas implements BeforeApplicationShutdown {
  private readonly buckets = new Map<string, Promise<KV>>();
  private readonly replicas = new Map<string, Promise<OnlineReplica>>();
  private readonly opened = new Map<string, OnlineReplica>();
  private readonly synced = new Map<string, OnlineReplica>();

  constructor(@Inject(NATS_CONNECTION) private readonly connection: NatsConnection) {}

  /** The view's KV bucket, created when it does not exist yet. */
  bucket(view: string): Promise<KV> {
    let bucket = this.buckets.get(view);
    if (!bucket) {
      bucket = this.connection.jetstream().views.kv(onlineBucketName(view), ONLINE_BUCKET_OPTIONS);
      this.buckets.set(view, bucket);
      bucket.catch(() => this.buckets.delete(view));
    }
    return bucket;
  }

  /** The synced replica when there is one: the lookup path's way to skip a promise per view. */
  current(view: string): OnlineReplica | undefined {
    return this.synced.get(view);
  }

  /** The view's replica, opened on first use; resolves once it holds every value in the bucket. */
  replica(view: string): Promise<OnlineReplica> {
    let replica = this.replicas.get(view);
    if (!replica) {
      replica = this.open(view);
      this.replicas.set(view, replica);
      replica.catch(() => this.replicas.delete(view));
    }
    return replica;
  }

  /** A writer into the view's bucket, deciding against its replica (which it waits for). */
  async writer(view: string): Promise<OnlineWriter> {
    const [bucket, replica] = await Promise.all([this.bucket(view), this.replica(view)]);
    return new OnlineWriter(this.connection, bucket, `$KV.${onlineBucketName(view)}.`, replica);
  }

  beforeApplicationShutdown(): void {
    for (const replica of this.opened.values()) replica.stop();
  }

  private async open(view: string): Promise<OnlineReplica> {
    const replica = new OnlineReplica(onlineBucketName(view), await this.bucket(view));
    this.opened.set(view, replica);
    void replica.stopped.then(() => {
      if (this.opened.get(view) !== replica) return;
      this.opened.delete(view);
      this.synced.delete(view);
      this.replicas.delete(view);
      this.buckets.delete(view);
    });
    try {
      await replica.ready;
    } catch (error) {
      replica.stop();
      throw error;
    }
    this.synced.set(view, replica);
    return replica;
  }
}
