import { CommonEnvSchema, loadConfig } from '@galley/messaging';

export const FeatureStoreEnvSchema = CommonEnvSchema;

export type FeatureStoreConfig = ReturnType<typeof loadFeatureStoreConfig>;

export function loadFeatureStoreConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(FeatureStoreEnvSchema, env);
}

/** Injection token of the loaded configuration. */
export const FEATURE_STORE_CONFIG = Symbol('FEATURE_STORE_CONFIG');
