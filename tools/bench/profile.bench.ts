import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { inspectTable } from '@galley/tabular';
import { generateWideCsv } from './generate-table';

export interface BenchResult {
  name: string;
  lines: string[];
}

/** Peak resident memory of this process while `work` runs, sampled every 20 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const value = await work();
    return { value, peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

async function bareSummarize(path: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.runAndReadAll(`SELECT * FROM (SUMMARIZE SELECT * FROM read_csv('${path.replace(/'/g, "''")}'))`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * Catalog profiling (libs/tabular's inspectTable: exact distinct counts, exact quantiles, histograms,
 * top values) against the raw baseline a user would reach for: DuckDB read_csv + SUMMARIZE, on the
 * same file in the same process. Each is run twice and the faster run counts (the first warms the
 * page cache for both).
 */
export async function profileBenchmark(rows: number): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'galley-bench-'));
  const path = join(dir, 'wide.csv');
  try {
    await generateWideCsv(path, rows);
    const sizeMb = statSync(path).size / 2 ** 20;
    const baseline = Math.min(...[await timed(() => bareSummarize(path)), await timed(() => bareSummarize(path))].map((r) => r.seconds));
    const runs = [await withPeakRss(() => timed(() => inspectTable(path, 'csv'))), await withPeakRss(() => timed(() => inspectTable(path, 'csv')))];
    const galley = Math.min(...runs.map((run) => run.value.seconds));
    const peakRssMb = Math.max(...runs.map((run) => run.peakRssMb));
    const rowCount = runs[0]?.value.value.rowCount ?? 0;
    return {
      name: `profile: ${rowCount.toLocaleString('en')} rows × 20 columns CSV (${sizeMb.toFixed(0)} MiB)`,
      lines: [
        `bare DuckDB read_csv + SUMMARIZE   ${baseline.toFixed(2)} s`,
        `Galley inspectTable (profile)      ${galley.toFixed(2)} s   ratio ${(galley / baseline).toFixed(2)}× (goal ≤ 1.5×)`,
        // In-process: includes what the allocator kept from the baseline run, so it over-states the service.
        `peak RSS of this process (profile runs)  ${peakRssMb} MiB (goal < 500 MiB; upper bound, shares the process with the baseline)`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
