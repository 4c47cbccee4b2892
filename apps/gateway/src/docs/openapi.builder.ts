import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { PLATFORM_VERSION, ProblemDetailsSchema } from '@galley/contracts';
import { z } from 'zod';
import { ENDPOINT_METADATA, type EndpointContract } from '../http/endpoint.decorator';

type JsonSchema = Record<string, unknown>;

export interface DiscoveredRoute {
  method: string;
  path: string;
  contract: EndpointContract;
}

/**
 * Finds every HTTP route and its `@Endpoint` contract. A route without a contract is a boot error:
 * it would be undocumented, unvalidated and (by the guard) closed, which is never what was meant.
 */
export function discoverRoutes(discovery: DiscoveryService, scanner: MetadataScanner, prefix: string): DiscoveredRoute[] {
  const routes: DiscoveredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const metatype = wrapper.metatype;
    const instance: unknown = wrapper.instance;
    if (!metatype || !instance) continue;
    const controllerPath = Reflect.getMetadata(PATH_METADATA, metatype) as string | undefined;
    if (controllerPath === undefined) continue; // message handlers (no HTTP path)
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[methodName] as object;
      const routePath = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (routePath === undefined || method === undefined) continue;
      const contract = Reflect.getMetadata(ENDPOINT_METADATA, handler) as EndpointContract | undefined;
      const path = joinPath(prefix, controllerPath, routePath);
      if (!contract) throw new Error(`${metatype.name}.${methodName} (${path}) has no @Endpoint contract`);
      routes.push({ method: RequestMethod[method].toLowerCase(), path, contract });
    }
  }
  return routes;
}

export function buildOpenApiDocument(routes: DiscoveredRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const openApiPath = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[openApiPath] ??= {};
    paths[openApiPath][route.method] = operationOf(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Galley API',
      version: PLATFORM_VERSION,
      description:
        'The REST API of Galley. Errors are application/problem+json (RFC 9457) with a Galley error `code`. ' +
        'Authenticate with the session cookie set by POST /api/v1/auth/login, or `Authorization: Bearer <token or API key>`.',
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A session token from /auth/login, or an API key (gk_…)' },
        session: { type: 'apiKey', in: 'cookie', name: 'galley_session' },
      },
      schemas: { Problem: toSchema(ProblemDetailsSchema, 'output') },
    },
  };
}

function operationOf(route: DiscoveredRoute): Record<string, unknown> {
  const { contract } = route;
  const parameters = [
    ...parametersOf(contract.params, 'path'),
    ...parametersOf(contract.query, 'query'),
  ];
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  const responses: Record<string, unknown> = {
    [String(contract.status)]: contract.response
      ? { description: 'Success', content: { 'application/json': { schema: toSchema(contract.response, 'output') } } }
      : { description: 'Success, no content' },
  };
  const errorStatuses = new Set([...(contract.errors ?? []), ...(contract.body || contract.query || contract.params ? [400] : [])]);
  if (contract.access !== 'public') {
    errorStatuses.add(401);
    if (contract.access !== 'authenticated') errorStatuses.add(403);
  }
  for (const status of [...errorStatuses].sort()) responses[String(status)] = { description: 'Problem', content: problem };
  const roles = Array.isArray(contract.access) ? ` Requires one of: ${contract.access.join(', ')}.` : '';
  return {
    summary: contract.summary,
    description: `${contract.description ?? ''}${roles}`.trim() || undefined,
    tags: contract.tags,
    security: contract.access === 'public' ? [] : [{ bearer: [] }, { session: [] }],
    parameters: parameters.length > 0 ? parameters : undefined,
    requestBody: contract.body
      ? { required: true, content: { 'application/json': { schema: toSchema(contract.body, 'input') } } }
      : undefined,
    responses,
  };
}

function parametersOf(schema: z.ZodTypeAny | undefined, location: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input');
  const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json['required'] as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
  }));
}

function toSchema(schema: z.ZodTypeAny, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json['$schema'];
  return json;
}

function joinPath(...parts: string[]): string {
  return `/${parts.flatMap((part) => part.split('/')).filter(Boolean).join('/')}`;
}
