import { NestFactory, DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { acceptRequestId, runWithRequestId } from '@galley/messaging';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { GatewayModule } from './app.module';
import type { GatewayConfig } from './config';
import { buildOpenApiDocument, discoverRoutes } from './docs/openapi.builder';
import { ProblemFilter } from './errors/problem.filter';
import { OnlineLookupRoute } from './features/online-lookup.route';
import { JupyterProxy } from './jupyter/jupyter-proxy';

export const API_PREFIX = 'api/v1';

/** Builds the gateway (not listening yet): main.ts and the integration tests share this. */
export async function createGatewayApp(config: GatewayConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forConfig(config), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // Runs before everything else so that every log line of the request, here and in services, has its id.
  app.use((request: Request & { id?: string }, response: Response, next: NextFunction) => {
    const id = acceptRequestId(request.headers['x-request-id']);
    request.id = id;
    response.setHeader('x-request-id', id);
    runWithRequestId(id, next);
  });
  // The online feature lookup, model serving's hot path, is served here, ahead of Nest's pipeline.
  app.use(app.get(OnlineLookupRoute).middleware);
  app.use(cookieParser());
  // /jupyter/* streams to Jupyter as it comes: before the body parser, which would consume the body.
  const jupyter = app.get(JupyterProxy);
  app.use(jupyter.middleware);
  app.getHttpServer().on('upgrade', jupyter.upgrade);
  app.useBodyParser('json', { limit: '1mb' });
  app.useGlobalFilters(new ProblemFilter());
  app.setGlobalPrefix(API_PREFIX);
  app.enableShutdownHooks();

  const routes = discoverRoutes(app.get(DiscoveryService), app.get(MetadataScanner), API_PREFIX);
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(routes) as unknown as OpenAPIObject, {
    jsonDocumentUrl: 'api/docs/openapi.json',
    yamlDocumentUrl: 'api/docs/openapi.yaml',
    customSiteTitle: 'Galley API',
  });
  return app;
}
