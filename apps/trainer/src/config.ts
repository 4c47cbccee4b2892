import { hostname } from 'node:os';
import { CommonEnvSchema, loadConfig } from '@galley/messaging';
import { z } from 'zod';

export const TrainerEnvSchema = CommonEnvSchema.extend({
  /** A stable name for this worker in GET /trainers; defaults to host and pid. */
  GALLEY_TRAINER_ID: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'a lower-case slug')
    .default(`trainer-${hostname().toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 40)}-${process.pid}`),
  /**
   * How long JetStream waits for a word from a trainer before giving its job to another. The trainer
   * says "still working" at a third of this, so only a dead or frozen trainer loses its job.
   */
  GALLEY_TRAINER_ACK_WAIT_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  GALLEY_TRAINER_BACKEND: z.enum(['wasm', 'cpu']).default('wasm'),
});

export type TrainerConfig = z.output<typeof TrainerEnvSchema>;

export function loadTrainerConfig(env: NodeJS.ProcessEnv = process.env): TrainerConfig {
  return loadConfig(TrainerEnvSchema, env);
}
