import { Client } from 'pg';
import { isPortOpen } from '@galley/testing';

export const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** Which PostgreSQL the integration tests use: GALLEY_TEST_POSTGRES_URL, else a postgres DATABASE_URL, else the local default. */
export function testPostgresUrl(env: NodeJS.ProcessEnv): string {
  const explicit = env['GALLEY_TEST_POSTGRES_URL'];
  if (explicit) return explicit;
  const databaseUrl = env['DATABASE_URL'];
  if (databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl)) return databaseUrl;
  return DEFAULT_TEST_POSTGRES_URL;
}

/** The URL without its password, for printing. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

export type PostgresProbe = { reachable: true } | { reachable: false; reason: string };

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  return client;
}

/**
 * Is PostgreSQL there to test against? A TCP probe first (fast when nothing listens), then a real
 * connection. A missing test database is created (the tests need one and own it).
 */
export async function probePostgres(url: string): Promise<PostgresProbe> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { reachable: false, reason: 'the PostgreSQL URL does not parse' };
  }
  const host = parsed.hostname || '127.0.0.1';
  const port = Number(parsed.port || 5432);
  if (!(await isPortOpen(port, host, 1_000))) return { reachable: false, reason: `nothing listens on ${host}:${port}` };
  try {
    const client = await connect(url);
    await client.query('select 1');
    await client.end();
    return { reachable: true };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (code === '3D000' && database) {
      try {
        const admin = new URL(url);
        admin.pathname = '/postgres';
        const client = await connect(admin.toString());
        await client.query(`create database ${quoteIdentifier(database)}`);
        await client.end();
        return { reachable: true };
      } catch (createError) {
        return { reachable: false, reason: `database ${database} is missing and could not be created: ${String(createError)}` };
      }
    }
    return { reachable: false, reason: `cannot connect: ${error instanceof Error ? error.message : String(error)}` };
  }
}
