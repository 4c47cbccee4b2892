import { InitialCatalog1764201600000 as InitialCatalogPostgres } from './postgres/1764201600000-initial-catalog';
import { DatasetVersions1764288000000 as DatasetVersionsPostgres } from './postgres/1764288000000-dataset-versions';
import { InitialCatalog1764201600000 as InitialCatalogSqlite } from './sqlite/1764201600000-initial-catalog';
import { DatasetVersions1764288000000 as DatasetVersionsSqlite } from './sqlite/1764288000000-dataset-versions';

/** Listed explicitly (never globbed): globs break under bundlers and test runners. */
export const CATALOG_MIGRATIONS = {
  sqlite: [InitialCatalogSqlite, DatasetVersionsSqlite],
  postgres: [InitialCatalogPostgres, DatasetVersionsPostgres],
};
