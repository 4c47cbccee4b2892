import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** What `galley login` remembers between runs. */
export interface StoredCredentials {
  url: string;
  token: string;
  username?: string;
  expiresAt?: string;
}

export const DEFAULT_API_URL = 'http://127.0.0.1:8080';

type Env = Record<string, string | undefined>;

/** `$XDG_CONFIG_HOME/galley/credentials.json`, else `~/.config/galley/credentials.json`. */
export function credentialsPath(env: Env = process.env): string {
  const configHome = env['XDG_CONFIG_HOME'] || join(env['HOME'] || homedir(), '.config');
  return join(configHome, 'galley', 'credentials.json');
}

export function readCredentials(path: string): StoredCredentials | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (!isStoredCredentials(parsed)) {
    throw new Error(`${path} is not a Galley credentials file; remove it and run "galley login" again`);
  }
  return parsed;
}

/**
 * Writes the token so that only its owner can read it: the file is created 0600 in a 0700 folder and
 * moved into place, so there is never a moment when a world-readable copy exists.
 */
export function writeCredentials(path: string, credentials: StoredCredentials): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  // A umask cannot widen 0600, but an existing temp file keeps its old mode: set it explicitly.
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

export function removeCredentials(path: string): boolean {
  try {
    rmSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Where to talk to and as whom: GALLEY_URL and GALLEY_TOKEN win over the stored file. */
export function resolveConnection(env: Env, stored: StoredCredentials | undefined): { url: string; token?: string } {
  const url = env['GALLEY_URL'] || stored?.url || DEFAULT_API_URL;
  const token = env['GALLEY_TOKEN'] || stored?.token;
  return token ? { url, token } : { url };
}

function isStoredCredentials(value: unknown): value is StoredCredentials {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['url'] === 'string' && typeof record['token'] === 'string';
}
