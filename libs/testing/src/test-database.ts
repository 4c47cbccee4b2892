import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export type TestDatabaseKind = 'sqlite' | 'postgres';

export interface TestDatabase {
  kind: TestDatabaseKind;
  /** A fresh GALLEY_HOME: SQLite files (and anything else a service writes) go here. */
  galleyHome: string;
  /** Set for PostgreSQL: a database created for this test file alone. */
  databaseUrl: string | undefined;
  /** Environment to hand a service process. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** Which database the integration suite runs against: `GALLEY_TEST_DATABASE=sqlite|postgres`. */
export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env['GALLEY_TEST_DATABASE'] ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`GALLEY_TEST_DATABASE must be sqlite or postgres, not "${kind}"`);
  return kind;
}

/**
 * A database nobody else uses: a temp directory for SQLite, or a new PostgreSQL database (created on
 * the server at GALLEY_TEST_POSTGRES_URL, dropped afterwards) so test files never see each other's rows.
 */
export async function createTestDatabase(kind: TestDatabaseKind = testDatabaseKind()): Promise<TestDatabase> {
  const galleyHome = mkdtempSync(join(tmpdir(), 'galley-test-'));
  if (kind === 'sqlite') {
    return {
      kind,
      galleyHome,
      databaseUrl: undefined,
      env: { GALLEY_HOME: galleyHome },
      drop: async () => rmSync(galleyHome, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env['GALLEY_TEST_POSTGRES_URL'] ?? DEFAULT_TEST_POSTGRES_URL;
  const name = `galley_it_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    kind,
    galleyHome,
    databaseUrl,
    env: { GALLEY_HOME: galleyHome, DATABASE_URL: databaseUrl },
    drop: async () => {
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      rmSync(galleyHome, { recursive: true, force: true });
    },
  };
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
