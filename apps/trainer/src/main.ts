import { join } from 'node:path';
import { useNodeBackend } from '@galley/ml/node';
import { BusClient, connectToNats, ensureStreams } from '@galley/messaging';
import { BlobStore } from '@galley/storage';
import pino from 'pino';
import { loadTrainerConfig } from './config';
import { JobRunner } from './job-runner';
import { PatientBus } from './patient-bus';
import { TrainerWorker } from './trainer-worker';

/** Reports are small; the patient bus retries them when the training service is away. */
const REQUEST_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadTrainerConfig();
  const logger = pino({ level: config.LOG_LEVEL, base: { app: 'trainer', trainer: config.GALLEY_TRAINER_ID } });
  const backend = await useNodeBackend(config.GALLEY_TRAINER_BACKEND);
  if (backend.fallbackReason) logger.warn(`using the ${backend.name} backend: ${backend.fallbackReason}`);
  const connection = await connectToNats({ url: config.NATS_URL, name: `galley-${config.GALLEY_TRAINER_ID}` });
  await ensureStreams(connection);
  const bus = new PatientBus(new BusClient(connection, REQUEST_TIMEOUT_MS), logger);
  const blobs = new BlobStore(join(config.GALLEY_HOME, 'blobs'));
  const runner = new JobRunner(bus, blobs, config.GALLEY_TRAINER_ID, logger);
  const worker = new TrainerWorker(connection, bus, runner, { trainerId: config.GALLEY_TRAINER_ID, ackWaitMs: config.GALLEY_TRAINER_ACK_WAIT_MS, backend: backend.name }, logger);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info(`${signal}: finishing up`);
      worker.stop();
    });
  }
  await worker.run();
  await connection.drain().catch(() => undefined);
  logger.info('trainer stopped');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
