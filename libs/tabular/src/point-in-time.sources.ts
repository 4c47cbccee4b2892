import { DuckDBTypeId } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import { isNumeric, logicalTypeOf } from './column-types';
import { sqlIdentifier, sqlString } from './sql';
import { readingTable } from './table-source';
import type { TableSource } from './table-source';
import { TabularError } from './tabular.errors';

/** A file of a point-in-time join and its columns, as DuckDB reads it. */
export interface DescribedSource {
  source: TableSource;
  /** Column name -> DuckDB type, in file order. */
  columns: Map<string, DuckDBType>;
  /** Who the file is, in messages: `the entity rows` or `feature view "x"`. */
  label: string;
  view?: string;
}

export async function describeSource(connection: DuckDBConnection, source: TableSource, label: string, view?: string): Promise<DescribedSource> {
  const shape = await readingTable(connection, source, () => connection.runAndReadAll(`SELECT * FROM ${source.sql} LIMIT 0`));
  const types = shape.columnTypes();
  const columns = new Map(shape.columnNames().map((name, i) => [name, types[i]]));
  return { source, columns, label, ...(view === undefined ? {} : { view }) };
}

export function viewDetail(described: DescribedSource): { view?: string } {
  return described.view === undefined ? {} : { view: described.view };
}

/** Event-time types other than TIMESTAMP itself, cast to it (TIMESTAMP_NS loses its nanoseconds). */
const CONVERTIBLE_TIMES = new Set<DuckDBTypeId>([
  DuckDBTypeId.DATE,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_NS,
  DuckDBTypeId.TIMESTAMP_TZ,
]);

interface ColumnValue {
  sql: string;
  type: DuckDBType;
  text: boolean;
}

/**
 * A column as a plain value: DuckDB's JSON reader types a column of mixed JSON values as JSON text
 * (`"a"` with its quotes), which is read back as the value's text (`a`) so it compares as text.
 */
function valueSql(described: DescribedSource, column: string, alias?: string): ColumnValue {
  const type = described.columns.get(column) as DuckDBType;
  const c = alias === undefined ? sqlIdentifier(column) : `${alias}.${sqlIdentifier(column)}`;
  if (type.alias === 'JSON') return { sql: `(${c} ->> '$')`, type, text: true };
  return { sql: c, type, text: type.typeId === DuckDBTypeId.VARCHAR };
}

/**
 * The column as a UTC TIMESTAMP (microseconds). DATE is midnight UTC; TIMESTAMPTZ is converted under
 * TimeZone = UTC; a TIMESTAMP without zone is read as UTC; text is parsed as ISO 8601 (an offset is
 * honoured, none means UTC), and with `lenient` text that does not parse is NULL instead of an error.
 * Anything else cannot be an event time.
 */
export function timestampSql(described: DescribedSource, column: string, lenient = false): string {
  const value = valueSql(described, column);
  const cast = lenient ? 'TRY_CAST' : 'CAST';
  if (value.text) return `${cast}(${cast}(${value.sql} AS TIMESTAMPTZ) AS TIMESTAMP)`;
  if (value.type.typeId === DuckDBTypeId.TIMESTAMP) return value.sql;
  if (CONVERTIBLE_TIMES.has(value.type.typeId)) return `CAST(${value.sql} AS TIMESTAMP)`;
  throw new TabularError(
    'not_a_timestamp',
    `The timestamp column "${column}" of ${described.label} is ${value.type.toString()}, not a date, timestamp or ISO 8601 text`,
    { column, ...viewDetail(described) },
  );
}

/**
 * Join keys of the same type are compared as they are, and numbers of different types as numbers;
 * any other mix (BIGINT against VARCHAR) is compared as text, so 42 matches '42' but not '042'.
 */
export function keyPair(spine: DescribedSource, view: DescribedSource, column: string): { spine: (alias: string) => string; view: string } {
  const [left, right] = [valueSql(spine, column), valueSql(view, column)];
  const asIs =
    (left.text && right.text) ||
    left.type.toString() === right.type.toString() ||
    (isNumeric(logicalTypeOf(left.type)) && isNumeric(logicalTypeOf(right.type)));
  const cast = (value: ColumnValue): string => (asIs || value.text ? value.sql : `CAST(${value.sql} AS VARCHAR)`);
  return { spine: (alias) => cast(valueSql(spine, column, alias)), view: cast(right) };
}

/** What one scan of an event-time column tells: what is wrong with it, and the range of its times. */
export interface EventTimes {
  /** Rows in the file, with or without a time. */
  rows: bigint;
  /** Text values that are not timestamps, and the smallest of them. */
  unparsed: number;
  example: string | null;
  /** Rows without a time. */
  missing: number;
  /** Earliest and latest time in microseconds since the epoch; null when there is none. */
  minUs: bigint | null;
  maxUs: bigint | null;
  /** The coarsest of a day, a second, a millisecond and a microsecond that divides every time. */
  unitUs: bigint;
  /** False when `unitUs` was guessed from a sample: the join must then check every time against it. */
  unitVerified: boolean;
}

