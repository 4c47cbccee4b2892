import { ExperimentTracking1764547200000 as TrackingPostgres } from './postgres/1764547200000-experiment-tracking';
import { TrainingJobs1764633600000 as JobsPostgres } from './postgres/1764633600000-training-jobs';
import { Sweeps1764720000000 as SweepsPostgres } from './postgres/1764720000000-sweeps';
import { RunExperimentLookup1764806400000 as RunLookupPostgres } from './postgres/1764806400000-run-experiment-lookup';
import { ExperimentTracking1764547200000 as TrackingSqlite } from './sqlite/1764547200000-experiment-tracking';
import { TrainingJobs1764633600000 as JobsSqlite } from './sqlite/1764633600000-training-jobs';
import { Sweeps1764720000000 as SweepsSqlite } from './sqlite/1764720000000-sweeps';
import { RunExperimentLookup1764806400000 as RunLookupSqlite } from './sqlite/1764806400000-run-experiment-lookup';

/** Listed explicitly (never globbed): globs break under bundlers and test runners. */
export const TRAINING_MIGRATIONS = {
  sqlite: [TrackingSqlite, JobsSqlite, SweepsSqlite, RunLookupSqlite],
  postgres: [TrackingPostgres, JobsPostgres, SweepsPostgres, RunLookupPostgres],
};
