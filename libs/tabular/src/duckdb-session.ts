import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';

/** Reading must never fetch code from the network. */
const OFFLINE = { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' };

/**
 * Settings for profiling a whole file inside a service process (measured on a 1,000,000 × 20 CSV, see
 * tools/bench): the table lives in a database file in the private directory, where DuckDB stores it
 * compressed and keeps only what it works on in memory; memory_limit bounds that working memory. Row
 * order means nothing to a statistic, so DuckDB may load and scan in whatever order is fastest.
 */
const ON_DISK = { memory_limit: '128MB', preserve_insertion_order: 'false' };

/**
 * Queries that run at once on one database. Each query already uses all of DuckDB's threads; a second
 * one fills the gaps (a single-threaded finalize, JS reading a result) and more would only queue.
 */
const CONNECTIONS = 2;

export interface DuckDBWorkspace {
  connection: DuckDBConnection;
  /** Runs the tasks on the workspace's connections, at most one per connection at a time; results in task order. */
  concurrently: <R>(tasks: readonly ((connection: DuckDBConnection) => Promise<R>)[]) => Promise<R[]>;
}

/**
 * One in-memory DuckDB per call, closed afterwards: calls share nothing, and a table larger than
 * memory spills to a private temp directory instead of the service's working directory.
 */
export async function withDuckDB<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  return withWorkspace('memory', (workspace) => work(workspace.connection));
}

/**
 * Like withDuckDB, for work on a whole (possibly large) table: the database is a file in the private
 * directory (deleted afterwards) and there are CONNECTIONS connections for concurrent queries.
 */
export async function withDuckDBOnDisk<T>(work: (workspace: DuckDBWorkspace) => Promise<T>): Promise<T> {
  return withWorkspace('disk', work);
}

async function withWorkspace<T>(storage: 'memory' | 'disk', work: (workspace: DuckDBWorkspace) => Promise<T>): Promise<T> {
  const privateDirectory = await mkdtemp(join(tmpdir(), 'galley-tabular-'));
  try {
    const onDisk = storage === 'disk';
    const path = onDisk ? join(privateDirectory, 'table.duckdb') : ':memory:';
    const instance = await DuckDBInstance.create(path, {
      ...OFFLINE,
      ...(onDisk ? ON_DISK : {}),
      temp_directory: join(privateDirectory, 'spill'),
    });
    const connections: DuckDBConnection[] = [];
    try {
      const count = onDisk ? CONNECTIONS : 1;
      for (let i = 0; i < count; i++) connections.push(await instance.connect());
      return await work({ connection: connections[0], concurrently: (tasks) => runOn(connections, tasks) });
    } finally {
      for (const connection of connections) connection.closeSync();
      instance.closeSync();
    }
  } finally {
    await rm(privateDirectory, { recursive: true, force: true });
  }
}

/** A queue drained by one worker per connection. The first failure rejects once the running tasks have settled. */
async function runOn<R>(connections: DuckDBConnection[], tasks: readonly ((connection: DuckDBConnection) => Promise<R>)[]): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  let next = 0;
  let failed = false;
  const worker = async (connection: DuckDBConnection): Promise<void> => {
    while (!failed && next < tasks.length) {
      const index = next++;
      try {
        results[index] = await tasks[index](connection);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(connections.map(worker));
  const rejection = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (rejection) throw rejection.reason;
  return results;
}
