import { spawn } from 'node:child_process';

export interface RunCommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Called with every chunk the command writes; by default the chunks go to this process's stdout/stderr. */
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
  /** Kills the command's whole process group when aborted. */
  signal?: AbortSignal;
}

export interface CommandResult {
  exitCode: number;
  /** Set when the command was ended by a signal rather than exiting. */
  signal: NodeJS.Signals | null;
}

/**
 * Runs a command in its own process group, streaming its output, and resolves with how it ended.
 * Its own group, so that an abort (or Ctrl-C in the parent) can end everything it started, including
 * grandchildren such as the workers of `next build` or jest.
 */
export function runCommand(command: string, args: readonly string[], options: RunCommandOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const write =
      options.onOutput ??
      ((chunk: string, stream: 'stdout' | 'stderr') => (stream === 'stdout' ? process.stdout : process.stderr).write(chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => write(chunk, 'stdout'));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => write(chunk, 'stderr'));

    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
        setTimeout(() => {
          try {
            if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          } catch {
            // the group is already gone
          }
        }, 5_000).unref();
      } catch {
        // the group is already gone
      }
    };
    const onAbort = () => killGroup();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    // A parent that exits for any reason must not leave the command's group running.
    const onParentExit = () => {
      if (child.exitCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    };
    process.once('exit', onParentExit);

    child.once('error', (error) => {
      options.signal?.removeEventListener('abort', onAbort);
      process.removeListener('exit', onParentExit);
      reject(error);
    });
    child.once('close', (code, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      process.removeListener('exit', onParentExit);
      resolve({ exitCode: code ?? 1, signal });
    });
  });
}
