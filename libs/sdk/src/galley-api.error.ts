import { ProblemDetailsSchema } from '@galley/contracts';
import type { ErrorCode, ValidationIssue } from '@galley/contracts';

/**
 * Codes a caller can see. Besides the server's own codes, the client adds two for failures that never
 * produced a problem document: the request did not reach the API, or the API answered something the
 * contract does not describe (a proxy's HTML error page, a schema drift between client and server).
 */
export type GalleyErrorCode = ErrorCode | 'network_error' | 'invalid_response';

export interface GalleyApiErrorInit {
  status: number;
  code: GalleyErrorCode;
  title: string;
  detail: string;
  url: string;
  method: string;
  errors?: ValidationIssue[];
  requestId?: string;
  cause?: unknown;
}

/** A failed call to the Galley API: either a problem+json answer or a failure to get any answer. */
export class GalleyApiError extends Error {
  override readonly name = 'GalleyApiError';
  /** HTTP status; 0 when no answer came back (network failure). */
  readonly status: number;
  readonly code: GalleyErrorCode;
  readonly title: string;
  readonly detail: string;
  readonly url: string;
  readonly method: string;
  /** Field-level validation issues, empty when the server named none. */
  readonly errors: ValidationIssue[];
  readonly requestId: string | undefined;

  constructor(init: GalleyApiErrorInit) {
    super(init.detail || init.title, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.url = init.url;
    this.method = init.method;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
  }

  /** The message for one field (`name`, `tags.2`…), if the server rejected it. */
  fieldError(field: string): string | undefined {
    return this.errors.find((issue) => issue.field === field || issue.field.startsWith(`${field}.`))?.message;
  }
}

/** True when `error` came from the Galley client (works across bundles, where instanceof may not). */
export function isGalleyApiError(error: unknown): error is GalleyApiError {
  return error instanceof GalleyApiError || (error instanceof Error && error.name === 'GalleyApiError');
}

/**
 * Builds the error for a non-2xx answer. A problem+json body is used as sent; anything else (an HTML
 * page from a proxy, an empty body) still yields a readable error that names the status.
 */
export function errorFromResponse(
  request: { method: string; url: string },
  status: number,
  statusText: string,
  bodyText: string,
): GalleyApiError {
  const problem = parseProblem(bodyText);
  if (problem) {
    return new GalleyApiError({
      status,
      code: problem.code,
      title: problem.title,
      detail: problem.detail,
      errors: problem.errors,
      requestId: problem.requestId,
      url: request.url,
      method: request.method,
    });
  }
  const snippet = bodyText.trim().slice(0, 200);
  const title = statusText || `HTTP ${status}`;
  return new GalleyApiError({
    status,
    code: codeForStatus(status),
    title,
    detail: `${request.method} ${request.url} answered ${status} ${title}${snippet ? `: ${snippet}` : ''}`,
    url: request.url,
    method: request.method,
  });
}

function parseProblem(bodyText: string) {
  if (!bodyText) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  const parsed = ProblemDetailsSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** A best guess at the code when the server sent no problem document. */
function codeForStatus(status: number): GalleyErrorCode {
  if (status === 400 || status === 422) return 'validation_failed';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 502 || status === 503) return 'service_unavailable';
  if (status === 504) return 'timeout';
  return 'internal';
}
