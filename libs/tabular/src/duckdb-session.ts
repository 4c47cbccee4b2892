import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * One in-memory DuckDB per call, closed afterwards: calls share nothing, and a table larger than
 * memory spills to a private temp directory instead of the service's working directory.
 */
export async function withDuckDB<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const spillDirectory = await mkdtemp(join(tmpdir(), 'galley-tabular-'));
  try {
    const instance = await DuckDBInstance.create(':memory:', {
      temp_directory: spillDirectory,
      // Reading must never fetch code from the network.
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    try {
      const connection = await instance.connect();
      try {
        return await work(connection);
      } finally {
        connection.closeSync();
      }
    } finally {
      instance.closeSync();
    }
  } finally {
    await rm(spillDirectory, { recursive: true, force: true });
  }
}
