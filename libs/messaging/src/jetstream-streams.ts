import { STREAMS } from '@galley/contracts';
import { RetentionPolicy, StorageType, type JetStreamManager, type NatsConnection, type StreamConfig } from 'nats';

const DAY_NS = 24 * 60 * 60 * 1_000_000_000;

/**
 * The durable streams Galley needs. Events are kept for a week for late consumers; jobs use
 * work-queue retention so each job is removed once a worker acks it. The duplicate window makes a
 * re-published message with the same `Nats-Msg-Id` a no-op, which is what makes publishers retryable.
 */
export const STREAM_CONFIGS: ReadonlyArray<Partial<StreamConfig> & { name: string }> = [
  {
    name: STREAMS.events.name,
    subjects: [...STREAMS.events.subjects],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: 7 * DAY_NS,
    duplicate_window: 2 * 60 * 1_000_000_000,
  },
  {
    name: STREAMS.jobs.name,
    subjects: [...STREAMS.jobs.subjects],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    duplicate_window: 10 * 60 * 1_000_000_000,
  },
];

/** Creates the streams, or updates them when they exist (idempotent; every service may call it at boot). */
export async function ensureStreams(connection: NatsConnection): Promise<void> {
  const manager: JetStreamManager = await connection.jetstreamManager();
  for (const config of STREAM_CONFIGS) {
    try {
      await manager.streams.info(config.name);
      await manager.streams.update(config.name, config);
    } catch (error) {
      if ((error as { code?: string }).code !== '404') throw error;
      await manager.streams.add(config);
    }
  }
}
