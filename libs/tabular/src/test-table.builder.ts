import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export type Cell = number | string | boolean | null;
export type TestRow = Record<string, Cell>;

/** Writes small tables to a private temp directory as CSV, JSON Lines or Parquet. */
export class TestTables {
  private constructor(readonly dir: string) {}

  static async create(): Promise<TestTables> {
    return new TestTables(await mkdtemp(join(tmpdir(), 'tabular-spec-')));
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  /** A raw file, for malformed input. */
  async raw(name: string, content: string | Buffer): Promise<string> {
    const path = join(this.dir, name);
    await writeFile(path, content);
    return path;
  }

  /** RFC 4180 CSV: NULL is an empty field, strings are quoted with "" escaping. */
  async csv(name: string, rows: TestRow[]): Promise<string> {
    const columns = Object.keys(rows[0]);
    const cell = (value: Cell): string =>
      value === null ? '' : typeof value === 'string' ? `"${value.replaceAll('"', '""')}"` : String(value);
    const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))];
    return this.raw(name, `${lines.join('\n')}\n`);
  }

  async jsonl(name: string, rows: TestRow[]): Promise<string> {
    return this.raw(name, `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`);
  }

  /** Parquet written by DuckDB from the same rows as CSV (JSON's HUGEINT would become DOUBLE in Parquet). */
  async parquet(name: string, rows: TestRow[]): Promise<string> {
    const source = await this.csv(`${name}.source.csv`, rows);
    const path = join(this.dir, name);
    const instance = await DuckDBInstance.create(':memory:');
    try {
      const connection = await instance.connect();
      await connection.run(
        `COPY (SELECT * FROM read_csv('${source}')) TO '${path}' (FORMAT parquet)`,
      );
      connection.closeSync();
    } finally {
      instance.closeSync();
    }
    return path;
  }
}
