import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface ServiceProcess {
  readonly app: string;
  readonly pid: number | undefined;
  /** Everything the process printed so far (for assertions and for failure messages). */
  output(): string;
  /** Resolves once a line of output contains `text`. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGSTOP / SIGCONT: a hung service that still holds its NATS subscriptions. */
  pause(): void;
  resume(): void;
}

/** The repository root, found from this file so tests can run from any directory. */
export function repositoryRoot(): string {
  let dir = resolve(__dirname);
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = resolve(dir, '..');
    if (parent === dir) throw new Error('could not find the repository root (nx.json)');
    dir = parent;
  }
  return dir;
}

/**
 * Starts `apps/<app>/src/main.ts` as its own process, exactly as `npm start` does. Tests use this
 * for services they do not own: apps never import each other, not even in tests.
 */
export function startServiceProcess(app: string, env: Record<string, string>, options: { logFile?: string } = {}): ServiceProcess {
  const root = repositoryRoot();
  // A log file keeps the caller's event loop out of the service's logging: a bench that is also
  // the service's log sink would time its own pipe reads.
  const logFd = options.logFile === undefined ? null : openSync(options.logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, [join(root, 'tools/run-ts.cjs'), `apps/${app}/src/main.ts`], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: logFd === null ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
  });
  if (logFd !== null) closeSync(logFd);
  let piped = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    piped += chunk.toString();
    for (const check of waiters) check();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const output = () => (options.logFile === undefined ? piped : readFileSync(options.logFile, 'utf8'));
  // Nothing announces new lines in a file: look again every 100 ms while someone waits.
  const poll = options.logFile === undefined ? null : setInterval(() => waiters.forEach((check) => check()), 100);
  poll?.unref();
  child.once('exit', () => {
    if (poll) clearInterval(poll);
  });

  return {
    app,
    pid: child.pid,
    output,
    waitForOutput: (text, timeoutMs = 20_000) =>
      new Promise<void>((resolvePromise, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${app} did not print "${text}" within ${timeoutMs} ms. Output:\n${output().slice(-3000)}`));
        }, timeoutMs);
        const check = () => {
          if (!output().includes(text)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolvePromise();
        };
        waiters.add(check);
        check();
      }),
    kill: (signal = 'SIGTERM') =>
      new Promise<void>((resolvePromise) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
        child.once('exit', () => resolvePromise());
        child.kill('SIGCONT');
        child.kill(signal);
      }),
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
  };
}
