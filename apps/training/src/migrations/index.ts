import { ExperimentTracking1764547200000 as TrackingPostgres } from './postgres/1764547200000-experiment-tracking';
import { ExperimentTracking1764547200000 as TrackingSqlite } from './sqlite/1764547200000-experiment-tracking';

/** Listed explicitly (never globbed): globs break under bundlers and test runners. */
export const TRAINING_MIGRATIONS = {
  sqlite: [TrackingSqlite],
  postgres: [TrackingPostgres],
};
