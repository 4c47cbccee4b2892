// `npm start`: the whole platform on this machine, stopped cleanly by Ctrl-C.
import { resolve } from 'node:path';
import { ConfigError, parseStartArgs, parseStartEnv, START_USAGE } from './config';
import { describeSeed } from './demo-data/describe-seed';
import { seedDemoData } from './demo-data/seed-demo-data';
import { ConsoleOutput } from './log-printer';
import { startPlatform, type RunningPlatform } from './platform';

const repoRoot = resolve(__dirname, '../..');

function banner(platform: RunningPlatform, out: ConsoleOutput, web: string): string {
  const password =
    platform.adminPassword.kind === 'environment'
      ? 'from GALLEY_ADMIN_PASSWORD'
      : platform.adminPassword.exists
        ? `in ${platform.adminPassword.path}  (cat it; mode 0600)`
        : `not in ${platform.adminPassword.path}: the database already had an admin when the gateway started`;
  const rows = [
    ['Web', `${platform.webUrl}${web === 'dev' ? '  (next dev)' : '  (production build)'}`],
    ['API', `${platform.apiUrl}/api/v1`],
    ['API docs', platform.apiDocsUrl],
    ['Admin', `user admin, password ${password}`],
    ['NATS', `${platform.natsUrl}${platform.ownsNats ? '' : '  (from NATS_URL)'}`],
    ['Notebooks', platform.jupyterUrl ? `Jupyter behind ${platform.apiUrl}/jupyter/  (signed-in data scientists)` : 'off: Jupyter did not start (see above)'],
    ['Data', platform.galleyHome],
    ['Logs', `${platform.logDir}/<app>.log`],
  ];
  const body = rows.map(([label = '', value = '']) => `  ${out.paint(label.padEnd(10), 'bold')} ${value}`).join('\n');
  const rule = '─'.repeat(72);
  return `\n${rule}\n  ${out.paint('Galley is running.', 'green')}  Press Ctrl-C to stop.\n\n${body}\n${rule}\n`;
}

async function main(): Promise<number> {
  const out = new ConsoleOutput();
  let args;
  let config;
  try {
    args = parseStartArgs(process.argv.slice(2));
    if (args.help) {
      out.line(START_USAGE);
      return 0;
    }
    config = parseStartEnv(process.env, repoRoot);
  } catch (error) {
    if (error instanceof ConfigError) {
      out.line(out.paint(error.message, 'red'));
      return 2;
    }
    throw error;
  }

  const startup = new AbortController();
  const starting = startPlatform({
    repoRoot,
    galleyHome: config.galleyHome,
    apiPort: config.apiPort,
    webPort: config.webPort,
    web: args.web,
    natsUrl: config.natsUrl,
    preferredNatsPort: 4222,
    databaseUrl: config.databaseUrl,
    adminPassword: config.adminPassword,
    trainers: config.trainers,
    logLevel: config.logLevel,
    out,
    signal: startup.signal,
    seedDemoData: async (apiUrl) =>
      describeSeed(await seedDemoData({ apiUrl, galleyHome: config.galleyHome, adminPassword: config.adminPassword })),
  });
  let stopping: Promise<number> | null = null;
  const shutdown = (reason: string, exitCode: number) =>
    (stopping ??= (async () => {
      out.clearStatus();
      out.line(out.paint(`\n${reason}: stopping Galley …`, 'bold'));
      // Still starting: the abort makes startPlatform stop what it started, then reject.
      startup.abort();
      const running = await starting.catch(() => null);
      await running?.stop();
      out.line(out.paint('Stopped.', 'bold'));
      return exitCode;
    })());

  return new Promise<number>((resolveExit) => {
    let firstSignalAt = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      // One Ctrl-C often arrives twice (the terminal signals the whole group, npm forwards it, GNU
      // timeout signals child and group): only a second signal a moment later means "now".
      if (firstSignalAt !== 0) {
        if (Date.now() - firstSignalAt < 2_000) return;
        out.line(out.paint('Second signal: exiting now; the process groups get SIGKILL.', 'red'));
        // the supervisor's exit guard kills every group on the way out
        process.exit(130);
      }
      firstSignalAt = Date.now();
      void shutdown(signal, 0).then(resolveExit);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);

    starting.then(
      (running) => {
        if (stopping) return;
        out.line(banner(running, out, args.web));
        void running.failed.then((error) => shutdown(`Giving up: ${error.message}`, 1).then(resolveExit));
      },
      (error: unknown) => {
        if (stopping) return;
        out.clearStatus();
        out.line(out.paint(`✖ Galley did not start: ${error instanceof Error ? error.message : String(error)}`, 'red'));
        out.line(out.paint(`  Logs: ${config.galleyHome}/logs/`, 'dim'));
        resolveExit(1);
      },
    );
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
