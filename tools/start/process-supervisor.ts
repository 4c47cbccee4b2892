import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, renameSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { LineSplitter, parseLogLine, type LogRecordLine } from './log-printer';

export interface AppSpec {
  /** Short name, used in the console and as the log file name. */
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface SupervisorOptions {
  logDir: string;
  /** Every record an app prints, already parsed. */
  onRecord: (record: LogRecordLine) => void;
  /** Orchestration messages (a crash, a restart, a stop). */
  onNotice: (message: string, level: 'info' | 'warn' | 'error') => void;
  /** An app that kept crashing and will not be restarted again. */
  onGiveUp: (app: string, error: Error) => void;
  /** Restarts allowed before giving up; the count resets after an app has stayed up for `stableAfterMs`. */
  maxRestarts?: number;
  stableAfterMs?: number;
  /** Grace between SIGTERM and SIGKILL when stopping. */
  stopGraceMs?: number;
}

const TAIL_LINES = 20;

/** Backoff before restart number `attempt` (1-based): 1 s, 2 s, 4 s, … capped at 15 s. */
export function restartDelayMs(attempt: number): number {
  return Math.min(1_000 * 2 ** (attempt - 1), 15_000);
}

class SupervisedApp {
  private child: ChildProcess | null = null;
  private readonly tail: string[] = [];
  private restarts = 0;
  private startedAt = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private log: WriteStream;

  constructor(
    private readonly spec: AppSpec,
    private readonly options: Required<SupervisorOptions>,
    private readonly isStopping: () => boolean,
  ) {
    const logPath = join(options.logDir, `${spec.name}.log`);
    // The previous session's log is kept one generation back, so a crash you just saw is not erased.
    if (existsSync(logPath)) renameSync(logPath, `${logPath}.1`);
    this.log = createWriteStream(logPath, { flags: 'a' });
  }

  get name(): string {
    return this.spec.name;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    const child = spawn(this.spec.command, this.spec.args, {
      cwd: this.spec.cwd,
      env: this.spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: we stop the app with everything it started (next-server, workers),
      // and a Ctrl-C in the terminal reaches only us, so the shutdown order stays ours.
      detached: true,
    });
    this.child = child;
    this.startedAt = Date.now();
    for (const stream of ['stdout', 'stderr'] as const) {
      const splitter = new LineSplitter();
      const source = child[stream];
      if (!source) continue;
      source.on('data', (chunk: Buffer) => {
        this.log.write(chunk);
        for (const line of splitter.push(chunk.toString('utf8'))) this.record(line, stream);
      });
      source.on('end', () => splitter.flush().forEach((line) => this.record(line, stream)));
    }
    child.once('error', (error) => this.options.onNotice(`${this.name}: could not start: ${error.message}`, 'error'));
    child.once('exit', (code, signal) => this.exited(child, code, signal));
  }

  private record(line: string, stream: 'stdout' | 'stderr'): void {
    const record = parseLogLine(this.name, line, stream);
    this.tail.push(`${record.level.padEnd(5)} ${record.message}`);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
    this.options.onRecord(record);
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = null;
    // The app died but may have left children in its group (next dev's server): clear them out.
    killGroup(child.pid, 'SIGKILL');
    if (this.isStopping()) return;

    const how = signal ? `was killed by ${signal}` : `exited with code ${code ?? '?'}`;
    const lastLines = this.tail.length > 0 ? `\n  last output:\n${this.tail.map((line) => `    ${line}`).join('\n')}` : '';
    if (Date.now() - this.startedAt > this.options.stableAfterMs) this.restarts = 0;
    if (this.restarts >= this.options.maxRestarts) {
      const message = `${this.name} ${how} and has crashed ${this.restarts + 1} times in a row; not restarting it.`;
      this.options.onNotice(`${message}${lastLines}\n  full log: ${join(this.options.logDir, `${this.name}.log`)}`, 'error');
      this.options.onGiveUp(this.name, new Error(message));
      return;
    }
    this.restarts++;
    const delay = restartDelayMs(this.restarts);
    this.options.onNotice(
      `${this.name} ${how}; restarting in ${delay / 1000} s (attempt ${this.restarts} of ${this.options.maxRestarts})${lastLines}`,
      'error',
    );
    this.tail.length = 0;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.isStopping()) this.start();
    }, delay);
  }

  /** SIGTERM to the whole group, SIGKILL after the grace period; resolves when the group is empty. */
  async stop(): Promise<void> {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    const pid = child?.pid;
    if (pid !== undefined && groupAlive(pid)) {
      killGroup(pid, 'SIGTERM');
      const graceful = await waitForGroupExit(pid, this.options.stopGraceMs);
      if (!graceful) {
        this.options.onNotice(`${this.name} did not stop within ${this.options.stopGraceMs / 1000} s; killing it`, 'warn');
        killGroup(pid, 'SIGKILL');
        await waitForGroupExit(pid, 3_000);
      }
    }
    await new Promise<void>((resolve) => this.log.end(resolve));
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already empty
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForGroupExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/**
 * Runs the apps of the platform, each in its own process group: writes each app's raw output to
 * `<logDir>/<app>.log`, hands parsed records to the console, restarts an app that dies (with
 * backoff, a few times) unless the supervisor is stopping, and stops them in reverse order.
 */
export class ProcessSupervisor {
  private readonly apps: SupervisedApp[] = [];
  private stopping = false;
  private readonly options: Required<SupervisorOptions>;
  private readonly exitGuard = () => {
    // Last resort when this process exits without stop() (an uncaught error): no orphans.
    for (const app of this.apps) killGroup(app.pid, 'SIGKILL');
  };

  constructor(options: SupervisorOptions) {
    this.options = { maxRestarts: 3, stableAfterMs: 60_000, stopGraceMs: 10_000, ...options };
    process.once('exit', this.exitGuard);
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  start(spec: AppSpec): void {
    if (this.stopping) throw new Error(`cannot start ${spec.name}: the platform is stopping`);
    const app = new SupervisedApp(spec, this.options, () => this.stopping);
    this.apps.push(app);
    app.start();
  }

  /** Stops every app: all groups get SIGTERM together, each gets SIGKILL if it outlives the grace period. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    const apps = [...this.apps].reverse();
    await Promise.all(
      apps.map(async (app) => {
        await app.stop();
        this.options.onNotice(`${app.name} stopped`, 'info');
      }),
    );
    process.removeListener('exit', this.exitGuard);
  }
}