const UNITS_US = { day: 86_400_000_000n, second: 1_000_000n, milli: 1_000n };
/** Types whose every value is a multiple of a unit. */
const UNIT_OF_TYPE = new Map<DuckDBTypeId, bigint>([
  [DuckDBTypeId.DATE, UNITS_US.day],
  [DuckDBTypeId.TIMESTAMP_S, UNITS_US.second],
  [DuckDBTypeId.TIMESTAMP_MS, UNITS_US.milli],
]);
const UNIT_SAMPLE_ROWS = 4096;

const bigOrNull = (value: unknown): bigint | null => (typeof value === 'bigint' ? value : typeof value === 'number' ? BigInt(value) : null);

/** The coarsest unit for which every `us` is true, from `bool_and(us % unit = 0) AS <unit>` columns. */
const unitSql = Object.entries(UNITS_US)
  .map(([name, us]) => `bool_and(us % ${us} = 0) AS ${name}`)
  .join(', ');
function coarsestUnit(row: Record<string, unknown>): bigint {
  const unit = (Object.keys(UNITS_US) as Array<keyof typeof UNITS_US>).find((name) => row[name] === true);
  return unit === undefined ? 1n : UNITS_US[unit];
}

/**
 * The event times' facts, as cheaply as they can be known: a DATE/TIMESTAMP column of a Parquet file
 * answers row count, null count, min and max from its footer statistics, and its unit is guessed
 * from the first rows (or known from its type) and checked by the join itself. Text is read in full,
 * since every value must be parsed to find those that are not times.
 */
export async function readEventTimes(connection: DuckDBConnection, described: DescribedSource, column: string): Promise<EventTimes> {
  const value = valueSql(described, column);
  if (value.text) return scanEventTimes(connection, described, column);
  const source = described.source.sql;
  const c = value.sql;
  const facts = await readingTable(connection, described.source, () =>
    connection.runAndReadAll(
      `SELECT rows, rows - present AS missing, epoch_us(CAST(lo AS TIMESTAMP)) AS min_us, epoch_us(CAST(hi AS TIMESTAMP)) AS max_us ` +
        `FROM (SELECT count(*) AS rows, count(${c}) AS present, min(${c}) AS lo, max(${c}) AS hi FROM ${source})`,
    ),
  );
  const row = facts.getRowObjectsJS()[0];
  const typed = UNIT_OF_TYPE.get(value.type.typeId);
  let unitUs = typed ?? 1n;
  if (typed === undefined) {
    const sample = await connection.runAndReadAll(`SELECT ${unitSql} FROM (SELECT epoch_us(${timestampSql(described, column)}) AS us FROM ${source} LIMIT ${UNIT_SAMPLE_ROWS})`);
    unitUs = coarsestUnit(sample.getRowObjectsJS()[0]);
  }
  return {
    rows: bigOrNull(row.rows) ?? 0n,
    unparsed: 0,
    example: null,
    missing: Number(row.missing),
    minUs: bigOrNull(row.min_us),
    maxUs: bigOrNull(row.max_us),
    unitUs,
    unitVerified: typed !== undefined || unitUs === 1n,
  };
}

/** Every value read and parsed: exact, and the only way to find text that is not a time. */
export async function scanEventTimes(connection: DuckDBConnection, described: DescribedSource, column: string): Promise<EventTimes> {
  const raw = valueSql(described, column).sql;
  const time = timestampSql(described, column, true);
  const unparsed = `raw IS NOT NULL AND t IS NULL`;
  const sql =
    `SELECT count(*) AS rows, count(*) FILTER (WHERE ${unparsed}) AS unparsed, CAST(min(raw) FILTER (WHERE ${unparsed}) AS VARCHAR) AS example, ` +
    `count(*) FILTER (WHERE raw IS NULL) AS missing, min(us) AS min_us, max(us) AS max_us, ${unitSql}` +
    ` FROM (SELECT raw, t, epoch_us(t) AS us FROM (SELECT ${raw} AS raw, ${time} AS t FROM ${described.source.sql}))`;
  const reader = await readingTable(connection, described.source, () => connection.runAndReadAll(sql));
  const row = reader.getRowObjectsJS()[0];
  return {
    rows: bigOrNull(row.rows) ?? 0n,
    unparsed: Number(row.unparsed),
    example: typeof row.example === 'string' ? row.example : null,
    missing: Number(row.missing),
    minUs: bigOrNull(row.min_us),
    maxUs: bigOrNull(row.max_us),
    unitUs: coarsestUnit(row),
    unitVerified: true,
  };
}

export function unparsedError(described: DescribedSource, column: string, times: EventTimes): TabularError {
  return new TabularError(
    'not_a_timestamp',
    `The timestamp column "${column}" of ${described.label} has ${times.unparsed} value(s) that are not ISO 8601 timestamps, e.g. ${JSON.stringify(times.example)}`,
    { column, rows: times.unparsed, ...viewDetail(described) },
  );
}

/** File order of each row: Parquet knows it; text is read in order (preserve_insertion_order). */
export function withRowNumber(described: DescribedSource, as: string): { from: string; row: string; exclude: string } {
  const { source, columns } = described;
  if (source.format === 'parquet' && !columns.has('file_row_number')) {
    return { from: `read_parquet(${sqlString(source.path)}, file_row_number = true)`, row: `file_row_number AS ${sqlIdentifier(as)}`, exclude: ' EXCLUDE (file_row_number)' };
  }
  return { from: source.sql, row: `row_number() OVER () AS ${sqlIdentifier(as)}`, exclude: '' };
}
