import { DuckDBInstance } from '@duckdb/node-api';

/**
 * Writes a synthetic CSV of `rows` × 20 columns (12 numeric, 4 categorical, 2 dates, 2 booleans)
 * with DuckDB itself, so generating a million rows takes seconds rather than a JS loop's minutes.
 */
export async function generateWideCsv(path: string, rows: number): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const numeric = Array.from({ length: 12 }, (_, i) => `round(random() * ${10 ** ((i % 4) + 1)}, 3) AS num_${i}`);
    const categorical = Array.from({ length: 4 }, (_, i) => `'cat_' || (floor(random() * ${5 * (i + 1)}))::INTEGER AS cat_${i}`);
    const dates = Array.from({ length: 2 }, (_, i) => `DATE '2020-01-01' + (i % ${365 * (i + 1)})::INTEGER AS day_${i}`);
    const flags = Array.from({ length: 2 }, (_, i) => `random() < 0.${i + 3} AS flag_${i}`);
    const select = [...numeric, ...categorical, ...dates, ...flags].join(', ');
    await connection.run(`COPY (SELECT ${select} FROM range(${Math.floor(rows)}) t(i)) TO '${path.replace(/'/g, "''")}' (FORMAT csv, HEADER)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
