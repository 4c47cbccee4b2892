import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { hasAnyRole, type Principal, type Role } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config';
import { AuthenticateUseCase } from './authenticate.usecase';
import type { PresentedCredential } from './credentials';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is calling and whether they may: the rule of every non-public route, for the global guard
 * and for the routes served ahead of Nest. Throws a DomainError (401 or 403) with the reason.
 */
@Injectable()
export class RequestAuthorizer {
  constructor(
    private readonly authenticate: AuthenticateUseCase,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async authorize(request: IncomingMessage, credential: PresentedCredential | null, access: 'authenticated' | readonly Role[]): Promise<Principal> {
    if (!credential) throw new DomainError('unauthenticated', 'sign in, or send Authorization: Bearer <session token or API key>');
    const principal = await this.authenticate.execute(credential.token);
    if (!principal) throw new DomainError('unauthenticated', 'the session or API key is invalid, expired or revoked');
    if (credential.via === 'cookie' && !SAFE_METHODS.has(request.method ?? '')) this.checkOrigin(request);
    if (access !== 'authenticated' && !hasAnyRole(principal.roles, access)) {
      throw new DomainError('forbidden', `this needs one of the roles: ${access.join(', ')}`, { required: access, held: principal.roles });
    }
    return principal;
  }

  /**
   * A cookie is sent on cross-site requests too, so a state-changing request that rides on one must
   * come from our own origin (SameSite=Lax already stops most of this; this closes the rest).
   */
  private checkOrigin(request: IncomingMessage): void {
    const origin = request.headers.origin;
    if (!origin) return; // Non-browser clients send no Origin; browsers always do on cross-site writes.
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new DomainError('forbidden', 'the Origin header is not a URL');
    }
    const forwardedHost = request.headers['x-forwarded-host'];
    const allowedHosts = [request.headers.host, ...(typeof forwardedHost === 'string' ? forwardedHost.split(',') : [])]
      .filter((host): host is string => typeof host === 'string')
      .map((host) => host.trim());
    if (allowedHosts.includes(originHost) || this.config.GALLEY_ALLOWED_ORIGINS.includes(origin)) return;
    throw new DomainError('forbidden', `requests from origin ${origin} may not use the session cookie`);
  }
}
