import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { BUS_HEADERS } from '@galley/contracts';
import type { MsgHdrs } from 'nats';
import { Observable, tap } from 'rxjs';
import { acceptRequestId, runWithRequestId } from './request-context';

/**
 * Carries the caller's request id (a NATS header) into the handler, so every log line names it, and
 * logs one line per handled message with its outcome and duration.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Bus');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const natsContext = context.switchToRpc().getContext<NatsContext>();
    const headers = natsContext.getHeaders() as MsgHdrs | undefined;
    const requestId = acceptRequestId(headers?.get(BUS_HEADERS.requestId) || undefined);
    const subject = natsContext.getSubject();
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
    return new Observable((subscriber) =>
      runWithRequestId(requestId, () =>
        next
          .handle()
          .pipe(
            tap({
              complete: () => this.logger.log({ subject, durationMs: elapsed() }, 'handled'),
              error: (error: unknown) =>
                this.logger.warn({ subject, durationMs: elapsed(), code: (error as { code?: unknown }).code ?? 'internal' }, 'failed'),
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }
}
