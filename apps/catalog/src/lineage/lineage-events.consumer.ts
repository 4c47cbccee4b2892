import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { LineageFieldSchema, STREAMS } from '@galley/contracts';
import { DurableConsumer, NATS_CONNECTION, PoisonMessageError } from '@galley/messaging';
import type { JsMsg, NatsConnection } from 'nats';
import { z } from 'zod';
import { LineageRepository } from './lineage.repository';

/** What the catalog reads of any event: its lineage edges and who caused it. Everything else is ignored. */
const EventWithLineageSchema = z.object({
  lineage: LineageFieldSchema.optional(),
  actor: z.object({ name: z.string().min(1).max(128) }).optional(),
});

/**
 * Records the lineage edges that any service announces on GALLEY_EVENTS, so a service never has to
 * call the catalog synchronously to be traced. Events are hostile input: one that is not JSON or whose
 * edges are malformed is dropped with a log line rather than retried forever.
 */
@Injectable()
export class LineageEventsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LineageEventsConsumer.name);
  private readonly consumer: DurableConsumer;

  constructor(
    @Inject(NATS_CONNECTION) connection: NatsConnection,
    private readonly lineage: LineageRepository,
  ) {
    this.consumer = new DurableConsumer(connection, {
      stream: STREAMS.events.name,
      durable: 'catalog-lineage',
      filterSubject: 'galley.events.>',
      handle: (message) => this.handle(message),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }

  private async handle(message: JsMsg): Promise<void> {
    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder().decode(message.data));
    } catch {
      throw new PoisonMessageError('not JSON');
    }
    const parsed = EventWithLineageSchema.safeParse(payload);
    if (!parsed.success) throw new PoisonMessageError(`malformed lineage: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const edges = parsed.data.lineage?.edges ?? [];
    if (edges.length === 0) return;
    const recorded = await this.lineage.record(edges, parsed.data.actor?.name ?? message.subject.split('.')[2] ?? 'unknown');
    this.logger.log(`recorded ${recorded} of ${edges.length} lineage edges from ${message.subject}`);
  }
}
