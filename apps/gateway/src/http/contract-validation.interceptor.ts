import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@galley/messaging';
import type { Observable } from 'rxjs';
import { ENDPOINT_METADATA, type EndpointContract } from './endpoint.decorator';
import { validateRequest } from './validate-request';
import type { GalleyRequest } from './validated-request';

/**
 * Parses params, query and body with the route's schemas before the handler runs, reporting every
 * bad field at once. Runs after the guard, so unauthenticated callers learn nothing about schemas.
 */
@Injectable()
export class ContractValidationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const contract = this.reflector.get<EndpointContract | undefined>(ENDPOINT_METADATA, context.getHandler());
    if (!contract || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<GalleyRequest>();

    if (contract.body && hasBody(request) && !request.is('application/json')) {
      throw new DomainError('unsupported_media_type', `send the body as application/json (got ${request.headers['content-type'] ?? 'no Content-Type'})`);
    }
    request.validated = validateRequest(contract, {
      params: { ...(request.params as object) },
      query: { ...(request.query as object) },
      body: request.body ?? undefined,
    });
    return next.handle();
  }
}

function hasBody(request: GalleyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}
