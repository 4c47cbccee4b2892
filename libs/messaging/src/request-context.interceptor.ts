import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { BUS_HEADERS } from '@galley/contracts';
import { Observable } from 'rxjs';
import { acceptRequestId, runWithRequestId } from './request-context';

/** Carries the caller's request id (a NATS header) into the handler, so every log line names it. */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const natsContext = context.switchToRpc().getContext<NatsContext>();
    const requestId = acceptRequestId(natsContext.getHeaders?.()?.get(BUS_HEADERS.requestId) || undefined);
    return new Observable((subscriber) =>
      runWithRequestId(requestId, () => next.handle().subscribe(subscriber)),
    );
  }
}
