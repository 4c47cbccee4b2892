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
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
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
