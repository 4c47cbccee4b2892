import { randomUUID } from 'node:crypto';
import { BUS_HEADERS, RpcErrorPayloadSchema, type RequestContract, type RequestOf, type ResponseOf } from '@galley/contracts';
import { ErrorCode, headers as natsHeaders, JSONCodec, type NatsConnection, type NatsError } from 'nats';
import type { z } from 'zod';
import { MalformedReplyError, RemoteError, RequestTimeoutError, ServiceUnavailableError } from './bus-errors';
import { currentRequestId } from './request-context';

const codec = JSONCodec<unknown>();

interface NestReply {
  err?: unknown;
  response?: unknown;
  isDisposed?: boolean;
}

/**
 * Request/reply over NATS to NestJS `@MessagePattern` handlers. Speaks Nest's wire format
 * (`{pattern, data, id}` in, `{response | err, isDisposed}` out) directly on the nats.js connection,
 * so a missing service is a NoResponders error at once rather than a wait for the timeout.
 */
export class BusClient {
  constructor(
    private readonly connection: NatsConnection,
    private readonly defaultTimeoutMs: number,
  ) {}

  async request<C extends RequestContract<z.ZodTypeAny, z.ZodTypeAny>>(
    contract: C,
    payload: RequestOf<C>,
    options: { timeoutMs?: number; requestId?: string } = {},
  ): Promise<ResponseOf<C>> {
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    const hdrs = natsHeaders();
    const requestId = options.requestId ?? currentRequestId();
    if (requestId) hdrs.set(BUS_HEADERS.requestId, requestId);
    const packet = { pattern: contract.subject, data: payload, id: randomUUID() };

    let replyData: Uint8Array;
    try {
      const reply = await this.connection.request(contract.subject, codec.encode(packet), {
        timeout: timeoutMs,
        headers: hdrs,
      });
      replyData = reply.data;
    } catch (error) {
      throw translateNatsError(error, contract.subject, timeoutMs);
    }

    let reply: NestReply;
    try {
      reply = codec.decode(replyData) as NestReply;
    } catch {
      throw new MalformedReplyError(contract.subject, 'not JSON');
    }
    if (reply.err !== undefined && reply.err !== null) {
      const parsed = RpcErrorPayloadSchema.safeParse(reply.err);
      if (!parsed.success) throw new MalformedReplyError(contract.subject, 'error without a Galley error code');
      throw new RemoteError(parsed.data.code, parsed.data.message, parsed.data.details, contract.subject);
    }
    const parsed = contract.response.safeParse(reply.response);
    if (!parsed.success) throw new MalformedReplyError(contract.subject, parsed.error.message);
    return parsed.data as ResponseOf<C>;
  }
}

function translateNatsError(error: unknown, subject: string, timeoutMs: number): Error {
  const code = (error as NatsError | undefined)?.code;
  if (code === ErrorCode.NoResponders) return new ServiceUnavailableError(subject, { cause: error });
  if (code === ErrorCode.Timeout) return new RequestTimeoutError(subject, timeoutMs, { cause: error });
  // Disconnected or draining: to a caller this is the same as the service being unreachable.
  if (code === ErrorCode.ConnectionClosed || code === ErrorCode.ConnectionDraining || code === ErrorCode.Disconnect) {
    return new ServiceUnavailableError(subject, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}
