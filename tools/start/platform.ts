import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BUS_SERVICES } from '@galley/contracts';
import { startJupyterServer, startNatsServer, type RunningJupyterServer, type RunningNatsServer } from '@galley/testing';
import { ensureSystemPackages, MissingSystemPackagesError } from '../system/ensure-system-packages';
import type { LogLevelName, WebMode } from './config';
import { ConsoleOutput, formatLogLine, levelAtLeast } from './log-printer';
import { ProcessSupervisor, type AppSpec } from './process-supervisor';
import { portIsTaken, probeHealth, probeWeb, type HealthProbe } from './readiness';
import { buildWorkspace, webBuildIsStale } from './web-build';

export interface PlatformOptions {
  repoRoot: string;
  galleyHome: string;
  apiPort: number;
  webPort: number;
  web: WebMode;
  /** For `web: 'production'`: build when `.next` is missing or stale (default), or trust the caller's build. */
  buildWeb?: 'if-stale' | 'never';
  /** An existing NATS to use; when unset a nats-server of our own is started. */
  natsUrl?: string;
  /** The port our own nats-server should take when it is free; any free port otherwise. */
  preferredNatsPort?: number;
  databaseUrl?: string;
  adminPassword?: string;
  /** Trainer workers to start; default 1. */
  trainers?: number;
  /** Start a Jupyter Server for notebooks (default true); without it the gateway answers /jupyter/* with 503. */
  jupyter?: boolean;
  logLevel?: LogLevelName;
  /** App records below this level are written to the log files only (default: info). */
  consoleLevel?: LogLevelName;
  out?: ConsoleOutput;
  /** How long to wait for health and the web server; default 4 min for dev, 2 min for production. */
  readyTimeoutMs?: number;
  /**
   * Runs once the platform is healthy, before startPlatform resolves; resolves to the one line to print
   * about what it did. A failure is printed, loudly, and the platform runs on without the data.
   */
  seedDemoData?: (apiUrl: string) => Promise<string>;
  /** Aborting stops whatever has started and rejects startPlatform. */
  signal?: AbortSignal;
  /** Replaces the apps to run (tests of the orchestration use stand-ins). */
  apps?: (context: AppContext) => AppSpec[];
}

export interface AppContext {
  repoRoot: string;
  web: WebMode;
  webPort: number;
  apiUrl: string;
  /** The environment every app gets; apps add their own variables to it. */
  baseEnv: NodeJS.ProcessEnv;
  adminPassword: string | undefined;
  apiPort: number;
  /** Trainer workers to start; default 1. */
  trainers?: number;
  /** Our Jupyter Server, which the gateway proxies at /jupyter/; null when notebooks are off. */
  jupyter: { url: string; token: string } | null;
  /** Where browsers open the workspace: the gateway accepts websocket upgrades from this origin. */
  webUrl: string;
}

export type AdminPasswordSource = { kind: 'environment' } | { kind: 'file'; path: string; exists: boolean };

export interface RunningPlatform {
  webUrl: string;
  apiUrl: string;
  apiDocsUrl: string;
  natsUrl: string;
  /** True when the nats-server is ours (started and stopped with the platform). */
  ownsNats: boolean;
  /** Our Jupyter Server's own URL (reach it through the gateway's /jupyter/); null when not started. */
  jupyterUrl: string | null;
  galleyHome: string;
  logDir: string;
  adminPassword: AdminPasswordSource;
  /** Resolves (never rejects) if an app keeps crashing and is given up on. */
  failed: Promise<Error>;
  /** Stops every app (SIGTERM, SIGKILL after 10 s), then our nats-server. Safe to call twice. */
  stop(): Promise<void>;
}

