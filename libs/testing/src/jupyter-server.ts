import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { findFreePort } from './free-port';
import { repositoryRoot } from './service-process';

/** Where Jupyter answers behind the gateway and on its own port: one path, so redirects and links agree. */
export const JUPYTER_BASE_PATH = '/jupyter/';

/**
 * Debian's `jupyter` front end and the interpreter its packages are installed for. The interpreter is
 * named by path because a pyenv (or venv) `python3` earlier on PATH has none of them.
 */
const JUPYTER_BINARY = '/usr/bin/jupyter';
const SYSTEM_PYTHON = '/usr/bin/python3';

export function findJupyterBinary(): string | null {
  const fromEnv = process.env['JUPYTER_BIN'];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return existsSync(JUPYTER_BINARY) ? JUPYTER_BINARY : null;
}

/** True when `jupyter server` can start and its kernels can run pandas: what notebooks need. */
export function jupyterIsInstalled(): boolean {
  if (findJupyterBinary() === null || !existsSync(SYSTEM_PYTHON)) return false;
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import jupyter_server, jupyter_client, ipykernel, pandas, numpy'], { stdio: 'ignore', timeout: 30_000 });
  return probe.status === 0;
}

/** The `galley` Python package the kernels import (`from galley import load_dataset`). */
export function galleyPythonPath(): string {
  return join(repositoryRoot(), 'tools/jupyter/python');
}

/**
 * Debian's jupyter-server 1.23 leaves Nagle's algorithm on for the kernel websocket, which holds every
 * small kernel message ~40 ms waiting for an ACK; turning TCP_NODELAY on when the socket opens takes a
 * `1+1` round trip from ~48 ms to a few ms.
 */
const NODELAY_PATCH = `from jupyter_server.services.kernels.handlers import ZMQChannelsHandler

_galley_open = ZMQChannelsHandler.open


def _galley_open_without_nagle(self, *args, **kwargs):
    # Small kernel messages must leave at once, not wait for the previous segment's ACK.
    self.set_nodelay(True)
    return _galley_open(self, *args, **kwargs)


ZMQChannelsHandler.open = _galley_open_without_nagle
`;

/**
 * Jupyter's HTML pages (its landing page, every HTML 404) carry the server token in
 * `data-jupyter-api-token` for its own front end. Galley's gateway holds the token for the browser, so
 * no page may ever render it.
 */
const NO_TOKEN_IN_PAGES = `from jupyter_server.base.handlers import JupyterHandler

_galley_namespace = JupyterHandler.template_namespace


def _galley_namespace_without_token(self):
    return {**_galley_namespace.fget(self), "token": ""}


JupyterHandler.template_namespace = property(_galley_namespace_without_token)
`;

/** The jupyter_server_config.py written on every start (the Nagle patch is left out only to measure it). */
export function jupyterServerConfig(options: { noDelay?: boolean } = {}): string {
  return [
    '# Written by Galley on every start; edits are overwritten.',
    NO_TOKEN_IN_PAGES,
    options.noDelay === false ? '' : NODELAY_PATCH,
    'c = get_config()  # noqa: F821 (traitlets provides it when it runs this file)',
    'c.ServerApp.open_browser = False',
    "# Galley's gateway is the only client: it checks users and origins, then sends the token itself.",
    'c.ServerApp.allow_remote_access = False',
    'c.ServerApp.terminals_enabled = False',
    '',
  ].join('\n');
}

export interface JupyterServerOptions {
  /** Config, data, runtime and IPython dirs go under GALLEY_HOME/jupyter; notebooks under GALLEY_HOME/notebooks. */
  galleyHome: string;
  /** The gateway as the kernels reach it (GALLEY_API_URL in every kernel, for `galley.connect`). */
  apiUrl: string;
  /** Port to listen on (127.0.0.1); a free one when omitted. */
  port?: number;
  /** Appended to; stdout and stderr of the server and its kernels. Kept in memory (last lines) when omitted. */
  logFile?: string;
  /** How long to wait for GET /jupyter/api/status to answer; default 30 s. */
  readyTimeoutMs?: number;
  /** The environment the server (and so every kernel) inherits; default this process's. */
  env?: NodeJS.ProcessEnv;
  /** Run the `TCP_NODELAY` patch (default true); off only to measure what it is worth. */
  noDelay?: boolean;
}

export interface RunningJupyterServer {
  /** http://127.0.0.1:<port>/jupyter/ */
  readonly url: string;
  readonly port: number;
  /** Sent as `Authorization: token …`; never on a command line, never to a browser. */
  readonly token: string;
  readonly notebookDir: string;
  readonly pid: number | undefined;
  /** SIGTERM (the server shuts its kernels down), SIGKILL to the group after 10 s. Safe to call twice. */
  stop(): Promise<void>;
}

