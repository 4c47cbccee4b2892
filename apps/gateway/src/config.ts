import { CommonEnvSchema, loadConfig } from '@galley/messaging';
import { z } from 'zod';

/** Refinements run even after `.url()` failed, so they must not throw on garbage. */
function parsedUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

const port = z.coerce.number().int().min(1, 'must be a TCP port').max(65535, 'must be a TCP port');

export const GatewayEnvSchema = CommonEnvSchema.extend({
  GALLEY_API_PORT: port.default(8080),
  GALLEY_API_HOST: z.string().min(1).default('0.0.0.0'),
  /** Password of the first `admin` user, used only when the user table is empty. */
  GALLEY_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').max(256).optional(),
  GALLEY_SESSION_TTL_HOURS: z.coerce.number().min(0.01).max(24 * 90).default(12),
  /**
   * How long a gateway remembers who a valid token belongs to (0: never). Revocation and user
   * changes are broadcast, so this bounds only a replica that missed the broadcast.
   */
  GALLEY_AUTH_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
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
  /** The workspace as browsers open it; its origin may open notebook websockets through /jupyter/. */
  GALLEY_WEB_URL: z.string().url('must be a URL such as http://localhost:3000').optional(),
  /** The Jupyter Server behind /jupyter/ (its base_url must be /jupyter/); unset: notebooks answer 503. */
  GALLEY_JUPYTER_URL: z
    .string()
    .url('must be a URL such as http://127.0.0.1:8888/jupyter/')
    .refine((value) => /^https?:$/.test(parsedUrl(value)?.protocol ?? ''), 'must be an http or https URL')
    .refine((value) => parsedUrl(value)?.pathname === '/jupyter/', 'its path must be /jupyter/ (start Jupyter with base_url=/jupyter/)')
    .optional(),
  /** Jupyter's token: the gateway sends it on every proxied request; browsers never see it. */
  GALLEY_JUPYTER_TOKEN: z.string().min(16, 'must be at least 16 characters').max(512).optional(),
}).refine((env) => env.GALLEY_JUPYTER_URL === undefined || env.GALLEY_JUPYTER_TOKEN !== undefined, {
  path: ['GALLEY_JUPYTER_TOKEN'],
  message: 'is required when GALLEY_JUPYTER_URL is set',
});

export type GatewayConfig = z.output<typeof GatewayEnvSchema>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadConfig(GatewayEnvSchema, env);
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
