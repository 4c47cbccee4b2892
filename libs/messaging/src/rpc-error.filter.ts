import { Catch, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import type { RpcErrorPayload } from '@galley/contracts';
import { toValidationIssues } from '@galley/contracts';
import { type Observable, throwError } from 'rxjs';
import { ZodError } from 'zod';
import { RemoteError, RequestTimeoutError, ServiceUnavailableError } from './bus-errors';
import { DomainError } from './domain-error';

/**
 * Every failure of a message handler leaves the service as `{code, message, details}`. Without this,
 * Nest turns any non-RpcException into "Internal server error" and the caller learns nothing.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<RpcErrorPayload> {
    return throwError(() => this.toPayload(exception, host));
  }

  private toPayload(exception: unknown, host: ArgumentsHost): RpcErrorPayload {
    const subject = host.getType() === 'rpc' ? host.switchToRpc().getContext<{ getSubject?: () => string }>()?.getSubject?.() : undefined;
    return toRpcErrorPayload(exception, subject, this.logger);
  }
}

/** The `{code, message, details}` a failure leaves a service as; unexpected errors are logged, not described. */
export function toRpcErrorPayload(exception: unknown, subject: string | undefined, logger: Pick<Logger, 'error'>): RpcErrorPayload {
  if (exception instanceof DomainError) return exception.toPayload();
  // A service that asked another passes that service's answer on: the caller learns the real reason.
  if (exception instanceof RemoteError) return { code: exception.code, message: exception.message, details: exception.details };
  if (exception instanceof ServiceUnavailableError || exception instanceof RequestTimeoutError) return { code: exception.code, message: exception.message };
  if (exception instanceof ZodError) {
    return DomainError.validation('message', toValidationIssues(exception)).toPayload();
  }
  logger.error({ err: exception, subject }, 'unhandled error in a message handler');
  // Internal details stay in the log: the message that crosses the bus names no internals.
  return { code: 'internal', message: 'the service failed to handle the request; see its log' };
}