export class JupyterStartError extends Error {
  override name = 'JupyterStartError';
}

/**
 * Starts Debian's Jupyter Server on loopback with a generated token passed by environment, every
 * Jupyter and IPython directory under GALLEY_HOME (never the user's home), and resolves once its API
 * answers with that token.
 */
export async function startJupyterServer(options: JupyterServerOptions): Promise<RunningJupyterServer> {
  const binary = findJupyterBinary();
  if (!binary) {
    throw new JupyterStartError('Jupyter Server is not installed (Debian packages jupyter-server jupyter-core jupyter-client python3-ipykernel); `npm test` and `npm start` install them when run as root');
  }
  const port = options.port ?? (await findFreePort());
  const token = randomBytes(32).toString('hex');
  const home = join(options.galleyHome, 'jupyter');
  const dirs = {
    config: join(home, 'config'),
    data: join(home, 'data'),
    runtime: join(home, 'runtime'),
    ipython: join(home, 'ipython'),
    matplotlib: join(home, 'matplotlib'),
  };
  const notebookDir = join(options.galleyHome, 'notebooks');
  // 0700: connection files (kernel HMAC keys) are written to the runtime dir.
  for (const dir of [...Object.values(dirs), notebookDir]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dirs.config, 'jupyter_server_config.py'), jupyterServerConfig({ noDelay: options.noDelay }), { mode: 0o600 });

  const baseEnv = options.env ?? process.env;
  const pythonPath = [galleyPythonPath(), baseEnv['PYTHONPATH']].filter(Boolean).join(':');
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    JUPYTER_TOKEN: token,
    JUPYTER_CONFIG_DIR: dirs.config,
    JUPYTER_DATA_DIR: dirs.data,
    JUPYTER_RUNTIME_DIR: dirs.runtime,
    IPYTHONDIR: dirs.ipython,
    MPLCONFIGDIR: dirs.matplotlib,
    // The user's own config path would add their extensions and settings to ours.
    JUPYTER_CONFIG_PATH: '',
    JUPYTER_PATH: '',
    GALLEY_API_URL: options.apiUrl,
    PYTHONPATH: pythonPath,
    PYTHONUNBUFFERED: '1',
  };
  const args = [
    'server',
    '--ip=127.0.0.1',
    `--port=${port}`,
    '--port-retries=0',
    '--no-browser',
    `--ServerApp.base_url=${JUPYTER_BASE_PATH}`,
    `--ServerApp.root_dir=${notebookDir}`,
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
  ];

  const recent: string[] = [];
  let logStream: WriteStream | null = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : null;
  const record = (chunk: Buffer) => {
    logStream?.write(chunk);
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) recent.push(line);
    if (recent.length > 40) recent.splice(0, recent.length - 40);
  };
  // Own process group: a terminal's Ctrl-C reaches only our owner, and the group can be killed at once.
  const child: ChildProcess = spawn(binary, args, { env, cwd: notebookDir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);
  // An object, so TypeScript does not narrow it to its initial null across the awaits below.
  const state: { exitCode: number | null } = { exitCode: null };
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      state.exitCode = code ?? (signal ? 128 : -1);
      resolve();
    }),
  );
  child.once('error', (error) => record(Buffer.from(`spawn failed: ${error.message}\n`)));
  const killGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined || state.exitCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // If our owner exits without stop(), the server must not outlive it.
  const exitGuard = () => killGroup('SIGTERM');
  process.once('exit', exitGuard);

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      process.removeListener('exit', exitGuard);
      if (state.exitCode === null && child.pid !== undefined) {
        // SIGTERM to the server alone: it shuts its kernels down (they run in their own sessions).
        child.kill('SIGTERM');
        const timer = setTimeout(() => killGroup('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      const closing = logStream;
      logStream = null;
      if (closing) await new Promise<void>((resolve) => closing.end(resolve));
    })());

  const url = `http://127.0.0.1:${port}${JUPYTER_BASE_PATH}`;
  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  try {
    for (;;) {
      if (state.exitCode !== null) throw new JupyterStartError(`jupyter server exited with code ${state.exitCode} while starting:\n${recent.join('\n')}`);
      if (Date.now() > deadline) {
        throw new JupyterStartError(`jupyter server did not answer ${url}api/status within ${Math.round(timeoutMs / 1000)} s (${lastProblem}):\n${recent.join('\n')}`);
      }
      try {
        const response = await fetch(`${url}api/status`, { headers: { authorization: `token ${token}` }, signal: AbortSignal.timeout(2_000) });
        if (response.ok) break;
        lastProblem = `HTTP ${response.status}`;
      } catch (error) {
        lastProblem = error instanceof Error ? error.message : String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    port,
    token,
    notebookDir,
    get pid() {
      return child.pid;
    },
    stop,
  };
}
