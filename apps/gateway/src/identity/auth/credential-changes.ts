import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CREDENTIALS_CHANGED_SUBJECT, CredentialsChangedSchema, type CredentialsChanged, type Principal } from '@galley/contracts';
import { JSONCodec, type NatsConnection, type Subscription } from 'nats';
import { GATEWAY_NATS } from '../../bus/bus.module';
import { PrincipalCache } from './principal-cache';

const codec = JSONCodec<unknown>();

/** Told of every credential change, announced here or by another replica. */
export type CredentialChangeListener = (change: CredentialsChanged) => void;

/**
 * Makes revocation, logout and user changes take effect on every gateway replica: this one forgets
 * at once, the others when the broadcast reaches them (and within the cache lifetime if it never does).
 * What outlives a request (an open kernel websocket) listens, so it can end with its credential.
 */
@Injectable()
export class CredentialChanges implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CredentialChanges');
  private subscription: Subscription | null = null;
  private readonly listeners = new Set<CredentialChangeListener>();

  constructor(
    private readonly cache: PrincipalCache,
    @Inject(GATEWAY_NATS) private readonly connection: NatsConnection,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.connection.subscribe(CREDENTIALS_CHANGED_SUBJECT, {
      callback: (error, message) => {
        if (error) return;
        let decoded: unknown;
        try {
          decoded = codec.decode(message.data);
        } catch {
          decoded = undefined;
        }
        const parsed = CredentialsChangedSchema.safeParse(decoded);
        if (!parsed.success) {
          this.logger.warn(`ignored a malformed message on ${CREDENTIALS_CHANGED_SUBJECT}`);
          return;
        }
        this.forget(parsed.data);
      },
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  /** Returns the unsubscribe function. */
  listen(listener: CredentialChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  principalChanged(principal: { kind: Principal['kind']; id: string }): void {
    this.announce({ principal: { kind: principal.kind, id: principal.id } });
  }

  tokenEnded(tokenHash: string): void {
    this.announce({ tokenHash });
  }

  private announce(change: CredentialsChanged): void {
    this.forget(change);
    try {
      this.connection.publish(CREDENTIALS_CHANGED_SUBJECT, codec.encode(change));
    } catch (error) {
      // The change itself is stored; other replicas catch up within the cache lifetime.
      this.logger.warn({ err: error }, 'could not tell other gateways about a credential change');
    }
  }

  private forget(change: CredentialsChanged): void {
    if ('tokenHash' in change) this.cache.forgetToken(change.tokenHash);
    else this.cache.forgetPrincipal(change.principal.kind, change.principal.id);
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.logger.error({ err: error }, 'a credential change listener failed');
      }
    }
  }
}
