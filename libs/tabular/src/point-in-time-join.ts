import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnSchema, TableFormat } from '@galley/contracts';
import { logicalTypeOf } from './column-types';
import { withDuckDB } from './duckdb-session';
import { describeSource, readEventTimes, scanEventTimes, timestampSql, unparsedError, viewDetail } from './point-in-time.sources';
import type { DescribedSource } from './point-in-time.sources';
import { orderPlan, pointInTimeSql, UNIT_GUESS_FAILED } from './point-in-time.sql';
import type { OrderPlan } from './point-in-time.sql';
import { sqlIdentifier, sqlString } from './sql';
import { readingTable, tableSource } from './table-source';
import { TabularError } from './tabular.errors';

/** One feature view to join: features of `path`, keyed by `joinKey`, valid from `timestampColumn`. */
export interface PointInTimeView {
  /** The view's name (a slug); output columns are `<name>__<feature>`. */
  name: string;
  path: string;
  format: TableFormat;
  /** The entity key column, in the source and in the entity rows alike. */
  joinKey: string;
  /** The event-time column of the source. */
  timestampColumn: string;
  /** Output feature `name` is the source's `column`. */
  features: Array<{ name: string; column: string }>;
  /** A value older than this at the entity row's time is null; 0 means values never expire. */
  ttlSeconds: number;
}

export interface PointInTimeRequest {
  /** The entity rows: one output row each, in this file's order, with all of its columns. */
  spine: { path: string; format: TableFormat; joinKeys: string[]; timestampColumn: string };
  views: PointInTimeView[];
  /** Where the result is written, as Parquet (replaced when it exists). */
  outputPath: string;
}

export interface PointInTimeResult {
  rowCount: number;
  /** The written file's columns, as read back from it. */
  columns: ColumnSchema[];
}

/** Output column of a view's feature. View slugs never contain `_`, so the first `__` splits it back. */
export function featureColumnName(view: string, feature: string): string {
  return `${view}__${feature}`;
}

/**
 * How ties are resolved (same results either way): `auto` packs the ASOF order key into a BIGINT
 * when the source's time range and row count fit; `fetch` always takes the general path. For tests
 * and benchmarks; callers use pointInTimeJoin.
 */
export interface PointInTimeOptions {
  strategy: 'auto' | 'fetch';
}

/**
 * Joins each entity row to the feature values that were current at its time: for every view, the
 * source row with the same key and the greatest event time at or before the row's time (never one
 * after it), null when there is none or when it is older than the view's TTL. Among source rows with
 * the same key and event time, the last in the file wins. See README "Point-in-time joins".
 *
 * All of it is DuckDB SQL over the files (one ASOF LEFT JOIN per view), written straight to Parquet:
 * nothing is loaded into JavaScript. See point-in-time.sql.ts for how ties are resolved cheaply.
 */
export async function pointInTimeJoin(request: PointInTimeRequest): Promise<PointInTimeResult> {
  return pointInTimeJoinWith(request, { strategy: 'auto' });
}

export async function pointInTimeJoinWith(request: PointInTimeRequest, options: PointInTimeOptions): Promise<PointInTimeResult> {
  checkRequest(request);
  const spineSource = await tableSource(request.spine.path, request.spine.format);
  const viewSources = await Promise.all(request.views.map((view) => tableSource(view.path, view.format)));
  return withDuckDB(async (connection) => {
    // Every timestamp is compared as a UTC instant, and ORDER BY must reach the Parquet writer.
    await connection.run(`SET TimeZone = 'UTC'`);
    await connection.run('SET preserve_insertion_order = true');
    const spine = await describeSource(connection, spineSource, 'the entity rows');
    const views: DescribedSource[] = [];
    for (const [i, view] of request.views.entries()) views.push(await describeSource(connection, viewSources[i], `feature view "${view.name}"`, view.name));
    checkColumns(request, spine, views);
    const spineTime = timestampSql(spine, request.spine.timestampColumn);
    const viewTimes = request.views.map((view, i) => timestampSql(views[i], view.timestampColumn));

    const spineTimes = await readEventTimes(connection, spine, request.spine.timestampColumn);
    if (spineTimes.unparsed > 0) throw unparsedError(spine, request.spine.timestampColumn, spineTimes);
    if (spineTimes.missing > 0) {
      const column = request.spine.timestampColumn;
      throw new TabularError('missing_timestamp', `${spineTimes.missing} entity row(s) have no timestamp in "${column}"; every entity row needs one`, { column, rows: spineTimes.missing });
    }
    const joinViews = request.views.map((view, i) => ({ ...view, described: views[i], time: viewTimes[i] }));
    const plan = async (read: typeof readEventTimes): Promise<OrderPlan[]> => {
      const plans: OrderPlan[] = [];
      for (const [i, view] of request.views.entries()) {
        // A source row without an event time is ignored, but text that is not a time is an error.
        const times = await read(connection, views[i], view.timestampColumn);
        if (times.unparsed > 0) throw unparsedError(views[i], view.timestampColumn, times);
        plans.push(options.strategy === 'fetch' ? { kind: 'fetch' } : orderPlan(times));
      }
      return plans;
    };
    const join = async (plans: OrderPlan[]): Promise<number> =>
      writeResult(connection, [spine, ...views], pointInTimeSql(spine, spineTime, joinViews, plans, featureColumnName), request.outputPath);
    let rowCount: number;
    try {
      rowCount = await join(await plan(readEventTimes));
    } catch (error) {
      // A unit guessed from the first rows was too coarse for a later one: read every time, and rerun.
      if (!(error instanceof UnitGuessFailed)) throw error;
      rowCount = await join(await plan(scanEventTimes));
    }
    return { rowCount, columns: await writtenColumns(connection, request.outputPath) };
  });
}

