import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@galley/messaging';
import { ENDPOINT_METADATA, type EndpointContract } from '../../http/endpoint.decorator';
import type { GalleyRequest } from '../../http/validated-request';
import { readCredential } from './credentials';
import { RequestAuthorizer } from './request-authorizer';

/**
 * The global guard: every route is closed unless its `@Endpoint` says `access: 'public'`, and a
 * route without `@Endpoint` is closed to everyone (fail shut, never open).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authorizer: RequestAuthorizer,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const contract = this.reflector.get<EndpointContract | undefined>(ENDPOINT_METADATA, context.getHandler());
    if (!contract) throw new DomainError('forbidden', 'this route declares no access rule');
    if (contract.access === 'public') return true;
    const request = context.switchToHttp().getRequest<GalleyRequest>();
    request.principal = await this.authorizer.authorize(request, readCredential(request), contract.access);
    return true;
  }
}
