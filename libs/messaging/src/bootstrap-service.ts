import { Logger as NestLogger, type DynamicModule, type INestMicroservice, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { Logger } from 'nestjs-pino';
import { RequestContextInterceptor } from './request-context.interceptor';
import { RpcErrorFilter } from './rpc-error.filter';

export interface ServiceBootstrapOptions {
  service: string;
  module: Type | DynamicModule;
  natsUrl: string;
}

/**
 * Starts a NATS microservice the Galley way: a queue group per service (replicas share the load and
 * each request is handled once), typed error replies, request ids in logs, graceful shutdown.
 */
export async function createServiceApp(options: ServiceBootstrapOptions): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(options.module, {
    transport: Transport.NATS,
    options: {
      servers: options.natsUrl.split(','),
      name: `galley-${options.service}`,
      queue: `galley-${options.service}`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    },
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new RpcErrorFilter());
  app.useGlobalInterceptors(new RequestContextInterceptor());
  app.enableShutdownHooks();
  return app;
}

/** For main.ts: start, log where, and exit non-zero with the reason when boot fails. */
export async function runService(options: ServiceBootstrapOptions): Promise<void> {
  try {
    const app = await createServiceApp(options);
    await app.listen();
    app.get(Logger).log(`${options.service} listening on ${options.natsUrl}`, 'Bootstrap');
  } catch (error) {
    new NestLogger('Bootstrap').error(`${options.service} failed to start: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  }
}
