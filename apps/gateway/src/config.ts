import { CommonEnvSchema, loadConfig } from '@galley/messaging';
import { z } from 'zod';

const port = z.coerce.number().int().min(1, 'must be a TCP port').max(65535, 'must be a TCP port');

export const GatewayEnvSchema = CommonEnvSchema.extend({
  GALLEY_API_PORT: port.default(8080),
  GALLEY_API_HOST: z.string().min(1).default('0.0.0.0'),
  /** Password of the first `admin` user, used only when the user table is empty. */
  GALLEY_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').max(256).optional(),
  GALLEY_SESSION_TTL_HOURS: z.coerce.number().min(0.01).max(24 * 90).default(12),
  /** Largest dataset upload accepted (413 above it, and nothing is kept). */
  GALLEY_MAX_UPLOAD_BYTES: z.coerce.number().int().min(1).default(2 * 1024 ** 3),
  GALLEY_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Extra origins allowed to send cookie-authenticated writes (comma-separated), beyond same-host. */
  GALLEY_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean)),
  /** Mark the session cookie Secure; turn on behind TLS. */
  GALLEY_COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
});

export type GatewayConfig = z.output<typeof GatewayEnvSchema>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadConfig(GatewayEnvSchema, env);
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
