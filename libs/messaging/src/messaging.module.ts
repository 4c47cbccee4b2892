import { Inject, Injectable, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { ensureStreams } from './jetstream-streams';
import { connectToNats } from './nats-connection';
import { OutboxRelay } from './outbox-relay';

/** Injection token of the service's own nats.js connection (JetStream, KV, events). */
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

@Injectable()
class OutboxRelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  // Before shutdown, not during it: the database closes in the shutdown phase.
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.connection.drain().catch(() => undefined);
  }
}

/**
 * What a service needs beyond Nest's NATS transport: a nats.js connection with the JetStream
 * streams in place, and the outbox relay that publishes its events.
 */
@Module({})
export class MessagingModule {
  static forService(options: { service: string; natsUrl: string }): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        {
          provide: NATS_CONNECTION,
          useFactory: async () => {
            const connection = await connectToNats({ url: options.natsUrl, name: `galley-${options.service}-events` });
            await ensureStreams(connection);
            return connection;
          },
        },
        {
          provide: OutboxRelay,
          inject: [DataSource, NATS_CONNECTION],
          useFactory: (dataSource: DataSource, connection: NatsConnection) => new OutboxRelay(dataSource, connection),
        },
        OutboxRelayLifecycle,
      ],
      exports: [NATS_CONNECTION, OutboxRelay],
    };
  }
}
