import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDataSourceOptions, databaseKindOf } from './database-options';

const base = { service: 'feature-store', galleyHome: mkdtempSync(join(tmpdir(), 'galley-opts-')), entities: [], migrations: { sqlite: [], postgres: [] } };

describe('database options', () => {
  it('uses an SQLite file under GALLEY_HOME when no DATABASE_URL is set', () => {
    const options = buildDataSourceOptions(base);
    expect(options.type).toBe('better-sqlite3');
    expect(options.database).toBe(join(base.galleyHome, 'db', 'feature-store.sqlite'));
    expect(options.synchronize).toBe(false);
  });

  it('puts each service in its own PostgreSQL schema', () => {
    const options = buildDataSourceOptions({ ...base, databaseUrl: 'postgres://u@h:5432/galley' });
    expect(options).toMatchObject({ type: 'postgres', schema: 'feature_store' });
  });

  it('refuses a DATABASE_URL of another kind, naming its scheme', () => {
    expect(() => databaseKindOf('mysql://root@localhost/x')).toThrow(/mysql/);
  });
});
