import type { ErrorCode, RpcErrorPayload, ValidationIssue } from '@galley/contracts';
import { toValidationIssues } from '@galley/contracts';
import type { z } from 'zod';

/**
 * The one error type a use case throws. It crosses the bus as `{code, message, details}` and the
 * gateway turns it into problem+json with the status its code maps to.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DomainError';
  }

  toPayload(): RpcErrorPayload {
    return { code: this.code, message: this.message, details: this.details };
  }

  static validation(subject: string, errors: ValidationIssue[]): DomainError {
    const named = errors.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
    return new DomainError('validation_failed', `invalid ${subject}: ${named}`, { errors });
  }
}

/** Parses untrusted input (an HTTP body, a bus message) or throws a `validation_failed` DomainError. */
export function parseOrThrow<S extends z.ZodTypeAny>(schema: S, input: unknown, subject: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data as z.output<S>;
  throw DomainError.validation(subject, toValidationIssues(result.error));
}
