import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { FeatureRequests } from '@galley/contracts';
import { NATS_CONNECTION, serveFramed } from '@galley/messaging';
import type { NatsConnection, Subscription } from 'nats';
import { FEATURE_STORE_SERVICE } from '../service-name';
import { OnlineFeaturesUseCase } from './online-features.usecase';

/**
 * Online lookups are the one hot path of the feature store: answered on a plain subscription with a
 * framed reply (see serveFramed), so the gateway forwards the bytes to the HTTP caller without
 * parsing and re-serializing a reply that is ~400 KB for 100 entities × 50 features.
 */
@Injectable()
export class OnlineHandler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription: Subscription | null = null;

  constructor(
    private readonly online: OnlineFeaturesUseCase,
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = serveFramed(this.connection, FeatureRequests.online, (request) => this.online.lookup(request), {
      queue: `galley-${FEATURE_STORE_SERVICE}`,
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.drain().catch(() => undefined);
    this.subscription = null;
  }
}
