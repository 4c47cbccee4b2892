import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { toValidationIssues, type ValidationIssue } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import type { Observable } from 'rxjs';
import { ENDPOINT_METADATA, type EndpointContract } from './endpoint.decorator';
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

    const issues: ValidationIssue[] = [];
    const validated: NonNullable<GalleyRequest['validated']> = {};
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = contract[part];
      if (!schema) continue;
      const input: unknown = part === 'body' ? (request.body ?? undefined) : { ...(request[part] as object) };
      const result = schema.safeParse(input);
      if (result.success) {
        validated[part] = result.data;
      } else {
        const prefix = part === 'body' ? '' : `${part}.`;
        issues.push(...toValidationIssues(result.error).map((issue) => ({ ...issue, field: prefix + issue.field })));
      }
    }
    if (issues.length > 0 && contract.invalidBodyCode && issues.every((issue) => !issue.field.startsWith('params.') && !issue.field.startsWith('query.'))) {
      const named = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
      throw new DomainError(contract.invalidBodyCode, `invalid request: ${named}`, { errors: issues });
    }
    if (issues.length > 0) throw DomainError.validation('request', issues);
    request.validated = validated;
    return next.handle();
  }
}

function hasBody(request: GalleyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}
