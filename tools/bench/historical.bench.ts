import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { featureColumnName, pointInTimeJoin, pointInTimeJoinWith } from '@galley/tabular';
import type { PointInTimeRequest } from '@galley/tabular';
import { generateHistoricalData, HISTORICAL_FEATURES } from './historical-data';
import type { HistoricalData } from './historical-data';
import type { BenchResult } from './profile.bench';

const RATIO_GOAL = 1.3;
const VIEW = 'driver-stats';
const TTL_SECONDS = 7 * 24 * 3600;

/**
 * Environment: GALLEY_BENCH_ENTITY_ROWS (default 1,000,000; the feature source has 10× as many rows
 * over a tenth as many entities), GALLEY_BENCH_HISTORICAL_ROUNDS (default 3) and
 * GALLEY_BENCH_HISTORICAL_ALTERNATIVES=1 to also time other ways of resolving ties (slow: minutes).
 */
function positiveIntegerEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} takes a positive whole number`);
  return value;
}

interface Timing {
  seconds: number;
  /** CPU time of this process (DuckDB's threads included): steadier than wall time on a busy machine. */
  cpuSeconds: number;
}

async function timed<T>(work: () => Promise<T>): Promise<Timing & { value: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

const quoted = (value: string): string => `'${value.replaceAll("'", "''")}'`;

