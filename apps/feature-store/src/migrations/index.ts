import { InitialFeatureStore1764460800000 as InitialPostgres } from './postgres/1764460800000-initial-feature-store';
import { InitialFeatureStore1764460800000 as InitialSqlite } from './sqlite/1764460800000-initial-feature-store';

/** Listed explicitly (never globbed): globs break under bundlers and test runners. */
export const FEATURE_STORE_MIGRATIONS = {
  sqlite: [InitialSqlite],
  postgres: [InitialPostgres],
};
