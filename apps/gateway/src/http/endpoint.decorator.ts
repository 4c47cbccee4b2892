import { applyDecorators, HttpCode, SetMetadata } from '@nestjs/common';
import type { ErrorCode, Role } from '@galley/contracts';
import type { z } from 'zod';

/**
 * Who may call a route: anyone (`public`), any signed-in caller (`authenticated`), or holders of one
 * of the listed roles (role implication applies: an admin holds every role).
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

export interface EndpointContract {
  summary: string;
  description?: string;
  tags: string[];
  access: Access;
  params?: z.ZodTypeAny;
  query?: z.ZodTypeAny;
  body?: z.ZodTypeAny;
  /** Schema of the success body; omit for 204. */
  response?: z.ZodTypeAny;
  status?: number;
  /** Other statuses the route answers with problem+json, for the docs. */
  errors?: number[];
  /**
   * The code of a body that parses as JSON but breaks the schema, where the route's users expect
   * more than `validation_failed` (400): e.g. metric points that cannot be stored are a 422.
   */
  invalidBodyCode?: ErrorCode;
}

export const ENDPOINT_METADATA = 'galley:endpoint';

/**
 * Declares a route's contract once: the guard reads `access`, the validation interceptor parses
 * params/query/body, and the OpenAPI document is generated from the same object. A route without it
 * fails the boot-time check in the OpenAPI builder.
 */
export function Endpoint(contract: EndpointContract): MethodDecorator {
  const status = contract.status ?? (contract.response ? 200 : 204);
  return applyDecorators(SetMetadata(ENDPOINT_METADATA, { ...contract, status }), HttpCode(status));
}
