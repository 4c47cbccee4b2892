import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { GalleyRequest } from '../http/validated-request';
import { sendProblem } from './problem';

/** Every failure leaves the gateway as `application/problem+json` (RFC 9457) with a Galley error code. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(exception, http.getRequest<GalleyRequest>(), http.getResponse<Response>(), this.logger);
  }
}
