import { ExperimentTracking1764547200000 as TrackingPostgres } from './postgres/1764547200000-experiment-tracking';
import { TrainingJobs1764633600000 as JobsPostgres } from './postgres/1764633600000-training-jobs';
import { ExperimentTracking1764547200000 as TrackingSqlite } from './sqlite/1764547200000-experiment-tracking';
import { TrainingJobs1764633600000 as JobsSqlite } from './sqlite/1764633600000-training-jobs';

/** Listed explicitly (never globbed): globs break under bundlers and test runners. */
export const TRAINING_MIGRATIONS = {
  sqlite: [TrackingSqlite, JobsSqlite],
  postgres: [TrackingPostgres, JobsPostgres],
};
