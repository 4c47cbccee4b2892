import { DuckDBTypeId } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import type { ColumnSchema, TableFormat } from '@galley/contracts';
import { isNumeric, logicalTypeOf } from './column-types';
import { withDuckDB } from './duckdb-session';
import { sqlIdentifier, sqlString } from './sql';
import { readingTable, tableSource } from './table-source';
import type { TableSource } from './table-source';
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

interface DescribedSource {
  source: TableSource;
  /** Column name -> DuckDB type, in file order. */
  columns: Map<string, DuckDBType>;
  /** Who the file is, in messages: `the entity rows` or `feature view "x"`. */
  label: string;
  view?: string;
}

/** Internal column names; renamed when an entity-row column already has one of them. */
interface InternalNames {
  row: string;
  time: string;
  key: string;
  value: string;
  matched: (view: number) => string;
}

/**
 * Joins each entity row to the feature values that were current at its time: for every view, the
 * source row with the same key and the greatest event time at or before the row's time (never one
 * after it), null when there is none or when it is older than the view's TTL. Among source rows with
 * the same key and event time, the last in the file wins. See README "Point-in-time joins".
 *
 * All of it is DuckDB SQL over the files (one ASOF LEFT JOIN per view on key and time only, then a
 * hash join that fetches the winning row's features), written straight to Parquet: nothing is loaded
 * into JavaScript.
 */
