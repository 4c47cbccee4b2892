import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasAnyRole } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config';
import { ENDPOINT_METADATA, type EndpointContract } from '../../http/endpoint.decorator';
import type { GalleyRequest } from '../../http/validated-request';
import { AuthenticateUseCase } from './authenticate.usecase';
import { readCredential } from './credentials';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The global guard: every route is closed unless its `@Endpoint` says `access: 'public'`, and a
 * route without `@Endpoint` is closed to everyone (fail shut, never open).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticate: AuthenticateUseCase,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const contract = this.reflector.get<EndpointContract | undefined>(ENDPOINT_METADATA, context.getHandler());
    if (!contract) throw new DomainError('forbidden', 'this route declares no access rule');
    if (contract.access === 'public') return true;

    const request = context.switchToHttp().getRequest<GalleyRequest>();
    const credential = readCredential(request);
    if (!credential) throw new DomainError('unauthenticated', 'sign in, or send Authorization: Bearer <session token or API key>');
    const principal = await this.authenticate.execute(credential.token);
    if (!principal) throw new DomainError('unauthenticated', 'the session or API key is invalid, expired or revoked');
    if (credential.via === 'cookie' && !SAFE_METHODS.has(request.method)) this.checkOrigin(request);
    request.principal = principal;

    if (contract.access !== 'authenticated' && !hasAnyRole(principal.roles, contract.access)) {
      throw new DomainError('forbidden', `this needs one of the roles: ${contract.access.join(', ')}`, {
        required: contract.access,
        held: principal.roles,
      });
    }
    return true;
  }

  /**
   * A cookie is sent on cross-site requests too, so a state-changing request that rides on one must
   * come from our own origin (SameSite=Lax already stops most of this; this closes the rest).
   */
  private checkOrigin(request: GalleyRequest): void {
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
