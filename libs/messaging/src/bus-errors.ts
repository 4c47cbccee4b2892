import type { ErrorCode } from '@galley/contracts';

/** Nothing is subscribed to the subject: the service is down (or not deployed). */
export class ServiceUnavailableError extends Error {
  readonly code: ErrorCode = 'service_unavailable';
  constructor(readonly subject: string, options?: { cause?: unknown }) {
    super(`no service is answering ${subject}`, options);
    this.name = 'ServiceUnavailableError';
  }
}

/** The service took longer than the request timeout. */
export class RequestTimeoutError extends Error {
  readonly code: ErrorCode = 'timeout';
  constructor(readonly subject: string, readonly timeoutMs: number, options?: { cause?: unknown }) {
    super(`no reply on ${subject} within ${timeoutMs} ms`, options);
    this.name = 'RequestTimeoutError';
  }
}

/** The service answered with an error: its code, message and details are the service's own. */
export class RemoteError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: unknown,
    readonly subject: string,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

/** The reply did not match the contract: a bug in the service or a foreign responder. */
export class MalformedReplyError extends Error {
  readonly code: ErrorCode = 'internal';
  constructor(readonly subject: string, reason: string) {
    super(`malformed reply on ${subject}: ${reason}`);
    this.name = 'MalformedReplyError';
  }
}
