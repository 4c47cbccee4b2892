import { randomUUID } from 'node:crypto';
import { BUS_HEADERS, RpcErrorPayloadSchema, type RequestContract, type RequestOf, type ResponseOf } from '@galley/contracts';
import { ErrorCode, headers as natsHeaders, JSONCodec, type NatsConnection, type NatsError } from 'nats';
import type { z } from 'zod';
import { MalformedReplyError, RemoteError, RequestTimeoutError, ServiceUnavailableError } from './bus-errors';
import { unframeReply } from './framed-reply';
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
    return this.parseReply(contract, await this.send(contract, payload, options));
  }

  /**
   * The response as JSON bytes, for callers that only pass it on (the gateway's hot read paths).
   * A framed reply (`serveFramed`) is returned as it came, unparsed: the responder is one of ours
   * and the bytes are not acted on here. Any other reply is parsed and checked as `request` does.
   */
  async requestJson<C extends RequestContract<z.ZodTypeAny, z.ZodTypeAny>>(
    contract: C,
    payload: RequestOf<C>,
    options: { timeoutMs?: number; requestId?: string } = {},
  ): Promise<Uint8Array> {
    const reply = await this.send(contract, payload, options);
    return unframeReply(reply) ?? Buffer.from(JSON.stringify(this.parseReply(contract, reply)));
  }

  private async send(contract: RequestContract<z.ZodTypeAny, z.ZodTypeAny>, payload: unknown, options: { timeoutMs?: number; requestId?: string }): Promise<Uint8Array> {
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    const hdrs = natsHeaders();
    const requestId = options.requestId ?? currentRequestId();
    if (requestId) hdrs.set(BUS_HEADERS.requestId, requestId);
    const packet = { pattern: contract.subject, data: payload, id: randomUUID() };
    try {
      const reply = await this.connection.request(contract.subject, codec.encode(packet), {
        timeout: timeoutMs,
        headers: hdrs,
      });
      return reply.data;
    } catch (error) {
      throw translateNatsError(error, contract.subject, timeoutMs);
    }
  }

  private parseReply<C extends RequestContract<z.ZodTypeAny, z.ZodTypeAny>>(contract: C, replyData: Uint8Array): ResponseOf<C> {
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
