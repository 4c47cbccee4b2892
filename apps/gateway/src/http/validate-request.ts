import { toValidationIssues, type ValidationIssue } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import type { EndpointContract } from './endpoint.decorator';

export interface RequestParts {
  params?: unknown;
  query?: unknown;
  body?: unknown;
}

/**
 * Parses params, query and body with the route's schemas, reporting every bad field at once (400
 * `validation_failed`, or the route's `invalidBodyCode` when only the body is wrong).
 */
export function validateRequest(contract: EndpointContract, parts: RequestParts): RequestParts {
  const issues: ValidationIssue[] = [];
  const validated: RequestParts = {};
  for (const part of ['params', 'query', 'body'] as const) {
    const schema = contract[part];
    if (!schema) continue;
    const result = schema.safeParse(parts[part]);
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
  return validated;
}