export async function pointInTimeJoin(request: PointInTimeRequest): Promise<PointInTimeResult> {
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
    await checkSpineTimes(connection, spine, request.spine.timestampColumn);
    for (const [i, view] of request.views.entries()) await checkViewTimes(connection, views[i], view.timestampColumn);

    const names = internalNames([...spine.columns.keys()]);
    const sql = joinSql(request, spine, views, spineTime, viewTimes, names);
    const rowCount = await writeResult(connection, [spine, ...views], sql, request.outputPath);
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

async function describeSource(connection: DuckDBConnection, source: TableSource, label: string, view?: string): Promise<DescribedSource> {
  const shape = await readingTable(connection, source, () => connection.runAndReadAll(`SELECT * FROM ${source.sql} LIMIT 0`));
  const types = shape.columnTypes();
  const columns = new Map(shape.columnNames().map((name, i) => [name, types[i]]));
  return { source, columns, label, ...(view === undefined ? {} : { view }) };
}

function checkColumns(request: PointInTimeRequest, spine: DescribedSource, views: DescribedSource[]): void {
  const need = (described: DescribedSource, column: string, role: string): void => {
    if (described.columns.has(column)) return;
    const details = { column, ...viewDetail(described) };
    throw new TabularError('missing_column', `The ${role} column "${column}" is not in ${described.label}`, details);
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

/** Event-time types other than TIMESTAMP itself, cast to it (TIMESTAMP_NS loses its nanoseconds). */
const CONVERTIBLE_TIMES = new Set<DuckDBTypeId>([
  DuckDBTypeId.DATE,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_NS,
  DuckDBTypeId.TIMESTAMP_TZ,
]);

/**
 * A column as a plain value: DuckDB's JSON reader types a column of mixed JSON values as JSON text
 * (`"a"` with its quotes), which is read back as the value's text (`a`) so it compares as text.
 */
function valueSql(described: DescribedSource, column: string, alias?: string): { sql: string; type: DuckDBType; text: boolean } {
  const type = described.columns.get(column) as DuckDBType;
  const c = alias === undefined ? sqlIdentifier(column) : `${alias}.${sqlIdentifier(column)}`;
  if (type.alias === 'JSON') return { sql: `(${c} ->> '$')`, type, text: true };
  return { sql: c, type, text: type.typeId === DuckDBTypeId.VARCHAR };
}

/**
 * The column as a UTC TIMESTAMP (microseconds). DATE is midnight UTC; TIMESTAMPTZ is converted under
 * TimeZone = UTC; a TIMESTAMP without zone is read as UTC; text is parsed as ISO 8601 (an offset is
 * honoured, none means UTC). Anything else cannot be an event time.
 */
function timestampSql(described: DescribedSource, column: string): string {
  const value = valueSql(described, column);
  if (value.text) return `CAST(CAST(${value.sql} AS TIMESTAMPTZ) AS TIMESTAMP)`;
  if (value.type.typeId === DuckDBTypeId.TIMESTAMP) return value.sql;
  if (CONVERTIBLE_TIMES.has(value.type.typeId)) return `CAST(${value.sql} AS TIMESTAMP)`;
  throw new TabularError(
    'not_a_timestamp',
    `The timestamp column "${column}" of ${described.label} is ${value.type.toString()}, not a date, timestamp or ISO 8601 text`,
    { column, ...viewDetail(described) },
  );
}

function viewDetail(described: DescribedSource): { view?: string } {
  return described.view === undefined ? {} : { view: described.view };
}

interface TimeCheck {
  unparsed: number;
  example: string | null;
  missing: number;
}

/** Counts text that does not parse as a timestamp, and null times; only text needs the first. */
async function countBadTimes(connection: DuckDBConnection, described: DescribedSource, column: string): Promise<TimeCheck> {
  const value = valueSql(described, column);
  const c = value.sql;
  const unparsed = `${c} IS NOT NULL AND TRY_CAST(${c} AS TIMESTAMPTZ) IS NULL`;
  const select = value.text
    ? `count(*) FILTER (WHERE ${unparsed}) AS unparsed, min(${c}) FILTER (WHERE ${unparsed}) AS example, count(*) FILTER (WHERE ${c} IS NULL) AS missing`
    : `0 AS unparsed, NULL AS example, count(*) FILTER (WHERE ${c} IS NULL) AS missing`;
  const reader = await readingTable(connection, described.source, () => connection.runAndReadAll(`SELECT ${select} FROM ${described.source.sql}`));
  const row = reader.getRowObjectsJS()[0];
  return { unparsed: Number(row.unparsed), example: typeof row.example === 'string' ? row.example : null, missing: Number(row.missing) };
}

function unparsedError(described: DescribedSource, column: string, check: TimeCheck): TabularError {
  return new TabularError(
    'not_a_timestamp',
    `The timestamp column "${column}" of ${described.label} has ${check.unparsed} value(s) that are not ISO 8601 timestamps, e.g. ${JSON.stringify(check.example)}`,
    { column, rows: check.unparsed, ...viewDetail(described) },
  );
}

async function checkSpineTimes(connection: DuckDBConnection, spine: DescribedSource, column: string): Promise<void> {
  const check = await countBadTimes(connection, spine, column);
  if (check.unparsed > 0) throw unparsedError(spine, column, check);
  if (check.missing > 0) {
    throw new TabularError('missing_timestamp', `${check.missing} entity row(s) have no timestamp in "${column}"; every entity row needs one`, { column, rows: check.missing });
  }
}

/** A source row without an event time is ignored, but text that is not a time is an error. */
async function checkViewTimes(connection: DuckDBConnection, view: DescribedSource, column: string): Promise<void> {
  if (!valueSql(view, column).text) return;
  const check = await countBadTimes(connection, view, column);
  if (check.unparsed > 0) throw unparsedError(view, column, check);
}

function internalNames(spineColumns: string[]): InternalNames {
  const taken = new Set(spineColumns.map((name) => name.toLowerCase()));
  const fresh = (base: string): string => {
    let name = base;
    for (let n = 1; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    taken.add(name.toLowerCase());
    return name;
  };
  const row = fresh('__galley_row');
  const time = fresh('__galley_time');
  const key = fresh('__galley_key');
  const value = fresh('__galley_value');
  const matchedBase = fresh('__galley_matched');
  return { row, time, key, value, matched: (view) => `${matchedBase}_${view}` };
}

/** File order of each row: Parquet knows it; text is read in order (preserve_insertion_order). */
function withRowNumber(source: TableSource, columns: Map<string, DuckDBType>, as: string): { from: string; row: string; exclude: string } {
  if (source.format === 'parquet' && !columns.has('file_row_number')) {
    return { from: `read_parquet(${sqlString(source.path)}, file_row_number = true)`, row: `file_row_number AS ${sqlIdentifier(as)}`, exclude: ' EXCLUDE (file_row_number)' };
  }
  return { from: source.sql, row: `row_number() OVER () AS ${sqlIdentifier(as)}`, exclude: '' };
}

/**
 * Join keys of the same type are compared as they are, and numbers of different types as numbers;
 * any other mix (BIGINT against VARCHAR) is compared as text, so 42 matches '42' but not '042'.
 */
function keyPair(spine: DescribedSource, view: DescribedSource, column: string): { spine: (alias: string) => string; view: string } {
  const [left, right] = [valueSql(spine, column), valueSql(view, column)];
  const asIs =
    (left.text && right.text) ||
    left.type.toString() === right.type.toString() ||
    (isNumeric(logicalTypeOf(left.type)) && isNumeric(logicalTypeOf(right.type)));
  const cast = (value: { sql: string; text: boolean }): string => (asIs || value.text ? value.sql : `CAST(${value.sql} AS VARCHAR)`);
  return { spine: (alias) => cast(valueSql(spine, column, alias)), view: cast(right) };
}

function joinSql(
  request: PointInTimeRequest,
  spine: DescribedSource,
  views: DescribedSource[],
  spineTime: string,
  viewTimes: string[],
  names: InternalNames,
): string {
  const id = sqlIdentifier;
  const [row, time, key, value] = [id(names.row), id(names.time), id(names.key), id(names.value)];
  const spineRows = withRowNumber(spine.source, spine.columns, names.row);
  const eventCtes: string[] = [];
  const asofJoins: string[] = [];
  const matchedColumns: string[] = [];
  const winnerCtes: string[] = [];
  const fetchJoins: string[] = [];
  const featureColumns: string[] = [];

  request.views.forEach((view, i) => {
    const described = views[i];
    const keys = keyPair(spine, described, view.joinKey);
    const spineKey = keys.spine;
    const sourceKey = keys.view;
    const [events, winners, matched] = [`events_${i}`, `winners_${i}`, id(names.matched(i))];
    // Only key and time go through the ASOF join's sort; the features are fetched afterwards.
    eventCtes.push(
      `${events} AS (SELECT ${sourceKey} AS ${key}, ${viewTimes[i]} AS ${time} FROM ${described.source.sql} WHERE ${sourceKey} IS NOT NULL AND ${viewTimes[i]} IS NOT NULL)`,
    );
    asofJoins.push(`ASOF LEFT JOIN ${events} ON ${spineKey('s')} = ${events}.${key} AND s.${time} >= ${events}.${time}`);
    const fresh = view.ttlSeconds === 0 ? 'TRUE' : `${events}.${time} >= s.${time} - to_seconds(${view.ttlSeconds})`;
    matchedColumns.push(`CASE WHEN ${fresh} THEN ${events}.${time} END AS ${matched}`);
    if (view.features.length === 0) return;
    // The winner of each matched (key, time) is the last such row in the file. Only rows that some
    // entity row matched reach the aggregate; a struct is never null, so a null feature still wins.
    const sourceRows = withRowNumber(described.source, described.columns, names.row);
    const columns = view.features.map((feature, f) => `${id(feature.column)} AS ${id(`f${f}`)}`);
    const packed = view.features.map((_, f) => `${sqlString(`f${f}`)}: ${id(`f${f}`)}`);
    winnerCtes.push(
      `${winners} AS (SELECT ${key}, ${time}, arg_max({${packed.join(', ')}}, ${row}) AS ${value} ` +
        `FROM (SELECT ${sourceKey} AS ${key}, ${viewTimes[i]} AS ${time}, ${sourceRows.row}, ${columns.join(', ')} FROM ${sourceRows.from}) ` +
        `WHERE (${key}, ${time}) IN (SELECT ${spineKey('matches')}, ${matched} FROM matches) GROUP BY ${key}, ${time})`,
    );
    fetchJoins.push(`LEFT JOIN ${winners} ON ${spineKey('matches')} = ${winners}.${key} AND matches.${matched} = ${winners}.${time}`);
    view.features.forEach((feature, f) => featureColumns.push(`${winners}.${value}.${id(`f${f}`)} AS ${id(featureColumnName(view.name, feature.name))}`));
  });

  const ctes = [
    `spine AS (SELECT ${spineRows.row}, *${spineRows.exclude}, ${spineTime} AS ${time} FROM ${spineRows.from})`,
    ...eventCtes,
    `matches AS MATERIALIZED (SELECT s.*${matchedColumns.map((c) => `, ${c}`).join('')} FROM spine s ${asofJoins.join(' ')})`,
    ...winnerCtes,
  ];
  const internal = [row, time, ...request.views.map((_, i) => id(names.matched(i)))];
  const select = [`matches.* EXCLUDE (${internal.join(', ')})`, ...featureColumns];
  return `WITH ${ctes.join(',\n')}\nSELECT ${select.join(', ')} FROM matches ${fetchJoins.join(' ')} ORDER BY matches.${row}`;
}

async function writeResult(connection: DuckDBConnection, sources: DescribedSource[], sql: string, outputPath: string): Promise<number> {
  try {
    const reader = await connection.runAndReadAll(`COPY (${sql}) TO ${sqlString(outputPath)} (FORMAT parquet)`);
    return Number(reader.getRowsJS()[0]?.[0] ?? 0);
  } catch (error) {
    // Name the file that broke the join (a CSV row that does not fit its sniffed type, say).
    for (const { source } of sources) {
      await readingTable(connection, source, () => connection.run(`SELECT count(*) FROM ${source.sql}`));
    }
    throw error;
  }
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
