import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, isPortOpen } from './free-port';

export interface NatsServerOptions {
  /** Port to listen on; a free one is chosen when omitted. */
  port?: number;
  /** JetStream store directory; a temporary one (removed on stop) when omitted. */
  storeDir?: string;
  /** Where stdout/stderr of the server go; inherited streams are noisy in tests, so ignore by default. */
  stdio?: 'ignore' | 'inherit';
  /**
   * Run the server in its own process group, so a terminal's Ctrl-C reaches only its owner, which
   * can then stop the apps before NATS (the apps drain their connections on the way out).
   */
  detached?: boolean;
}

export interface RunningNatsServer {
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  /** The server's pid while it runs, for owners that must kill it synchronously on a forced exit. */
  readonly pid: number | undefined;
  /** Stops the server (SIGTERM, then SIGKILL) and waits for the port to close. */
  stop(): Promise<void>;
  /** Stops and starts it again on the same port with the same store: JetStream state survives. */
  restart(): Promise<void>;
  /** Stops the server but keeps its store, for tests of what happens while NATS is down. */
  halt(): Promise<void>;
  /** Starts a halted server again on the same port and store. */
  resume(): Promise<void>;
}

const CANDIDATE_BINARIES = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'];

/** Where nats-server is installed, or null. Debian puts it in /usr/sbin, which is not on every PATH. */
export function findNatsServerBinary(): string | null {
  const fromEnv = process.env['NATS_SERVER_BIN'];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env['PATH'] ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'nats-server'))) return join(dir, 'nats-server');
  }
  return CANDIDATE_BINARIES.find((candidate) => existsSync(candidate)) ?? null;
}

/** Starts a real nats-server with JetStream and resolves once it accepts connections. */
export async function startNatsServer(options: NatsServerOptions = {}): Promise<RunningNatsServer> {
  const binary = findNatsServerBinary();
  if (!binary) {
    throw new Error('nats-server is not installed (Debian package `nats-server`); `npm test` and `npm start` install it when run as root');
  }
  const port = options.port ?? (await findFreePort());
  const ownsStore = options.storeDir === undefined;
  const storeDir = options.storeDir ?? mkdtempSync(join(tmpdir(), 'galley-nats-'));
  mkdirSync(storeDir, { recursive: true });

  let child: ChildProcess | null = null;
  const launch = async () => {
    child = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
      stdio: options.stdio ?? 'ignore',
      detached: options.detached ?? false,
    });
    const started = child;
    const exit: { code: number | null } = { code: null };
    started.once('exit', (code) => (exit.code = code ?? -1));
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (exit.code !== null) throw new Error(`nats-server exited with code ${exit.code} while starting on port ${port}`);
      if (await isPortOpen(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    started.kill('SIGKILL');
    throw new Error(`nats-server did not open port ${port} within 10 s`);
  };

  const halt = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    get pid() {
      return child?.pid;
    },
    async stop() {
      await halt();
      if (ownsStore) rmSync(storeDir, { recursive: true, force: true });
    },
    async restart() {
      await halt();
      await launch();
    },
    halt,
    resume: launch,
  };
}
