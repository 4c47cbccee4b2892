import { CommonEnvSchema, loadConfig } from '@galley/messaging';

export const TrainingEnvSchema = CommonEnvSchema;

export type TrainingConfig = ReturnType<typeof loadTrainingConfig>;

export function loadTrainingConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(TrainingEnvSchema, env);
}

/** Injection token of the loaded configuration. */
export const TRAINING_CONFIG = Symbol('TRAINING_CONFIG');
