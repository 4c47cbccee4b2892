import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

// TypeORM's own option type for migrations is a list of classes or paths; we only ever pass classes.
type MigrationClass = new () => object;
type EntityClass = MixedList<string | EntitySchema | (new () => object)>;

export type DatabaseKind = 'sqlite' | 'postgres';

export interface DatabaseSettings {
  /** The owning service: its SQLite file name and its PostgreSQL schema. */
  service: string;
  galleyHome: string;
  /** A `postgres://` URL selects PostgreSQL; unset means an SQLite file under GALLEY_HOME. */
  databaseUrl?: string;
  entities: EntityClass;
  /** SQL differs between drivers, so each service commits one migration folder per driver. */
  migrations: Record<DatabaseKind, MigrationClass[]>;
  logging?: boolean;
}

export function databaseKindOf(databaseUrl: string | undefined): DatabaseKind {
  if (!databaseUrl) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgres';
  throw new Error(`DATABASE_URL must be a postgres:// URL (got scheme "${databaseUrl.split(':')[0]}")`);
}

/** PostgreSQL schema of a service: its name with hyphens made SQL-friendly. */
export function schemaNameOf(service: string): string {
  return service.replace(/-/g, '_');
}

export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const kind = databaseKindOf(settings.databaseUrl);
  const common = {
    entities: settings.entities,
    migrations: settings.migrations[kind],
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logging: settings.logging ?? false,
  } as const;
  if (kind === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: settings.databaseUrl,
      schema: schemaNameOf(settings.service),
      applicationName: `galley-${settings.service}`,
      // Migrations are written without schema names; search_path puts them in the service's schema.
      extra: { max: 10, options: `-c search_path=${schemaNameOf(settings.service)}` },
    };
  }
  const dataDir = join(settings.galleyHome, 'db');
  mkdirSync(dataDir, { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: join(dataDir, `${settings.service}.sqlite`),
    // WAL lets readers run beside the writer; busy_timeout makes a second writer wait instead of failing.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      // ANALYZE (and PRAGMA optimize) samples about this many rows per index instead of reading every one.
      db.pragma('analysis_limit = 400');
    },
  };
}
