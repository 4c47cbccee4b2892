import { CommonEnvSchema, loadConfig } from '@galley/messaging';
import { z } from 'zod';

export const FeatureStoreEnvSchema = CommonEnvSchema.extend({
  /**
   * How often a running materialization records its progress (also its heartbeat: a run silent for
   * ten of these is taken for dead). Tests shorten it to watch runs that take well under a second.
   */
  GALLEY_MATERIALIZATION_PROGRESS_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
});

export type FeatureStoreConfig = ReturnType<typeof loadFeatureStoreConfig>;

export function loadFeatureStoreConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(FeatureStoreEnvSchema, env);
}

/** Injection token of the loaded configuration. */
export const FEATURE_STORE_CONFIG = Symbol('FEATURE_STORE_CONFIG');
