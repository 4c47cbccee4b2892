import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../system/run-command';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.next', '.nx', 'dist', 'test-results', 'playwright-report']);

/** The newest modification time (ms) of any file under `dir`, skipping build output. */
export function newestMtimeMs(dir: string): number {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) newest = Math.max(newest, newestMtimeMs(path));
    } else if (entry.isFile()) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/**
 * True when the production build of the workspace is missing or older than what goes into it: the
 * app itself, the shared libraries it may import, and the lock file.
 */
export function webBuildIsStale(repoRoot: string): boolean {
  let builtAt: number;
  try {
    builtAt = statSync(join(repoRoot, 'apps/workspace/.next/BUILD_ID')).mtimeMs;
  } catch {
    return true;
  }
  const sources = [join(repoRoot, 'apps/workspace'), join(repoRoot, 'libs'), join(repoRoot, 'package-lock.json')];
  return sources.some((source) => {
    try {
      return (statSync(source).isDirectory() ? newestMtimeMs(source) : statSync(source).mtimeMs) > builtAt;
    } catch {
      return false;
    }
  });
}

export function nextBin(repoRoot: string): string {
  // The Next binary itself, never through npx: killing npx orphans next-server.
  return join(repoRoot, 'node_modules/next/dist/bin/next');
}

/** `next build apps/workspace`, streaming its output; throws when the build fails. */
export async function buildWorkspace(
  repoRoot: string,
  options: { env?: NodeJS.ProcessEnv; onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void; signal?: AbortSignal } = {},
): Promise<void> {
  const env = { ...(options.env ?? process.env), NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };
  const result = await runCommand(process.execPath, [nextBin(repoRoot), 'build', 'apps/workspace'], {
    cwd: repoRoot,
    env,
    onOutput: options.onOutput,
    signal: options.signal,
  });
  if (options.signal?.aborted) throw new Error('next build was interrupted');
  if (result.exitCode !== 0) throw new Error(`next build apps/workspace failed (exit ${result.signal ?? result.exitCode})`);
}
