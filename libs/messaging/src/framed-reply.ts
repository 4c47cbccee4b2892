import { Logger } from '@nestjs/common';
import { BUS_HEADERS, type RequestContract, type RequestOf, type ResponseOf } from '@galley/contracts';
import type { Msg, NatsConnection, Subscription } from 'nats';
import type { z } from 'zod';
import { parseOrThrow } from './domain-error';
import { acceptRequestId, runWithRequestId } from './request-context';
import { toRpcErrorPayload } from './rpc-error.filter';

/**
 * A framed reply is Nest's reply envelope written byte for byte the same every time, so a caller
 * that only forwards the response (the gateway's pass-through of online feature lookups) can cut
 * the body out without parsing it, and any Nest-format caller still reads it as usual.
 */
const PREFIX = Buffer.from('{"response":');
const SUFFIX = Buffer.from(',"isDisposed":true}');

export function frameReply(responseJson: string): Buffer {
  return Buffer.concat([PREFIX, Buffer.from(responseJson), SUFFIX]);
}

/** The response's JSON bytes when `reply` is framed (a view, not a copy); null otherwise. */
export function unframeReply(reply: Uint8Array): Uint8Array | null {
  if (reply.length < PREFIX.length + SUFFIX.length + 1) return null;
  if (!PREFIX.equals(reply.subarray(0, PREFIX.length))) return null;
  if (!SUFFIX.equals(reply.subarray(reply.length - SUFFIX.length))) return null;
  return reply.subarray(PREFIX.length, reply.length - SUFFIX.length);
}

export interface FramedResponderOptions {
  /** Replicas of a service share one queue group (as the Nest transport does, `galley-{service}`). */
  queue: string;
}

/**
 * Answers `contract.subject` on a plain NATS subscription instead of a Nest `@MessagePattern`: the
 * request is still Nest's `{pattern, data, id}` parsed with the contract, errors still leave as
 * `{err: {code, message, details}}`, but a success is one `JSON.stringify` framed by `frameReply`
 * and the per-message log line is debug. For hot read paths only; everything else stays on Nest.
 */
export function serveFramed<C extends RequestContract<z.ZodTypeAny, z.ZodTypeAny>>(
  connection: NatsConnection,
  contract: C,
  handle: (request: RequestOf<C>) => Promise<ResponseOf<C>>,
  options: FramedResponderOptions,
): Subscription {
  const logger = new Logger(`Bus ${contract.subject}`);
  const answer = async (message: Msg): Promise<void> => {
    if (!message.reply) return;
    const started = performance.now();
    let reply: Buffer;
    try {
      const envelope = parseEnvelope(message.data);
      const request = parseOrThrow(contract.request, envelope, `${contract.subject} request`) as RequestOf<C>;
      reply = frameReply(JSON.stringify(await handle(request)));
      logger.debug({ durationMs: elapsed(started) }, 'handled');
    } catch (error) {
      const payload = toRpcErrorPayload(error, contract.subject, logger);
      logger.warn({ durationMs: elapsed(started), code: payload.code }, 'failed');
      reply = Buffer.from(JSON.stringify({ err: payload, isDisposed: true }));
    }
    message.respond(reply);
  };
  return connection.subscribe(contract.subject, {
    queue: options.queue,
    callback: (error, message) => {
      if (error) {
        logger.warn(`subscription error: ${error.message}`);
        return;
      }
      const requestId = acceptRequestId(message.headers?.get(BUS_HEADERS.requestId) || undefined);
      void runWithRequestId(requestId, () => answer(message));
    },
  });
}

/** Nest's request envelope: the payload is its `data`; anything that is not JSON is refused by the contract. */
function parseEnvelope(data: Uint8Array): unknown {
  try {
    return (JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8')) as { data?: unknown } | null)?.data;
  } catch {
    return undefined;
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
