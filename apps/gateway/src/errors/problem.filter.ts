import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ErrorCode, ProblemDetails, ValidationIssue } from '@galley/contracts';
import { DomainError, MalformedReplyError, RemoteError, RequestTimeoutError, ServiceUnavailableError } from '@galley/messaging';
import type { Response } from 'express';
import type { GalleyRequest } from '../http/validated-request';
import { ERROR_STATUS, ERROR_TITLES } from './error-status';

interface Described {
  code: ErrorCode;
  detail: string;
  status?: number;
  details?: unknown;
}

/** Every failure leaves the gateway as `application/problem+json` (RFC 9457) with a Galley error code. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<GalleyRequest>();
    const response = http.getResponse<Response>();
    const described = this.describe(exception, request);
    const status = described.status ?? ERROR_STATUS[described.code];
    if (status === 503 || status === 504) {
      // An unavailable service is an operational state, not a bug in this request: no stack trace.
      this.logger.warn({ code: described.code }, `${request.method} ${request.originalUrl}: ${described.detail}`);
    } else if (status >= 500) {
      this.logger.error({ err: exception, code: described.code }, `${request.method} ${request.originalUrl} failed: ${described.detail}`);
    }
    const errors = extractIssues(described.details);
    const problem: ProblemDetails = {
      type: `urn:galley:problem:${described.code}`,
      title: ERROR_TITLES[status] ?? 'Error',
      status,
      detail: described.detail,
      code: described.code,
      instance: request.originalUrl,
      requestId: request.id,
      ...(errors ? { errors } : described.details !== undefined ? { details: described.details } : {}),
    };
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private describe(exception: unknown, request: GalleyRequest): Described {
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
      if (status === 404) return { code: 'not_found', detail: `no route ${request.method} ${request.path}` };
      return { code: codeForStatus(status), status, detail: exception.message };
    }
    return { code: 'internal', detail: 'an unexpected error occurred; the request id is in the log' };
  }
}

/** body-parser reports its own failures with `type` and `status`: name them precisely. */
function asBodyParserError(exception: unknown): Described | null {
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
