import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { BusClient, connectToNats } from '@galley/messaging';
import type { NatsConnection } from 'nats';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';

export const GATEWAY_NATS = Symbol('GATEWAY_NATS');

@Injectable()
class NatsDrainer implements OnApplicationShutdown {
  constructor(@Inject(GATEWAY_NATS) private readonly connection: NatsConnection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.connection.drain().catch(() => undefined);
  }
}

/** The gateway's one NATS connection and the typed request client over it. */
@Global()
@Module({
  providers: [
    {
      provide: GATEWAY_NATS,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) => connectToNats({ url: config.NATS_URL, name: 'galley-gateway' }),
    },
    {
      provide: BusClient,
      inject: [GATEWAY_NATS, GATEWAY_CONFIG],
      useFactory: (connection: NatsConnection, config: GatewayConfig) => new BusClient(connection, config.GALLEY_REQUEST_TIMEOUT_MS),
    },
    NatsDrainer,
  ],
  exports: [BusClient, GATEWAY_NATS],
})
export class BusModule {}
