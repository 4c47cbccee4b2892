import { hostname } from 'node:os';
import { QueuedJobMessageSchema, STREAMS, TRAINING_JOBS_SUBJECT, TrainerRequests } from '@galley/contracts';
import { AckPolicy, DeliverPolicy, type Consumer, type JsMsg, type NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { JobRunner } from './job-runner';
import type { PatientBus } from './patient-bus';

/** Every trainer pulls from this one durable consumer: a job goes to exactly one of them at a time. */
export const TRAINERS_CONSUMER = 'trainers';
const HEARTBEAT_MS = 5_000;
const FETCH_EXPIRES_MS = 2_000;
const RETRY_DELAY_MS = 2_000;

/**
 * The pull loop: one job at a time per process (tfjs uses the cores it has), "still working" sent to
 * JetStream while training so a live trainer never loses its job, and a heartbeat to the training
 * service so GET /trainers shows what each worker is doing. A SIGKILLed trainer's unacked job is
 * redelivered after the ack wait to another trainer.
 */
export class TrainerWorker {
  private readonly stopping = new AbortController();
  private currentJob: string | null = null;
  private readonly startedAt = new Date().toISOString();

  constructor(
    private readonly connection: NatsConnection,
    private readonly bus: PatientBus,
    private readonly runner: JobRunner,
    private readonly options: { trainerId: string; ackWaitMs: number; backend: string },
    private readonly logger: Logger,
  ) {}

  async run(): Promise<void> {
    const consumer = await this.consumer();
    const heartbeat = setInterval(() => void this.heartbeat(), HEARTBEAT_MS);
    await this.heartbeat();
    this.logger.info(`trainer ${this.options.trainerId} listening for jobs (backend ${this.options.backend})`);
    try {
      while (!this.stopping.signal.aborted) {
        let message: JsMsg | null = null;
        try {
          message = await consumer.next({ expires: FETCH_EXPIRES_MS });
        } catch (error) {
          if (this.stopping.signal.aborted) break;
          this.logger.warn(`waiting for the job queue: ${(error as Error).message}`);
          await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
          continue;
        }
        if (message) await this.handle(message);
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  stop(): void {
    this.stopping.abort();
  }

  private async handle(message: JsMsg): Promise<void> {
    const parsed = QueuedJobMessageSchema.safeParse(safeJson(message.data));
    if (!parsed.success) {
      this.logger.warn(`dropping a malformed job message #${message.seq}`);
      message.term();
      return;
    }
    const { jobId } = parsed.data;
    this.currentJob = jobId;
    void this.heartbeat();
    const working = setInterval(() => message.working(), Math.max(500, Math.floor(this.options.ackWaitMs / 3)));
    try {
      const outcome = await this.runner.run(jobId, message.info.redeliveryCount, this.stopping.signal);
      if (outcome === 'retry') message.nak(RETRY_DELAY_MS);
      else message.ack();
    } catch (error) {
      // The report itself failed (the training service stayed away too long): let JetStream redeliver.
      this.logger.error({ jobId }, `could not finish job: ${(error as Error).message}`);
      message.nak(RETRY_DELAY_MS);
    } finally {
      clearInterval(working);
      this.currentJob = null;
      void this.heartbeat();
    }
  }

  private async consumer(): Promise<Consumer> {
    const manager = await this.connection.jetstreamManager();
    const ackWaitNs = this.options.ackWaitMs * 1_000_000;
    try {
      await manager.consumers.info(STREAMS.jobs.name, TRAINERS_CONSUMER);
      await manager.consumers.update(STREAMS.jobs.name, TRAINERS_CONSUMER, { ack_wait: ackWaitNs });
    } catch (error) {
      if ((error as { code?: string }).code !== '404') throw error;
      await manager.consumers.add(STREAMS.jobs.name, {
        durable_name: TRAINERS_CONSUMER,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: TRAINING_JOBS_SUBJECT,
        ack_wait: ackWaitNs,
        // Attempts are counted by the training service (a job's maxAttempts); JetStream only redelivers.
        max_deliver: -1,
      });
    }
    return this.connection.jetstream().consumers.get(STREAMS.jobs.name, TRAINERS_CONSUMER);
  }

  private async heartbeat(): Promise<void> {
    try {
      // A lost heartbeat is replaced by the next one; a patient retry would keep a stopped trainer alive.
      await this.bus.requestOnce(TrainerRequests.heartbeat, {
        trainer: {
          id: this.options.trainerId,
          host: hostname(),
          pid: process.pid,
          backend: this.options.backend,
          status: this.currentJob ? 'busy' : 'idle',
          jobId: this.currentJob,
          startedAt: this.startedAt,
        },
      });
    } catch (error) {
      this.logger.debug(`heartbeat not delivered: ${(error as Error).message}`);
    }
  }
}

function safeJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(data));
  } catch {
    return null;
  }
}