/** The apps of the platform, in start order: the bus services, the gateway, then the web workspace. */
export function defaultApps(context: AppContext): AppSpec[] {
  const runTs = join(context.repoRoot, 'tools/run-ts.cjs');
  const service = (name: string, extraEnv: NodeJS.ProcessEnv = {}): AppSpec => ({
    name,
    command: process.execPath,
    args: [runTs, `apps/${name}/src/main.ts`],
    cwd: context.repoRoot,
    env: { ...context.baseEnv, ...extraEnv },
  });
  // The workspace's own server (Next's custom-server API): it also carries /jupyter/* websockets.
  const webArgs = [runTs, 'apps/workspace/src/server/main.ts', context.web === 'dev' ? '--dev' : '--production'];
  return [
    // The gateway's health asks every one of BUS_SERVICES: starting exactly that list keeps npm start
    // from waiting for a service nobody started when a new one joins the platform.
    ...BUS_SERVICES.map((name) => service(name)),
    // Trainers are workers, not bus services: they pull jobs from the GALLEY_JOBS queue. Start more
    // (on any machine with the same NATS and blob store) to train more jobs at once.
    ...Array.from({ length: context.trainers ?? 1 }, (_, index) => ({ ...service('trainer', { GALLEY_TRAINER_ID: `trainer-${index + 1}` }), name: `trainer-${index + 1}` })),
    service('gateway', {
      GALLEY_API_PORT: String(context.apiPort),
      GALLEY_WEB_URL: context.webUrl,
      ...(context.jupyter ? { GALLEY_JUPYTER_URL: context.jupyter.url, GALLEY_JUPYTER_TOKEN: context.jupyter.token } : {}),
      ...(context.adminPassword ? { GALLEY_ADMIN_PASSWORD: context.adminPassword } : {}),
    }),
    {
      name: 'workspace',
      command: process.execPath,
      args: webArgs,
      cwd: context.repoRoot,
      env: {
        ...context.baseEnv,
        GALLEY_API_URL: context.apiUrl,
        GALLEY_WEB_PORT: String(context.webPort),
        NODE_ENV: context.web === 'dev' ? 'development' : 'production',
      },
    },
  ];
}

/** What every app inherits: this process's environment without Galley's variables, then ours. */
function baseEnvironment(options: PlatformOptions, natsUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('GALLEY_') || name === 'NATS_URL' || name === 'DATABASE_URL' || name === 'NODE_ENV' || name === 'PORT') {
      delete env[name];
    }
  }
  return {
    ...env,
    NATS_URL: natsUrl,
    GALLEY_HOME: options.galleyHome,
    LOG_LEVEL: options.logLevel ?? 'info',
    NEXT_TELEMETRY_DISABLED: '1',
    NX_NO_CLOUD: 'true',
    NX_DAEMON: 'false',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  };
}

export class PlatformStartError extends Error {
  override name = 'PlatformStartError';
}

async function assertPortsFree(options: PlatformOptions): Promise<void> {
  const checks = [
    ['GALLEY_API_PORT', options.apiPort],
    ['GALLEY_WEB_PORT', options.webPort],
  ] as const;
  for (const [variable, port] of checks) {
    if (await portIsTaken(port)) {
      throw new PlatformStartError(
        `Port ${port} (${variable}) is already in use. Stop whatever listens there (\`ss -ltnp 'sport = :${port}'\`) or set ${variable} to a free port.`,
      );
    }
  }
}

async function startOwnNats(options: PlatformOptions, out: ConsoleOutput): Promise<RunningNatsServer> {
  await ensureSystemPackages(['nats-server'], { log: (line) => out.line(line) });
  const preferred = options.preferredNatsPort;
  const port = preferred !== undefined && !(await portIsTaken(preferred)) ? preferred : undefined;
  const storeDir = join(options.galleyHome, 'nats');
  const nats = await startNatsServer({ port, storeDir });
  if (preferred !== undefined && port === undefined) {
    out.line(out.paint(`Port ${preferred} is taken (another NATS?): our nats-server listens on ${nats.port} instead.`, 'dim'));
  }
  return nats;
}

/**
 * Notebooks are one part of the platform: when Jupyter cannot be installed or started, say so loudly
 * and run the rest (the gateway then answers /jupyter/* with 503 "notebooks are not configured").
 */
