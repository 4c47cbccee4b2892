import { Logger } from '@nestjs/common';
import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg, type NatsConnection } from 'nats';

export interface DurableConsumerOptions {
  stream: string;
  /** Shared by every replica of the service, so each message is handled by one of them. */
  durable: string;
  filterSubject: string;
  /** Resolve to ack. Throw a PoisonMessageError to drop a message that will never be handled; any other error redelivers it later. */
  handle: (message: JsMsg) => Promise<void>;
  /** How long a message may be in a handler before JetStream redelivers it. */
  ackWaitMs?: number;
  maxDeliver?: number;
}

/** A message that can never be handled (malformed, hostile): terminated instead of redelivered. */
export class PoisonMessageError extends Error {}

const RETRY_DELAY_MS = 2_000;

/**
 * Consumes a JetStream stream through a durable pull consumer, at least once: a handler that fails is
 * retried after a delay, a poison message is terminated with a log line, and `stop` lets the message
 * in hand finish. Handlers must be idempotent.
 */
export class DurableConsumer {
  private readonly logger: Logger;
  private messages: ConsumerMessages | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly connection: NatsConnection,
    private readonly options: DurableConsumerOptions,
  ) {
    this.logger = new Logger(`Consumer:${options.durable}`);
  }

  async start(): Promise<void> {
    const { stream, durable, filterSubject } = this.options;
    const manager = await this.connection.jetstreamManager();
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: filterSubject,
      ack_wait: (this.options.ackWaitMs ?? 30_000) * 1_000_000,
      max_deliver: this.options.maxDeliver ?? 20,
    };
    try {
      await manager.consumers.info(stream, durable);
      await manager.consumers.update(stream, durable, { ack_wait: config.ack_wait, max_deliver: config.max_deliver });
    } catch (error) {
      if ((error as { code?: string }).code !== '404') throw error;
      await manager.consumers.add(stream, config);
    }
    const consumer = await this.connection.jetstream().consumers.get(stream, durable);
    this.messages = await consumer.consume({ max_messages: 64 });
    this.loop = this.run(this.messages);
  }

  async stop(): Promise<void> {
    this.messages?.stop();
    await this.loop;
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      try {
        await this.options.handle(message);
        message.ack();
      } catch (error) {
        if (error instanceof PoisonMessageError) {
          this.logger.warn(`dropped ${message.subject} #${message.seq}: ${error.message}`);
          message.term();
        } else {
          this.logger.error(`handling ${message.subject} #${message.seq} failed, will retry: ${(error as Error).message}`);
          message.nak(RETRY_DELAY_MS);
        }
      }
    }
  }
}
