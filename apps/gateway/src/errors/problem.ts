import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpException, type LoggerService } from '@nestjs/common';
import type { ErrorCode, ProblemDetails, ValidationIssue } from '@galley/contracts';
import { DomainError, MalformedReplyError, RemoteError, RequestTimeoutError, ServiceUnavailableError } from '@galley/messaging';
import { ERROR_STATUS, ERROR_TITLES } from './error-status';

/** What went wrong, in Galley's terms, before it is written out. */
export interface Failure {
  code: ErrorCode;
  detail: string;
  status?: number;
  details?: unknown;
}

/** A request as far as an error answer needs it: Express's or a raw one (`id` from the request-id middleware). */
type AnsweredRequest = IncomingMessage & { id?: unknown; originalUrl?: string };

/**
 * Answers a failure as `application/problem+json` (RFC 9457) with a Galley error code, and logs what
 * an operator must see: the one writer for Nest's exception filter and the routes served outside Nest.
 */
export function sendProblem(exception: unknown, request: AnsweredRequest, response: ServerResponse, logger: LoggerService): void {
  const url = request.originalUrl ?? request.url ?? '';
  const failure = describeFailure(exception, { method: request.method, url });
  const status = failure.status ?? ERROR_STATUS[failure.code];
  if (status === 503 || status === 504) {
    // An unavailable service is an operational state, not a bug in this request: no stack trace.
    logger.warn({ code: failure.code }, `${request.method} ${url}: ${failure.detail}`);
  } else if (status >= 500) {
    logger.error({ err: exception, code: failure.code }, `${request.method} ${url} failed: ${failure.detail}`);
  }
  if (response.headersSent) {
    response.end();
    return;
  }
  const body = JSON.stringify(problemDetails({ ...failure, status }, url, typeof request.id === 'string' ? request.id : undefined));
  response.writeHead(status, { 'content-type': 'application/problem+json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** The problem document of a failure; `errors` carries per-field validation issues when there are any. */
export function problemDetails(failure: Failure, instance: string, requestId: string | undefined): ProblemDetails {
  const status = failure.status ?? ERROR_STATUS[failure.code];
  const errors = extractIssues(failure.details);
  return {
    type: `urn:galley:problem:${failure.code}`,
    title: ERROR_TITLES[status] ?? 'Error',
    status,
    detail: failure.detail,
    code: failure.code,
    instance,
    ...(requestId ? { requestId } : {}),
    ...(errors ? { errors } : failure.details !== undefined ? { details: failure.details } : {}),
  };
}

export function describeFailure(exception: unknown, request: { method?: string; url?: string }): Failure {
  if (exception instanceof DomainError || exception instanceof RemoteError) {
    return { code: exception.code, detail: exception.message, details: exception.details };
  }
  if (exception instanceof ServiceUnavailableError) {
    return { code: 'service_unavailable', detail: `the ${serviceOf(exception.subject)} service is not answering; try again shortly` };
  }
  if (exception instanceof RequestTimeoutError) {
    return { code: 'timeout', detail: `the ${serviceOf(exception.subject)} service did not answer within ${exception.timeoutMs} ms` };
  }
  if (exception instanceof MalformedReplyError) {
    return { code: 'bad_gateway', detail: exception.message };
  }
  const bodyParserError = asBodyParserError(exception);
  if (bodyParserError) return bodyParserError;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return { code: 'not_found', detail: `no route ${request.method} ${(request.url ?? '').split('?')[0]}` };
    return { code: codeForStatus(status), status, detail: exception.message };
  }
  return { code: 'internal', detail: 'an unexpected error occurred; the request id is in the log' };
}

/** body-parser reports its own failures with `type` and `status`: name them precisely. */
function asBodyParserError(exception: unknown): Failure | null {
  if (typeof exception !== 'object' || exception === null || !('type' in exception)) return null;
  const { type, message } = exception as { type: unknown; message?: string };
  switch (type) {
    case 'entity.parse.failed':
      return { code: 'malformed_request', detail: `the body is not valid JSON: ${message ?? 'parse error'}` };
    case 'entity.too.large':
      return { code: 'payload_too_large', detail: 'the body is larger than the limit for this route' };
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return { code: 'unsupported_media_type', detail: message ?? 'unsupported body encoding' };
    case 'request.aborted':
    case 'request.size.invalid':
      return { code: 'malformed_request', detail: message ?? 'the body was incomplete' };
    default:
      return null;
  }
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'malformed_request';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'too_many_requests';
    default:
      return status >= 500 ? 'internal' : 'malformed_request';
  }
}

function serviceOf(subject: string): string {
  return subject.split('.')[1] ?? subject;
}

function extractIssues(details: unknown): ValidationIssue[] | undefined {
  if (typeof details === 'object' && details !== null && Array.isArray((details as { errors?: unknown }).errors)) {
    return (details as { errors: ValidationIssue[] }).errors;
  }
  return undefined;
}
