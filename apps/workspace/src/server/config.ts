import { z } from 'zod';
import { DEFAULT_API_URL } from '../lib/api-proxy';

const EnvSchema = z.object({
  GALLEY_WEB_PORT: z.coerce.number().int().min(1).max(65_535),
  GALLEY_WEB_HOST: z.string().min(1).default('0.0.0.0'),
  GALLEY_API_URL: z.url({ protocol: /^https?$/ }).default(DEFAULT_API_URL),
});

export interface WorkspaceServerConfig {
  port: number;
  host: string;
  apiOrigin: string;
  dev: boolean;
}

/**
 * The workspace server's settings: the environment (parsed once, failing with the variable's name)
 * and `--dev` / `--production` from the command line (what `npm start -- --web=…` chose).
 */
export function parseWorkspaceServerConfig(env: Record<string, string | undefined>, argv: readonly string[]): WorkspaceServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`workspace server configuration: ${problems}`);
  }
  const modes = argv.filter((arg) => arg === '--dev' || arg === '--production');
  const unknown = argv.filter((arg) => arg !== '--dev' && arg !== '--production');
  if (unknown.length > 0 || modes.length !== 1) {
    throw new Error(`usage: workspace server --dev|--production (got ${JSON.stringify(argv)})`);
  }
  return {
    port: parsed.data.GALLEY_WEB_PORT,
    host: parsed.data.GALLEY_WEB_HOST,
    apiOrigin: parsed.data.GALLEY_API_URL.replace(/\/+$/, ''),
    dev: modes[0] === '--dev',
  };
}
