import { createInbox, headers as natsHeaders, type KV, type Msg, type NatsConnection, type Subscription } from 'nats';
import type { OnlineReplica } from './online-replica';
import { decodeOnlineValue, shouldReplace, type OnlineValue } from './online-value';

/** Writes waiting for JetStream's acknowledgement at once: enough to keep the server busy, few enough to bound memory. */
const DEFAULT_IN_FLIGHT = 256;
/** With writes outstanding and no acknowledgement for this long, the server is presumed gone. */
const ACK_TIMEOUT_MS = 30_000;
const MAX_CONFLICT_RETRIES = 5;
const WRONG_LAST_SEQUENCE = 10071;
const EXPECTED_LAST_SUBJECT_SEQUENCE = 'Nats-Expected-Last-Subject-Sequence';

interface PubAck {
  seq?: number;
  error?: { code?: number; err_code?: number; description?: string };
}

/**
 * Writes values into a view's KV bucket, pipelined, each only when it changes the online state
 * (`shouldReplace` against the replica). Every write is a compare-and-set on the key's revision the
 * replica last saw: a value that a concurrent writer changed meanwhile is read again and decided
 * anew, so a newer value is never overwritten by an older one.
 *
 * Puts are published on the bucket's subject with one reply subscription for all acknowledgements,
 * instead of `kv.put` per value: nats.js gives each request its own promise and timer, which cost
 * about 3× the CPU of the write itself (≈130 µs against ≈40 µs per value, measured here).
 */
export class OnlineWriter {
  private readonly inbox = createInbox();
  private readonly subscription: Subscription;
  private readonly pending = new Map<number, { key: string; value: OnlineValue }>();
  private readonly retries = new Set<Promise<void>>();
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();
  private nextToken = 0;
  private lastAckAt = Date.now();
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private readonly ticker: NodeJS.Timeout;
  /** Values written (acknowledged). */
  written = 0;
  /** Values not written because the store already held them or something newer. */
  unchanged = 0;

  constructor(
    private readonly connection: NatsConnection,
    private readonly kv: KV,
    private readonly subjectPrefix: string,
    private readonly replica: OnlineReplica,
    private readonly maxInFlight = DEFAULT_IN_FLIGHT,
  ) {
    this.subscription = connection.subscribe(`${this.inbox}.*`, { callback: (error, message) => (error ? this.fail(error) : this.acknowledged(message)) });
    // Waiters re-check now and then even without acknowledgements, for the timeout in waitUntil.
    this.ticker = setInterval(() => this.wake?.(), 1_000);
    this.ticker.unref();
  }

  /** Queues one write; resolves when there is room for the next. Throws the first failed write. */
  async write(key: string, value: OnlineValue): Promise<void> {
    if (this.failure) throw this.failure;
    const stored = this.replica.get(key);
    if (!shouldReplace(stored, value)) {
      this.unchanged++;
      return;
    }
    this.publish(key, value, stored?.revision ?? 0);
    await this.waitUntil(() => this.pending.size < this.maxInFlight);
  }

  /** Waits for every queued write; throws the first failure. */
  async flush(): Promise<void> {
    try {
      await this.waitUntil(() => this.pending.size === 0 && this.retries.size === 0);
    } finally {
      this.close();
    }
  }

  /** Stops listening for acknowledgements (a run that stopped half-way); writes in flight still land. */
  close(): void {
    clearInterval(this.ticker);
    if (!this.subscription.isClosed()) this.subscription.unsubscribe();
  }

  private publish(key: string, value: OnlineValue, expectedRevision: number): void {
    const token = this.nextToken++;
    this.pending.set(token, { key, value });
    const hdrs = natsHeaders();
    hdrs.set(EXPECTED_LAST_SUBJECT_SEQUENCE, String(expectedRevision));
    if (this.pending.size === 1) this.lastAckAt = Date.now();
    this.connection.publish(`${this.subjectPrefix}${key}`, this.encoder.encode(value.text), { reply: `${this.inbox}.${token}`, headers: hdrs });
  }

  private acknowledged(message: Msg): void {
    const token = Number(message.subject.slice(this.inbox.length + 1));
    const write = this.pending.get(token);
    if (!write) return;
    this.pending.delete(token);
    this.lastAckAt = Date.now();
    let ack: PubAck;
    try {
      ack = message.data.length === 0 ? { error: { description: `no JetStream stream answered for ${this.subjectPrefix}* (status ${message.headers?.code ?? '?'})` } } : (JSON.parse(this.decoder.decode(message.data)) as PubAck);
    } catch {
      ack = { error: { description: 'an acknowledgement that is not JSON' } };
    }
    if (!ack.error) this.written++;
    else if (ack.error.err_code === WRONG_LAST_SEQUENCE) this.retry(write.key, write.value);
    else this.fail(new Error(`writing ${write.key}: ${ack.error.description ?? 'refused'}`));
    this.wake?.();
  }

  /** A concurrent writer changed the key: read what it holds now and write again only if ours is still newer. */
  private retry(key: string, value: OnlineValue): void {
    const retry = (async () => {
      for (let attempt = 0; ; attempt++) {
        const current = await this.kv.get(key);
        const stored = current?.operation === 'PUT' ? (decodeOnlineValue(this.decoder.decode(current.value)) ?? undefined) : undefined;
        if (!shouldReplace(stored, value)) {
          this.unchanged++;
          return;
        }
        try {
          await this.kv.put(key, this.encoder.encode(value.text), { previousSeq: current?.revision ?? 0 });
          this.written++;
          return;
        } catch (error) {
          const code = (error as { api_error?: { err_code?: number } } | null)?.api_error?.err_code;
          if (code !== WRONG_LAST_SEQUENCE || attempt >= MAX_CONFLICT_RETRIES) throw error;
        }
      }
    })()
      .catch((error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))))
      .finally(() => {
        this.retries.delete(retry);
        this.wake?.();
      });
    this.retries.add(retry);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake?.();
  }

  private async waitUntil(done: () => boolean): Promise<void> {
    while (!done()) {
      if (this.failure) throw this.failure;
      if (this.pending.size > 0 && Date.now() - this.lastAckAt > ACK_TIMEOUT_MS) {
        this.fail(new Error(`no acknowledgement from JetStream for ${ACK_TIMEOUT_MS / 1000} s with ${this.pending.size} writes outstanding`));
        continue;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    if (this.failure) throw this.failure;
  }
}
