// Child process of the profile bench: the raw baseline, DuckDB read_csv + SUMMARIZE with DuckDB's defaults.
// Usage: run-ts.cjs tools/bench/bare-summarize.child.ts FILE.csv
import { DuckDBInstance } from '@duckdb/node-api';
import { reportFromChild } from './measured-child';

async function bareSummarize(path: string): Promise<Record<string, unknown>> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`SELECT * FROM (SUMMARIZE SELECT * FROM read_csv('${path.replace(/'/g, "''")}'))`);
    return { columns: reader.currentRowCount };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const path = process.argv[2];
if (!path) throw new Error('usage: bare-summarize.child.ts FILE.csv');
reportFromChild(() => bareSummarize(path)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