function checkRequest(request: PointInTimeRequest): void {
  for (const view of request.views) {
    if (!Number.isSafeInteger(view.ttlSeconds) || view.ttlSeconds < 0) {
      throw new TabularError('invalid_argument', `ttlSeconds of feature view "${view.name}" must be a whole number ≥ 0, got ${view.ttlSeconds}`, { view: view.name });
    }
    if (!request.spine.joinKeys.includes(view.joinKey)) {
      throw new TabularError('invalid_argument', `Feature view "${view.name}" joins on "${view.joinKey}", which is not one of the entity rows' join keys (${request.spine.joinKeys.map((k) => `"${k}"`).join(', ')})`, { view: view.name, column: view.joinKey });
    }
  }
}

function checkColumns(request: PointInTimeRequest, spine: DescribedSource, views: DescribedSource[]): void {
  const need = (described: DescribedSource, column: string, role: string): void => {
    if (described.columns.has(column)) return;
    throw new TabularError('missing_column', `The ${role} column "${column}" is not in ${described.label}`, { column, ...viewDetail(described) });
  };
  for (const key of request.spine.joinKeys) need(spine, key, 'join key');
  need(spine, request.spine.timestampColumn, 'timestamp');
  request.views.forEach((view, i) => {
    need(views[i], view.joinKey, 'join key');
    need(views[i], view.timestampColumn, 'timestamp');
    for (const feature of view.features) need(views[i], feature.column, `feature "${feature.name}"`);
  });
  // DuckDB matches identifiers case-insensitively, so "A" and "a" would be the same output column.
  const taken = new Map([...spine.columns.keys()].map((name) => [name.toLowerCase(), `a column of ${spine.label}`]));
  for (const view of request.views) {
    for (const feature of view.features) {
      const name = featureColumnName(view.name, feature.name);
      const clash = taken.get(name.toLowerCase());
      if (clash !== undefined) {
        throw new TabularError('duplicate_column', `The output column "${name}" of feature view "${view.name}" is already ${clash}`, { column: name, view: view.name });
      }
      taken.set(name.toLowerCase(), `feature "${feature.name}" of feature view "${view.name}"`);
    }
  }
}

class UnitGuessFailed extends Error {}

async function writeResult(connection: DuckDBConnection, sources: DescribedSource[], sql: string, outputPath: string): Promise<number> {
  try {
    const reader = await connection.runAndReadAll(`COPY (${sql}) TO ${sqlString(outputPath)} (FORMAT parquet)`);
    return Number(reader.getRowsJS()[0]?.[0] ?? 0);
  } catch (error) {
    if (messageOf(error).includes(UNIT_GUESS_FAILED)) throw new UnitGuessFailed(UNIT_GUESS_FAILED, { cause: error });
    // Name the file that broke the join (a CSV row that does not fit its sniffed type, say).
    for (const { source } of sources) {
      await readingTable(connection, source, () => connection.run(`SELECT count(*) FROM ${source.sql}`));
    }
    throw error;
  }
}

/** DuckDB's native errors are not always `instanceof Error` (Jest runs tests in another realm). */
function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

/** Types and nullability as the written Parquet file reports them; null counts from its footer. */
async function writtenColumns(connection: DuckDBConnection, path: string): Promise<ColumnSchema[]> {
  const file = `read_parquet(${sqlString(path)})`;
  const shape = await connection.runAndReadAll(`SELECT * FROM ${file} LIMIT 0`);
  const names = shape.columnNames();
  const types = shape.columnTypes();
  const stats = await connection.runAndReadAll(
    `SELECT path_in_schema AS name, sum(stats_null_count) AS nulls, bool_or(stats_null_count IS NULL) AS unknown FROM parquet_metadata(${sqlString(path)}) GROUP BY path_in_schema`,
  );
  const nullCounts = new Map<string, number>();
  for (const entry of stats.getRowObjectsJS()) {
    if (typeof entry.name === 'string' && entry.unknown === false) nullCounts.set(entry.name, Number(entry.nulls));
  }
  // Nested columns (lists, structs) have several leaves, each with its own count: count those.
  const unknown = names.filter((name) => !nullCounts.has(name));
  if (unknown.length > 0) {
    const counted = await connection.runAndReadAll(
      `SELECT ${unknown.map((name, i) => `count(*) - count(${sqlIdentifier(name)}) AS n${i}`).join(', ')} FROM ${file}`,
    );
    const row = counted.getRowObjectsJS()[0];
    unknown.forEach((name, i) => nullCounts.set(name, Number(row[`n${i}`])));
  }
  return names.map((name, i) => ({
    name,
    type: types[i].toString(),
    logicalType: logicalTypeOf(types[i]),
    nullable: (nullCounts.get(name) ?? 0) > 0,
  }));
}
