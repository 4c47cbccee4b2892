import { Logger } from '@nestjs/common';
import { IsNull, type DataSource } from 'typeorm';
import { headers as natsHeaders, type JetStreamClient, type NatsConnection } from 'nats';
import { BUS_HEADERS } from '@galley/contracts';
import { OutboxMessageEntity, nowIso } from '@galley/persistence';

const BATCH_SIZE = 100;

/**
 * Publishes outbox rows to JetStream in order, marking each once the stream has acknowledged it.
 * Runs in every replica; two replicas publishing the same row is harmless because the row id is the
 * `Nats-Msg-Id` and the stream drops duplicates. While NATS is down rows simply wait.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly jetstream: JetStreamClient;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private pendingNudge = false;

  constructor(
    private readonly dataSource: DataSource,
    connection: NatsConnection,
    private readonly intervalMs = 1_000,
  ) {
    this.jetstream = connection.jetstream();
  }

  start(): void {
    this.timer = setInterval(() => this.nudge(), this.intervalMs);
    this.nudge();
  }

  /** Publish now rather than at the next tick (call after committing a change with events). */
  nudge(): void {
    if (this.running) {
      this.pendingNudge = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'outbox relay pass failed; will retry'))
      .finally(() => {
        this.running = null;
        if (this.pendingNudge) {
          this.pendingNudge = false;
          this.nudge();
        }
      });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Publishes everything pending; resolves when the outbox is empty or a publish failed. */
  async drain(): Promise<void> {
    const repository = this.dataSource.getRepository(OutboxMessageEntity);
    for (;;) {
      const batch = await repository.find({
        where: { publishedAt: IsNull() },
        order: { createdAt: 'ASC', id: 'ASC' },
        take: BATCH_SIZE,
      });
      if (batch.length === 0) return;
      for (const message of batch) {
        const hdrs = natsHeaders();
        if (message.requestId) hdrs.set(BUS_HEADERS.requestId, message.requestId);
        try {
          await this.jetstream.publish(message.subject, new TextEncoder().encode(message.payload), {
            msgID: message.id,
            headers: hdrs,
            timeout: 5_000,
          });
        } catch (error) {
          await repository.update(message.id, {
            attempts: message.attempts + 1,
            lastError: error instanceof Error ? error.message : String(error),
          });
          throw error;
        }
        await repository.update(message.id, { publishedAt: nowIso(), attempts: message.attempts + 1, lastError: null });
      }
    }
  }
}
