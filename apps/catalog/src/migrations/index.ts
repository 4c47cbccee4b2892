import { InitialCatalog1764201600000 as InitialCatalogPostgres } from './postgres/1764201600000-initial-catalog';
import { DatasetVersions1764288000000 as DatasetVersionsPostgres } from './postgres/1764288000000-dataset-versions';
import { VerificationLineage1764374400000 as VerificationLineagePostgres } from './postgres/1764374400000-verification-lineage';
import { InitialCatalog1764201600000 as InitialCatalogSqlite } from './sqlite/1764201600000-initial-catalog';
import { DatasetVersions1764288000000 as DatasetVersionsSqlite } from './sqlite/1764288000000-dataset-versions';
import { VerificationLineage1764374400000 as VerificationLineageSqlite } from './sqlite/1764374400000-verification-lineage';

/** Listed explicitly (never globbed): globs break under bundlers and test runners. */
export const CATALOG_MIGRATIONS = {
  sqlite: [InitialCatalogSqlite, DatasetVersionsSqlite, VerificationLineageSqlite],
  postgres: [InitialCatalogPostgres, DatasetVersionsPostgres, VerificationLineagePostgres],
};