async function startOwnJupyter(options: PlatformOptions, out: ConsoleOutput, apiUrl: string, logDir: string): Promise<RunningJupyterServer | null> {
  try {
    await ensureSystemPackages(['jupyter'], { log: (line) => out.line(line) });
    return await startJupyterServer({ galleyHome: options.galleyHome, apiUrl, logFile: join(logDir, 'jupyter.log') });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    out.line(out.paint(`✖ Notebooks are OFF: ${reason}`, 'red'));
    if (!(error instanceof MissingSystemPackagesError)) out.line(out.paint(`  See ${join(logDir, 'jupyter.log')}.`, 'red'));
    return null;
  }
}

function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/**
 * Starts the whole platform on this machine: NATS (ours unless natsUrl is given), the bus services
 * (catalog, feature store, training…), gateway and the web workspace, each supervised; resolves once
 * the API is healthy and the web answers.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const out = options.out ?? new ConsoleOutput();
  const consoleLevel = options.consoleLevel ?? 'info';
  const logDir = join(options.galleyHome, 'logs');
  const apiUrl = `http://127.0.0.1:${options.apiPort}`;
  const webUrl = `http://localhost:${options.webPort}`;
  mkdirSync(logDir, { recursive: true });

  await assertPortsFree(options);
  if (options.web === 'production' && options.buildWeb !== 'never' && webBuildIsStale(options.repoRoot)) {
    out.line(out.paint('Building the web workspace for production (next build) …', 'bold'));
    await buildWorkspace(options.repoRoot, { signal: options.signal });
  }
  if (aborted(options.signal)) throw new PlatformStartError('interrupted');

  let nats: RunningNatsServer | null = null;
  const natsUrl = options.natsUrl ?? (nats = await startOwnNats(options, out)).url;
  out.line(`NATS      ${natsUrl}${nats ? out.paint(`  (ours, JetStream store ${nats.storeDir})`, 'dim') : ''}`);

  const jupyter = options.jupyter === false || aborted(options.signal) ? null : await startOwnJupyter(options, out, apiUrl, logDir);
  if (jupyter) out.line(`Jupyter   ${jupyter.url}${out.paint(`  (ours, through the gateway at ${apiUrl}/jupyter/; notebooks in ${jupyter.notebookDir})`, 'dim')}`);

  let reportFailure: (error: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => (reportFailure = resolve));
  let failure: Error | null = null;
  const appWidth = 9;
  const supervisor = new ProcessSupervisor({
    logDir,
    onRecord: (record) => {
      if (!supervisor.isStopping && levelAtLeast(record.level, consoleLevel)) out.line(formatLogLine(record, appWidth, out.colour));
    },
    onNotice: (message, level) => {
      if (level === 'info') out.line(out.paint(message, 'dim'));
      else out.line(out.paint(`${level === 'error' ? '✖' : '!'} ${message}`, level === 'error' ? 'red' : 'yellow'));
    },
    onGiveUp: (_app, error) => {
      failure ??= error;
      reportFailure(error);
    },
  });

  // If this process exits without stop() (a second Ctrl-C, an uncaught error), our nats-server must
  // not outlive it: stop() sends its SIGTERM synchronously, before its first await.
  const natsExitGuard = () => void nats?.stop();
  if (nats) process.once('exit', natsExitGuard);
  // startJupyterServer keeps its own exit guard.

  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      out.clearStatus();
      await supervisor.stopAll();
      if (jupyter) {
        await jupyter.stop();
        out.line(out.paint('jupyter server stopped', 'dim'));
      }
      if (nats) {
        await nats.stop();
        process.removeListener('exit', natsExitGuard);
        out.line(out.paint('nats-server stopped', 'dim'));
      }
    })());
  const onAbort = () => void stop();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    const context: AppContext = {
      repoRoot: options.repoRoot,
      web: options.web,
      webPort: options.webPort,
      apiPort: options.apiPort,
      apiUrl,
      baseEnv: baseEnvironment(options, natsUrl),
      adminPassword: options.adminPassword,
      trainers: options.trainers,
      jupyter: jupyter ? { url: jupyter.url, token: jupyter.token } : null,
      webUrl,
    };
    for (const app of (options.apps ?? defaultApps)(context)) {
      if (aborted(options.signal)) break;
      supervisor.start(app);
    }
    await waitUntilReady({
      apiUrl,
      webUrl: `http://127.0.0.1:${options.webPort}`,
      out,
      timeoutMs: options.readyTimeoutMs ?? (options.web === 'dev' ? 240_000 : 120_000),
      shouldGiveUp: () => (aborted(options.signal) ? new PlatformStartError('interrupted') : failure),
    });
    if (options.seedDemoData) await seedWithoutFailing(options.seedDemoData, apiUrl, out, options.signal);
    if (aborted(options.signal)) throw new PlatformStartError('interrupted');
  } catch (error) {
    out.clearStatus();
    await stop();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }

  const passwordFile = join(options.galleyHome, 'admin-password');
  return {
    webUrl,
    apiUrl,
    apiDocsUrl: `${apiUrl}/api/docs`,
    natsUrl,
    ownsNats: nats !== null,
    jupyterUrl: jupyter?.url ?? null,
    galleyHome: options.galleyHome,
    logDir,
    adminPassword: options.adminPassword
      ? { kind: 'environment' }
      : { kind: 'file', path: passwordFile, exists: existsSync(passwordFile) },
    failed,
    stop,
  };
}

/** Demo data is a convenience: without it the platform is still whole, so a failure does not stop it. */
async function seedWithoutFailing(
  seed: (apiUrl: string) => Promise<string>,
  apiUrl: string,
  out: ConsoleOutput,
  signal: AbortSignal | undefined,
): Promise<void> {
  out.setStatus('Seeding demo data …');
  try {
    const summary = await seed(apiUrl);
    out.clearStatus();
    out.line(summary);
  } catch (error) {
    out.clearStatus();
    // Ctrl-C while seeding stops the apps under the seed: its failure is no news then.
    if (aborted(signal)) return;
    const reason = error instanceof Error ? error.message : String(error);
    out.line(out.paint(`✖ Demo data was NOT seeded: ${reason}`, 'red'));
    out.line(out.paint('  Galley runs without it; fix the cause and start again to seed.', 'red'));
  }
}

