import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Injectable, Logger } from '@nestjs/common';
import { FeatureRequests, type OnlineFeaturesRequest } from '@galley/contracts';
import { BusClient, DomainError } from '@galley/messaging';
import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from '../errors/problem';
import { ENDPOINT_METADATA, type EndpointContract } from '../http/endpoint.decorator';
import { validateRequest } from '../http/validate-request';
import { readCredentialFromHeaders } from '../identity/auth/credentials';
import { RequestAuthorizer } from '../identity/auth/request-authorizer';
import { FeatureValuesController } from './feature-values.controller';

/** The JSON body limit of every other route (app.factory's body parser). */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * `POST /api/v1/features/online` served ahead of Nest's pipeline. It is the data plane: model serving
 * calls it on every prediction, and Nest's router, rxjs interceptors and per-request child logger were
 * a third of the gateway's time per lookup (measured, tools/bench online-features). The rules are
 * not copied: the contract is the controller's own `@Endpoint` (which also documents the route), and
 * authorization, validation and problem+json are the same functions the guard, the interceptor and
 * the exception filter call.
 */
@Injectable()
export class OnlineLookupRoute {
  private readonly logger = new Logger('OnlineLookup');
  private readonly contract: EndpointContract;

  constructor(
    private readonly authorizer: RequestAuthorizer,
    private readonly bus: BusClient,
  ) {
    // The metadata sits on the method itself; nothing is called through this reference.
    const handler = Object.getOwnPropertyDescriptor(FeatureValuesController.prototype, 'online')?.value as object | undefined;
    const contract = handler && (Reflect.getMetadata(ENDPOINT_METADATA, handler) as EndpointContract | undefined);
    if (!contract || contract.access === 'public') throw new Error('FeatureValuesController.online must declare an @Endpoint with an access rule');
    this.contract = contract;
  }

  /** Express middleware: takes the exact route, passes everything else on to Nest. */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'POST' || request.path !== '/api/v1/features/online') {
      next();
      return;
    }
    const started = performance.now();
    response.once('finish', () => {
      this.logger.log({ req: { id: request.id, method: request.method, url: request.originalUrl }, res: { statusCode: response.statusCode }, responseTime: Math.round(performance.now() - started) }, 'request completed');
    });
    this.serve(request, response).catch((error: unknown) => sendProblem(error, request, response, this.logger));
  };

  private async serve(request: Request, response: Response): Promise<void> {
    const access = this.contract.access as Exclude<EndpointContract['access'], 'public'>;
    // Before the body is read: an unauthenticated caller costs no buffering.
    await this.authorizer.authorize(request, readCredentialFromHeaders(request.headers), access);
    const body = await readJsonBody(request);
    const validated = validateRequest(this.contract, { body }).body as OnlineFeaturesRequest;
    // The feature store's framed reply goes out as it came, never parsed and re-serialized here.
    const json = await this.bus.requestJson(FeatureRequests.online, validated);
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': json.byteLength });
    response.end(json);
  }
}

/** The request body as JSON, with the rules body-parser applies on every other route. */
async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0);
  const hasBody = declared > 0 || request.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return undefined;
  if (!request.is('application/json')) {
    throw new DomainError('unsupported_media_type', `send the body as application/json (got ${request.headers['content-type'] ?? 'no Content-Type'})`);
  }
  const charset = /;\s*charset=("?)([^";]+)\1/i.exec(request.headers['content-type'] ?? '')?.[2];
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
    throw new DomainError('unsupported_media_type', `send the body as UTF-8 (got charset ${charset})`);
  }
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity' && declared > MAX_BODY_BYTES) throw tooLarge(request);
  // The limit applies to what the body inflates to, so a small compressed bomb is refused too.
  const text = (await readAtMost(decoded(request, encoding), MAX_BODY_BYTES, request)).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DomainError('malformed_request', `the body is not valid JSON: ${error instanceof Error ? error.message : 'parse error'}`);
  }
}

const INFLATERS: Record<string, (() => Transform) | undefined> = {
  gzip: createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** The body as sent, inflated for the encodings body-parser accepts. */
function decoded(request: Request, encoding: string): Readable {
  const inflate = INFLATERS[encoding];
  if (encoding === 'identity') return request;
  if (!inflate) throw new DomainError('unsupported_media_type', `send the body uncompressed, or as gzip, deflate or br (got Content-Encoding: ${encoding})`);
  const inflater = inflate();
  request.pipe(inflater);
  return inflater;
}

/**
 * The body, refused past `limit` bytes. Not `for await`: leaving that loop early destroys the socket,
 * and the caller must still get its 413.
 */
function readAtMost(body: Readable, limit: number, request: Request): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (outcome: () => void) => {
      body.off('data', onData).off('end', onEnd).off('error', onError);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limit) {
        chunks.push(chunk);
        return;
      }
      body.pause();
      finish(() => reject(tooLarge(request)));
    };
    const onEnd = () => finish(() => resolve(Buffer.concat(chunks)));
    const onError = () => finish(() => reject(new DomainError('malformed_request', 'the body was incomplete or did not decompress')));
    body.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** The rest of an oversized body is not read: the connection closes after the answer. */
function tooLarge(request: Request): DomainError {
  request.res?.setHeader('connection', 'close');
  return new DomainError('payload_too_large', `the body is larger than ${MAX_BODY_BYTES} bytes, the limit for this route`);
}
