import { join } from 'node:path';
import { DuckDBInstance, DuckDBTypeId } from '@duckdb/node-api';
import type { TableFormat } from '@galley/contracts';
import { toJsonSafe } from './json-safe';
import type { JsonSafe } from './json-safe';
import { sqlIdentifier, sqlString } from './sql';
import type { TestRow, TestTables } from './test-table.builder';

/** Writes `rows` as a file of `format` in the test directory. */
export async function writeTable(tables: TestTables, name: string, format: TableFormat, rows: TestRow[]): Promise<string> {
  switch (format) {
    case 'csv':
      return tables.csv(`${name}.csv`, rows);
    case 'jsonl':
      return tables.jsonl(`${name}.jsonl`, rows);
    case 'parquet':
      return tables.parquet(`${name}.parquet`, rows);
  }
}

/** Parquet with row groups of `rowGroupSize` rows, so that DuckDB scans it with several threads. */
export async function parquetInRowGroups(tables: TestTables, name: string, rows: TestRow[], rowGroupSize: number): Promise<string> {
  const source = await tables.csv(`${name}.source.csv`, rows);
  const path = join(tables.dir, `${name}.parquet`);
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    try {
      await connection.run(`COPY (SELECT * FROM read_csv(${sqlString(source)})) TO ${sqlString(path)} (FORMAT parquet, ROW_GROUP_SIZE ${rowGroupSize})`);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
  return path;
}

let outputs = 0;

/** A fresh output path in the test directory. */
export function outputPath(tables: TestTables): string {
  outputs += 1;
  return join(tables.dir, `output-${outputs}.parquet`);
}

/** A Parquet file's rows in file order, JSON-safe: DATE as `YYYY-MM-DD`, timestamps as ISO 8601 UTC. */
export async function readParquetRows(path: string): Promise<Record<string, JsonSafe>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    try {
      const file = `read_parquet(${sqlString(path)})`;
      const shape = await connection.runAndReadAll(`SELECT * FROM ${file} LIMIT 0`);
      const types = shape.columnTypes();
      const select = shape.columnNames().map((name, i) => {
        const c = sqlIdentifier(name);
        return types[i].typeId === DuckDBTypeId.DATE ? `CAST(${c} AS VARCHAR) AS ${c}` : c;
      });
      const reader = await connection.runAndReadAll(`SELECT ${select.join(', ')} FROM ${file}`);
      return reader.getRowObjectsJS().map((row) => {
        const out: Record<string, JsonSafe> = {};
        for (const [key, value] of Object.entries(row)) out[key] = toJsonSafe(value);
        return out;
      });
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
