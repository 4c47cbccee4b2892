import { resolve } from 'node:path';
import { z } from 'zod';

/** Variables every Galley process reads. Each app extends this with its own. */
export const CommonEnvSchema = z.object({
  NATS_URL: z
    .string()
    .regex(/^(nats|tls):\/\/[^\s]+$/, 'must be a nats:// URL (comma-separate several servers)')
    .default('nats://127.0.0.1:4222'),
  GALLEY_HOME: z.string().min(1).default(resolve(process.cwd(), '.galley')),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL; leave it unset for the embedded SQLite')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
});

/**
 * Parses the environment once at boot. A missing or malformed variable stops the process with a
 * message naming it, instead of failing later somewhere far from the cause.
 */
export function loadConfig<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  // Empty strings mean "unset" (a blank line in an env file should not be a value).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data as z.output<S>;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
  throw new Error(`invalid configuration:\n${problems}`);
}
