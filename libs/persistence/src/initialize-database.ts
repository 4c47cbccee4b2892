import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * Opens the database and brings its schema up to date with the committed migrations. On PostgreSQL
 * each service lives in its own schema, which must exist before TypeORM creates its migrations table.
 */
export async function initializeDatabase(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    if (options.type === 'postgres' && options.schema) {
      await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    }
    await dataSource.runMigrations({ transaction: 'each' });
    if (options.type === 'better-sqlite3') await keepPlannerStatistics(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** How often a long-lived SQLite connection refreshes the planner's statistics (SQLite suggests hourly to daily). */
const OPTIMIZE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * SQLite's query planner has no statistics until something runs ANALYZE; without them it guesses that
 * every equality picks ~10 rows. As SQLite (>= 3.46) recommends for long-lived connections: at open,
 * `PRAGMA optimize=0x10002` analyzes every table not analyzed yet (empty ones are skipped) or grown
 * much since, each bounded by `analysis_limit`; then hourly, a plain `PRAGMA optimize` does the same
 * for the tables this connection queried. PostgreSQL's autovacuum keeps its own statistics.
 */
async function keepPlannerStatistics(dataSource: DataSource): Promise<void> {
  await dataSource.query('PRAGMA optimize=0x10002');
  const timer = setInterval(() => {
    if (dataSource.isInitialized) dataSource.query('PRAGMA optimize').catch(() => undefined);
    else clearInterval(timer);
  }, OPTIMIZE_INTERVAL_MS);
  timer.unref();
}

/** True when the database answers a trivial query: what health checks report. */
export async function isDatabaseUp(dataSource: DataSource): Promise<boolean> {
  try {
    await dataSource.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
