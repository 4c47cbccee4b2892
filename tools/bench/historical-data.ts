import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** Feature columns of the generated source: six measurements, a count and a category. */
export const HISTORICAL_FEATURES = ['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'trips', 'segment'];

export interface HistoricalData {
  spinePath: string;
  featuresPath: string;
  entityRows: number;
  featureRows: number;
  entities: number;
}

const YEAR_SECONDS = 365 * 24 * 3600;
/** 2024-01-01T00:00:00Z in microseconds since the epoch. */
const START_US = 1_704_067_200_000_000;

/**
 * Entity rows (spine) and a feature source as Parquet, written by DuckDB: `featureRows` rows over
 * `entities` entities with event times at whole seconds, uniformly over 2024 (so a few share a key
 * and a second, as real event logs do), and `entityRows` entity rows at random times of the same
 * year. Values come from hash() of the row number: deterministic, and far cheaper than random().
 */
export async function generateHistoricalData(dir: string, entityRows: number, featureRows: number, entities: number): Promise<HistoricalData> {
  const spinePath = join(dir, 'entity-rows.parquet');
  const featuresPath = join(dir, 'features.parquet');
  const at = (salt: number): string => `make_timestamp(${START_US} + (hash(i + ${salt}) % ${YEAR_SECONDS})::BIGINT * 1000000)`;
  const measurements = HISTORICAL_FEATURES.slice(0, 6).map((name, k) => `(hash(i * 8 + ${k}) % ${10 ** ((k % 3) + 3)}) / 100.0 AS ${name}`);
  const features = [
    `(hash(i) % ${entities})::BIGINT AS driver_id`,
    `${at(1e12)} AS event_timestamp`,
    ...measurements,
    `(hash(i * 8 + 6) % 40)::INTEGER AS trips`,
    `chr(97 + (hash(i * 8 + 7) % 8)::INTEGER) AS segment`,
  ];
  const spine = [`(hash(i + ${2e12}) % ${entities})::BIGINT AS driver_id`, `${at(3e12)} AS event_timestamp`, `hash(i + ${4e12}) % 2 = 0 AS label`];
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    try {
      await connection.run(`COPY (SELECT ${features.join(', ')} FROM range(${featureRows}) t(i)) TO '${featuresPath}' (FORMAT parquet)`);
      await connection.run(`COPY (SELECT ${spine.join(', ')} FROM range(${entityRows}) t(i)) TO '${spinePath}' (FORMAT parquet)`);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
  return { spinePath, featuresPath, entityRows, featureRows, entities };
}