async function waitUntilReady(args: {
  apiUrl: string;
  webUrl: string;
  out: ConsoleOutput;
  timeoutMs: number;
  shouldGiveUp: () => Error | null;
}): Promise<void> {
  const { out } = args;
  const started = Date.now();
  let apiDetail = 'starting';
  let apiReady = false;
  let webReady = false;
  const draw = () => {
    const seconds = Math.round((Date.now() - started) / 1000);
    const api = apiReady ? '✓ API' : `API: ${apiDetail}`;
    const web = webReady ? '✓ web' : 'web: starting';
    out.setStatus(`Waiting for the platform  ${api}  ${web}  ${seconds}s`);
  };
  const spinner = setInterval(draw, 120);
  draw();
  try {
    while (!(apiReady && webReady)) {
      const giveUp = args.shouldGiveUp();
      if (giveUp) throw giveUp;
      if (Date.now() - started > args.timeoutMs) {
        throw new PlatformStartError(
          `The platform was not ready after ${Math.round(args.timeoutMs / 1000)} s (API: ${apiReady ? 'healthy' : apiDetail}; web: ${webReady ? 'answering' : 'not answering'}). See the logs above.`,
        );
      }
      const [health, web]: [HealthProbe, boolean] = await Promise.all([
        apiReady ? Promise.resolve({ ok: true, detail: 'healthy' }) : probeHealth(args.apiUrl),
        // next dev compiles the page on its first request: give that request time.
        webReady ? Promise.resolve(true) : probeWeb(args.webUrl, 5_000),
      ]);
      apiReady = health.ok;
      apiDetail = health.detail;
      webReady = web;
      if (!(apiReady && webReady)) await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    clearInterval(spinner);
    out.clearStatus();
  }
}
