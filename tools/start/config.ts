import { resolve } from 'node:path';
import { z } from 'zod';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export type WebMode = 'dev' | 'production';

// An empty variable (`GALLEY_API_PORT=`) means "not set", as in a shell that exports a blank.
const optionalString = z.preprocess((value) => (value === '' ? undefined : value), z.string().optional());

const port = (fallback: number) =>
  z.preprocess(
    (value) => (value === '' || value === undefined ? fallback : value),
    z.coerce.number().int('must be a whole number').min(1, 'must be 1-65535').max(65535, 'must be 1-65535'),
  );

const StartEnvSchema = z.object({
  GALLEY_HOME: optionalString,
  GALLEY_API_PORT: port(8080),
  GALLEY_WEB_PORT: port(3000),
  NATS_URL: optionalString.refine((url) => url === undefined || /^(nats|tls|wss?):\/\/\S+$/.test(url), {
    message: 'must be a nats:// (or tls://, ws://, wss://) URL',
  }),
  DATABASE_URL: optionalString.refine((url) => url === undefined || /^postgres(ql)?:\/\/\S+$/.test(url), {
    message: 'must be a postgres:// URL (leave it unset for SQLite under GALLEY_HOME)',
  }),
  GALLEY_ADMIN_PASSWORD: optionalString,
  GALLEY_TRAINERS: z.preprocess(
    (value) => (value === '' || value === undefined ? 1 : value),
    z.coerce.number().int('must be a whole number').min(0, 'must be 0-16').max(16, 'must be 0-16'),
  ),
  LOG_LEVEL: z.preprocess((value) => (value === '' ? undefined : value), z.enum(LOG_LEVELS).default('info')),
});

export interface StartConfig {
  galleyHome: string;
  apiPort: number;
  webPort: number;
  natsUrl: string | undefined;
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  /** Trainer worker processes to start (each trains one job at a time). */
  trainers: number;
  logLevel: LogLevelName;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the start command's environment once; a bad variable is named in the error. */
export function parseStartEnv(env: NodeJS.ProcessEnv, repoRoot: string): StartConfig {
  const parsed = StartEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n${problems.join('\n')}`);
  }
  const value = parsed.data;
  if (value.GALLEY_API_PORT === value.GALLEY_WEB_PORT) {
    throw new ConfigError(`Invalid environment:\n  GALLEY_WEB_PORT: must differ from GALLEY_API_PORT (both ${value.GALLEY_API_PORT})`);
  }
  return {
    galleyHome: resolve(repoRoot, value.GALLEY_HOME ?? '.galley'),
    apiPort: value.GALLEY_API_PORT,
    webPort: value.GALLEY_WEB_PORT,
    natsUrl: value.NATS_URL,
    databaseUrl: value.DATABASE_URL,
    adminPassword: value.GALLEY_ADMIN_PASSWORD,
    trainers: value.GALLEY_TRAINERS,
    logLevel: value.LOG_LEVEL,
  };
}

export interface StartArgs {
  web: WebMode;
  help: boolean;
}

export const START_USAGE = `Usage: npm start [-- --web=dev|production]

Starts NATS (unless NATS_URL is set), the bus services (catalog, feature store, training…), the gateway and
the web workspace, and stops them all on Ctrl-C.
  --web=dev          Next.js dev server with hot reload (default)
  --web=production   next build (when .next is missing or older than the sources), then the workspace server
Environment: GALLEY_HOME, GALLEY_API_PORT (8080), GALLEY_WEB_PORT (3000), NATS_URL, DATABASE_URL,
             GALLEY_ADMIN_PASSWORD, GALLEY_TRAINERS (1), LOG_LEVEL`;

export function parseStartArgs(argv: readonly string[]): StartArgs {
  const args: StartArgs = { web: 'dev', help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      args.help = true;
      continue;
    }
    const match = /^--web(?:=(.*))?$/.exec(arg);
    if (!match) throw new ConfigError(`Unknown argument ${JSON.stringify(arg)}\n\n${START_USAGE}`);
    const mode = match[1] ?? argv[++i];
    if (mode !== 'dev' && mode !== 'production') {
      throw new ConfigError(`--web must be dev or production, not ${JSON.stringify(mode ?? '')}`);
    }
    args.web = mode;
  }
  return args;
}
