import { InitialFeatureStore1764460800000 as InitialPostgres } from './postgres/1764460800000-initial-feature-store';
import { MaterializationHeartbeat1764633600000 as HeartbeatPostgres } from './postgres/1764633600000-materialization-heartbeat';
import { InitialFeatureStore1764460800000 as InitialSqlite } from './sqlite/1764460800000-initial-feature-store';
import { MaterializationHeartbeat1764633600000 as HeartbeatSqlite } from './sqlite/1764633600000-materialization-heartbeat';

/** Listed explicitly (never globbed): globs break under bundlers and test runners. */
export const FEATURE_STORE_MIGRATIONS = {
  sqlite: [InitialSqlite, HeartbeatSqlite],
  postgres: [InitialPostgres, HeartbeatPostgres],
};
