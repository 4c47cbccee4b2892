import { InitialCatalog1764201600000 as InitialCatalogPostgres } from './postgres/1764201600000-initial-catalog';
import { InitialCatalog1764201600000 as InitialCatalogSqlite } from './sqlite/1764201600000-initial-catalog';

/** Listed explicitly (never globbed): globs break under bundlers and test runners. */
export const CATALOG_MIGRATIONS = {
  sqlite: [InitialCatalogSqlite],
  postgres: [InitialCatalogPostgres],
};
