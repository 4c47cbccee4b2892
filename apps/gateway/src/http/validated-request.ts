import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor, Principal } from '@galley/contracts';
import type { Request } from 'express';

/** What the guard and the validation interceptor attach to a request. */
export interface GalleyRequest extends Request {
  id: string;
  principal?: Principal;
  validated?: { params?: unknown; query?: unknown; body?: unknown };
}

function validatedPart(part: 'params' | 'query' | 'body') {
  return createParamDecorator((_data: unknown, context: ExecutionContext) => {
    const request = context.switchToHttp().getRequest<GalleyRequest>();
    return request.validated?.[part];
  });
}

/** The body parsed with the route's `@Endpoint({ body })` schema. */
export const ValidBody = validatedPart('body');
/** The query parsed with the route's `@Endpoint({ query })` schema. */
export const ValidQuery = validatedPart('query');
/** The path parameters parsed with the route's `@Endpoint({ params })` schema. */
export const ValidParams = validatedPart('params');

/** The authenticated caller as it is sent to services on the bus. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const principal = context.switchToHttp().getRequest<GalleyRequest>().principal;
  if (!principal) throw new Error('CurrentActor used on a route without authentication');
  return { kind: principal.kind, id: principal.id, name: principal.name, roles: principal.roles };
});

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<GalleyRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});
