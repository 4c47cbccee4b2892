import { RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { currentRequestId } from './request-context';

export interface LoggingOptions {
  service: string;
  level: string;
}

/**
 * JSON logs (pino) with the service name and, inside a request, its request id on every line.
 * The HTTP gateway adds pino-http's request logging on top of the same setup.
 */
export function createLoggerModule(options: LoggingOptions, http: { autoLogging: boolean } = { autoLogging: false }) {
  return LoggerModule.forRoot({
    // Express 5's path-to-regexp names wildcards; nestjs-pino's default '*' logs a conversion warning.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: options.level,
      base: { service: options.service },
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
      autoLogging: http.autoLogging,
      genReqId: (req) => (req as { id?: string }).id ?? 'unknown',
      customProps: () => ({}),
      serializers: {
        req: (req: { id?: string; method?: string; url?: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
  });
}
