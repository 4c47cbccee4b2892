import type { RequestContract, RequestOf, ResponseOf } from '@galley/contracts';
import type { BusClient} from '@galley/messaging';
import { RequestTimeoutError, ServiceUnavailableError } from '@galley/messaging';
import type { Logger } from 'pino';
import type { z } from 'zod';

/** How long a trainer keeps trying to report before it gives up on the job (JetStream redelivers it). */
const PATIENCE_MS = 120_000;
const RETRY_DELAY_MS = 1_000;

/**
 * Requests that survive a NATS restart or a training-service restart: a trainer mid-job keeps its
 * work and retries its report until the other side is back. Every report is idempotent on the
 * service side, so a retried request that had in fact arrived records nothing twice.
 */
export class PatientBus {
  constructor(
    private readonly bus: BusClient,
    private readonly logger: Logger,
  ) {}

  /** One try, for messages that are resent anyway (heartbeats): nothing lingers after the trainer stops. */
  async requestOnce<C extends RequestContract<z.ZodTypeAny, z.ZodTypeAny>>(contract: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
    return this.bus.request(contract, payload);
  }

  async request<C extends RequestContract<z.ZodTypeAny, z.ZodTypeAny>>(contract: C, payload: RequestOf<C>, options: { timeoutMs?: number } = {}): Promise<ResponseOf<C>> {
    const deadline = Date.now() + PATIENCE_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.bus.request(contract, payload, options);
      } catch (error) {
        const transient = error instanceof ServiceUnavailableError || error instanceof RequestTimeoutError || isDisconnected(error);
        if (!transient || Date.now() > deadline) throw error;
        if (attempt === 1 || attempt % 10 === 0) this.logger.warn({ subject: contract.subject, attempt }, `waiting for ${contract.subject}: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      }
    }
  }
}

function isDisconnected(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'CONNECTION_CLOSED' || code === 'DISCONNECT' || code === 'CONNECTION_DRAINING' || code === 'TIMEOUT';
}
