import type { KV } from 'nats';
import type { OnlineReplica } from './online-replica';
import { decodeOnlineValue, shouldReplace, type OnlineValue } from './online-value';

/** Writes waiting for JetStream's acknowledgement at once: enough to keep the server busy, few enough to bound memory. */
const DEFAULT_IN_FLIGHT = 256;
const MAX_CONFLICT_RETRIES = 5;
const WRONG_LAST_SEQUENCE = 10071;

/**
 * Writes values into a view's KV bucket, pipelined, each only when it changes the online state
 * (`shouldReplace` against the replica). Every write is a compare-and-set on the key's revision the
 * replica last saw: a value that a concurrent writer changed meanwhile is read again and decided
 * anew, so a newer value is never overwritten by an older one.
 */
export class OnlineWriter {
  private inFlight = 0;
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();
  written = 0;
  unchanged = 0;

  constructor(
    private readonly kv: KV,
    private readonly replica: OnlineReplica,
    private readonly maxInFlight = DEFAULT_IN_FLIGHT,
  ) {}

  /** Queues one write; resolves when there is room for the next. Throws the first failed write. */
  async write(key: string, value: OnlineValue): Promise<void> {
    if (this.failure) throw this.failure;
    const stored = this.replica.get(key);
    if (!shouldReplace(stored, value)) {
      this.unchanged++;
      return;
    }
    this.inFlight++;
    this.put(key, value, stored?.revision ?? 0)
      .then(
        (changed) => (changed ? this.written++ : this.unchanged++),
        (error: unknown) => (this.failure ??= error instanceof Error ? error : new Error(String(error))),
      )
      .finally(() => {
        this.inFlight--;
        this.wake?.();
      })
      .catch(() => undefined);
    while (this.inFlight >= this.maxInFlight) await new Promise<void>((resolve) => (this.wake = resolve));
  }

  /** Waits for every queued write; throws the first failure. */
  async flush(): Promise<void> {
    while (this.inFlight > 0) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failure) throw this.failure;
  }

  private async put(key: string, value: OnlineValue, expectedRevision: number): Promise<boolean> {
    let expected = expectedRevision;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.kv.put(key, this.encoder.encode(value.text), { previousSeq: expected });
        return true;
      } catch (error) {
        if (!isWrongLastSequence(error) || attempt >= MAX_CONFLICT_RETRIES) throw error;
      }
      const current = await this.kv.get(key);
      const stored = current?.operation === 'PUT' ? (decodeOnlineValue(this.decoder.decode(current.value)) ?? undefined) : undefined;
      if (!shouldReplace(stored, value)) return false;
      expected = current?.revision ?? 0;
    }
  }
}

function isWrongLastSequence(error: unknown): boolean {
  return (error as { api_error?: { err_code?: number } } | null)?.api_error?.err_code === WRONG_LAST_SEQUENCE;
}
