import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** A Parquet file written by DuckDB from a query, as bytes: uploads of a real Parquet file in tests. */
export async function parquetOf(query: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'parquet-'));
  try {
    const instance = await DuckDBInstance.create(':memory:');
    try {
      const connection = await instance.connect();
      try {
        const path = join(dir, 'table.parquet');
        await connection.run(`COPY (${query}) TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`);
        return await readFile(path);
      } finally {
        connection.closeSync();
      }
    } finally {
      instance.closeSync();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
