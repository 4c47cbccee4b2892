import { CommonEnvSchema, loadConfig } from '@galley/messaging';

export const CatalogEnvSchema = CommonEnvSchema;

export type CatalogConfig = ReturnType<typeof loadCatalogConfig>;

export function loadCatalogConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(CatalogEnvSchema, env);
}
