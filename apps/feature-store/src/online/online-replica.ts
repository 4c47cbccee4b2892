import { Logger } from '@nestjs/common';
import type { KV, KvEntry, QueuedIterator } from 'nats';
import { decodeOnlineValue, type OnlineValue } from './online-value';

/** A stored value and the KV revision it was read at (what a compare-and-set write names). */
export interface ReplicaEntry extends OnlineValue {
  revision: number;
}

const SYNC_TIMEOUT_MS = 5 * 60_000;
const CATCH_UP_TIMEOUT_MS = 60_000;

interface Waiter {
  revision: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * A local, in-memory copy of one view's KV bucket, kept current by a KV watch (the last value of every
 * key, then each update). Lookups read it without a network hop.
 *
 * `ready` resolves once the replica holds everything the bucket held when it was opened: it waits
 * for the stream's last sequence at that moment, not for the watch's "initialized" callback, which
 * nats-server 2.9 fires early on a bucket whose old values were replaced (its pending count for
 * last-per-subject delivery is wrong there). `stopped` resolves when the watch ends (NATS gone for
 * good, bucket deleted); the owner then drops this replica and opens a fresh one on the next lookup.
 */
export class OnlineReplica {
  private readonly logger: Logger;
  private readonly entries = new Map<string, ReplicaEntry>();
  private readonly decoder = new TextDecoder();
  private lastRevision = 0;
  private newest: number | null = null;
  private waiters: Waiter[] = [];
  private watch: QueuedIterator<KvEntry> | null = null;
  private ended: Error | null = null;
  private malformed = 0;

  readonly ready: Promise<void>;
  readonly stopped: Promise<void>;

  constructor(
    readonly bucket: string,
    private readonly kv: KV,
  ) {
    this.logger = new Logger(`OnlineReplica:${bucket}`);
    const started = Date.now();
    const watching = this.kv.status().then(async (status) => {
      const state = status.streamInfo.state;
      const target = state.messages === 0 ? 0 : state.last_seq;
      this.watch = await this.kv.watch();
      return target;
    });
    this.ready = watching.then(async (target) => {
      await this.reach(target, SYNC_TIMEOUT_MS);
      this.logger.log(`synced ${this.entries.size} entities in ${Date.now() - started} ms`);
    });
    this.stopped = watching
      .then(async () => {
        for await (const entry of this.watch as QueuedIterator<KvEntry>) this.apply(entry);
        throw new Error(`${bucket}: the watch ended`);
      })
      .catch((error: unknown) => {
        this.ended = error instanceof Error ? error : new Error(String(error));
        for (const waiter of this.waiters) waiter.reject(this.ended);
        this.waiters = [];
        this.logger.warn(`stopped following the bucket: ${this.ended.message}`);
      });
    // A failed start is reported through `ready` to whoever awaits it; never as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Newest event time (µs) seen in this bucket, null when it is empty. */
  get newestEventTime(): number | null {
    return this.newest;
  }

  get(key: string): ReplicaEntry | undefined {
    return this.entries.get(key);
  }

  values(): IterableIterator<[string, ReplicaEntry]> {
    return this.entries.entries();
  }

  /**
   * Resolves once every write the bucket had acknowledged when this was called is in the replica:
   * read-your-writes for a materialization that just finished, and a consistent start for the next.
   */
  async catchUp(): Promise<void> {
    await this.ready;
    const state = (await this.kv.status()).streamInfo.state;
    await this.reach(state.messages === 0 ? 0 : state.last_seq, CATCH_UP_TIMEOUT_MS);
  }

  stop(): void {
    this.watch?.stop();
  }

  private reach(revision: number, timeoutMs: number): Promise<void> {
    if (this.ended) return Promise.reject(this.ended);
    if (this.lastRevision >= revision) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== entry);
        reject(new Error(`${this.bucket}: the replica did not reach revision ${revision} within ${timeoutMs} ms`));
      }, timeoutMs);
      const entry: Waiter = {
        revision,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.push(entry);
    });
  }

  private apply(entry: KvEntry): void {
    this.lastRevision = Math.max(this.lastRevision, entry.revision);
    if (entry.operation !== 'PUT') {
      this.entries.delete(entry.key);
    } else {
      const value = decodeOnlineValue(this.decoder.decode(entry.value));
      if (value) {
        this.entries.set(entry.key, { t: value.t, r: value.r, s: value.s, text: value.text, valuesAt: value.valuesAt, revision: entry.revision });
        if (this.newest === null || value.t > this.newest) this.newest = value.t;
      } else {
        // Not written by the feature store: served as missing rather than guessed at.
        this.entries.delete(entry.key);
        if (this.malformed++ === 0) this.logger.warn(`ignoring a value of unknown format under key ${entry.key}`);
      }
    }
    if (this.waiters.length > 0) {
      const due = this.waiters.filter((waiter) => waiter.revision <= this.lastRevision);
      if (due.length > 0) {
        this.waiters = this.waiters.filter((waiter) => waiter.revision > this.lastRevision);
        for (const waiter of due) waiter.resolve();
      }
    }
  }
}