async function runSql(sql: string, outputPath: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    try {
      await connection.run(`SET TimeZone = 'UTC'`);
      await connection.run(`COPY (${sql}) TO ${quoted(outputPath)} (FORMAT parquet)`);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** The raw baseline: DuckDB's ASOF LEFT JOIN of the same files, the same output columns, no more. */
function bareAsofSql(data: HistoricalData): string {
  const features = HISTORICAL_FEATURES.map((f) => `f.${f} AS "${featureColumnName(VIEW, f)}"`).join(', ');
  return (
    `SELECT s.*, ${features} FROM read_parquet(${quoted(data.spinePath)}) s ` +
    `ASOF LEFT JOIN read_parquet(${quoted(data.featuresPath)}) f ON s.driver_id = f.driver_id AND s.event_timestamp >= f.event_timestamp`
  );
}

/**
 * Other complete answers to the same question (ties: last in file; TTL; entity-row order), kept to
 * show why pointInTimeJoin packs the tie-break into the ASOF order key instead.
 */
function alternativeSql(data: HistoricalData): Record<string, string> {
  const spine = `read_parquet(${quoted(data.spinePath)}, file_row_number = true)`;
  const source = `read_parquet(${quoted(data.featuresPath)}, file_row_number = true)`;
  const fresh = `f.event_timestamp >= s.event_timestamp - to_seconds(${TTL_SECONDS})`;
  const outputs = (from: (f: string) => string): string => HISTORICAL_FEATURES.map((f) => `CASE WHEN ${fresh} THEN ${from(f)} END AS "${featureColumnName(VIEW, f)}"`).join(', ');
  const asof = (right: string, from: (f: string) => string = (f) => `f.${f}`): string =>
    `SELECT s.* EXCLUDE (file_row_number), ${outputs(from)} FROM ${spine} s ASOF LEFT JOIN (${right}) f ` +
    `ON s.driver_id = f.driver_id AND s.event_timestamp >= f.event_timestamp ORDER BY s.file_row_number`;
  const packed = HISTORICAL_FEATURES.map((f) => `${f}: ${f}`).join(', ');
  const huge = (ts: string, row: string): string => `epoch_us(${ts})::HUGEINT * 1099511627776 + ${row}`;
  return {
    'no tie-break at all (TTL and order only; a lower bound)': asof(`SELECT * FROM read_parquet(${quoted(data.featuresPath)})`),
    'dedup with QUALIFY row_number(), then ASOF': asof(`SELECT * FROM ${source} QUALIFY row_number() OVER (PARTITION BY driver_id, event_timestamp ORDER BY file_row_number DESC) = 1`),
    'dedup with GROUP BY arg_max(struct, row), then ASOF': asof(
      `SELECT driver_id, event_timestamp, arg_max({${packed}}, file_row_number) AS v FROM ${source} GROUP BY driver_id, event_timestamp`,
      (f) => `f.v.${f}`,
    ),
    'ASOF on a HUGEINT (time, file row) key': (
      `SELECT s.* EXCLUDE (file_row_number, o), ${outputs((f) => `f.${f}`)} ` +
      `FROM (SELECT *, ${huge('event_timestamp', '1099511627775')} AS o FROM ${spine}) s ` +
      `ASOF LEFT JOIN (SELECT *, ${huge('event_timestamp', 'file_row_number')} AS o FROM ${source}) f ON s.driver_id = f.driver_id AND s.o >= f.o ORDER BY s.file_row_number`
    ),
  };
}

/**
 * Historical retrieval: pointInTimeJoin (point-in-time correct, ties and TTL resolved, entity-row
 * order kept) against a bare DuckDB ASOF LEFT JOIN of the same Parquet files writing the same Parquet
 * output, which does none of that. Both run in this process with a fresh DuckDB each time, in
 * interleaved rounds so a busy machine slows both alike; the fastest round of each counts.
 */
export async function historicalBenchmark(): Promise<BenchResult> {
  const entityRows = positiveIntegerEnv('GALLEY_BENCH_ENTITY_ROWS', 1_000_000);
  const rounds = positiveIntegerEnv('GALLEY_BENCH_HISTORICAL_ROUNDS', 3);
  const alternatives = process.env['GALLEY_BENCH_HISTORICAL_ALTERNATIVES'] === '1';
  const featureRows = entityRows * 10;
  const entities = Math.max(1, Math.floor(entityRows / 10));
  const dir = mkdtempSync(join(tmpdir(), 'galley-bench-historical-'));
  try {
    const generation = await timed(() => generateHistoricalData(dir, entityRows, featureRows, entities));
    const data = generation.value;
    const request = (outputPath: string): PointInTimeRequest => ({
      spine: { path: data.spinePath, format: 'parquet', joinKeys: ['driver_id'], timestampColumn: 'event_timestamp' },
      views: [
        {
          name: VIEW,
          path: data.featuresPath,
          format: 'parquet',
          joinKey: 'driver_id',
          timestampColumn: 'event_timestamp',
          features: HISTORICAL_FEATURES.map((name) => ({ name, column: name })),
          ttlSeconds: TTL_SECONDS,
        },
      ],
      outputPath,
    });

    const bare: Timing[] = [];
    const galley: Timing[] = [];
    let rowCount = 0;
    for (let round = 0; round < rounds; round++) {
      bare.push(await timed(() => runSql(bareAsofSql(data), join(dir, 'bare.parquet'))));
      const run = await timed(() => pointInTimeJoin(request(join(dir, 'galley.parquet'))));
      rowCount = run.value.rowCount;
      galley.push(run);
    }
    if (rowCount !== entityRows) throw new Error(`pointInTimeJoin wrote ${rowCount} rows for ${entityRows} entity rows`);

    const best = (timings: Timing[]): Timing => timings.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const [bareBest, galleyBest] = [best(bare), best(galley)];
    const ratio = galleyBest.seconds / bareBest.seconds;
    const cpuRatio = Math.min(...galley.map((t) => t.cpuSeconds)) / Math.min(...bare.map((t) => t.cpuSeconds));
    const time = (t: Timing): string => `${t.seconds.toFixed(2)} s`.padStart(8) + `  (cpu ${t.cpuSeconds.toFixed(2)} s)`;
    const lines = [
      `bare DuckDB ASOF LEFT JOIN → Parquet            ${time(bareBest)}`,
      `pointInTimeJoin → Parquet                       ${time(galleyBest)}   ratio ${ratio.toFixed(2)}×   goal ≤ ${RATIO_GOAL}×  ${ratio <= RATIO_GOAL ? 'PASS' : 'MISS'}`,
      `cpu-time ratio (least cpu of the rounds)        ${cpuRatio.toFixed(2)}×`,
      `rounds (bare / pointInTimeJoin, s): ${bare.map((t, i) => `${t.seconds.toFixed(2)} / ${galley[i].seconds.toFixed(2)}`).join('; ')}`,
      `data: generated in ${generation.seconds.toFixed(1)} s; features ${(statSync(data.featuresPath).size / 2 ** 20).toFixed(0)} MiB, entity rows ${(statSync(data.spinePath).size / 2 ** 20).toFixed(0)} MiB`,
    ];
    if (alternatives) {
      lines.push('alternatives (one run each, same semantics unless said):');
      const general = await timed(() => pointInTimeJoinWith(request(join(dir, 'fetch.parquet')), { strategy: 'fetch' }));
      lines.push(`  ${'pointInTimeJoin, general path (ASOF on time, then fetch the winner)'.padEnd(70)} ${time(general)}   ratio ${(general.seconds / bareBest.seconds).toFixed(2)}×`);
      for (const [name, sql] of Object.entries(alternativeSql(data))) {
        const timing = await timed(() => runSql(sql, join(dir, 'alternative.parquet')));
        lines.push(`  ${name.padEnd(70)} ${time(timing)}   ratio ${(timing.seconds / bareBest.seconds).toFixed(2)}×`);
      }
    }
    return {
      name:
        `historical retrieval: ${entityRows.toLocaleString('en')} entity rows × ${featureRows.toLocaleString('en')} feature rows ` +
        `(${entities.toLocaleString('en')} entities, ${HISTORICAL_FEATURES.length} features, TTL 7 days), best of ${rounds} interleaved rounds`,
      lines,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
