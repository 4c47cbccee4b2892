import type { JS } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  ColumnProfile,
  ColumnSchema,
  Histogram,
  LogicalType,
  ProfileScalar,
  Quantiles,
  TableFormat,
  TableProfile,
  TopValue,
} from '@galley/contracts';
import { isNumeric, logicalTypeOf } from './column-types';
import { withDuckDB } from './duckdb-session';
import { toJsonSafe } from './json-safe';
import { sqlDouble, sqlIdentifier } from './sql';
import { readingTable, tableSource } from './table-source';

export interface TableInspection {
  schema: ColumnSchema[];
  rowCount: number;
  profile: TableProfile;
}

export const HISTOGRAM_BINS = 20;
export const TOP_VALUES = 10;
const QUANTILE_PROBABILITIES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;
const QUANTILE_KEYS = ['p01', 'p05', 'p25', 'p50', 'p75', 'p95', 'p99'] as const;

/** The file is parsed once into this table; every statistic is then a column scan inside DuckDB. */
const TABLE = 'galley_table';

interface Column {
  index: number;
  name: string;
  sql: string;
  type: string;
  logicalType: LogicalType;
}

type Row = Record<string, JS>;

/**
 * Schema, row count and exact profile of a CSV, Parquet or JSON Lines file (definitions in README.md).
 * Everything is computed by DuckDB SQL: the file is streamed into an in-memory table (spilling to disk
 * when large), then one aggregate pass covers all columns, one more the histograms, and one grouped
 * query per string/boolean column the top values.
 */
export async function inspectTable(filePath: string, format: TableFormat): Promise<TableInspection> {
  const source = await tableSource(filePath, format);
  return withDuckDB(async (connection) => {
    await readingTable(connection, source, () =>
      connection.run(`CREATE TEMP TABLE ${TABLE} AS SELECT * FROM ${source.sql}`),
    );
    const columns = await describeColumns(connection);
    const stats = await aggregate(connection, columns);
    const rowCount = toCount(stats.row_count);
    const histograms = await computeHistograms(connection, columns, stats);
    const tops = await computeTopValues(connection, columns);

    const profiles = columns.map((column): ColumnProfile => {
      const at = (stat: string): JS => stats[`${stat}_${column.index}`] ?? null;
      const count = toCount(at('n'));
      const nullCount = rowCount - count;
      const numeric = isNumeric(column.logicalType);
      return {
        name: column.name,
        type: column.type,
        logicalType: column.logicalType,
        count,
        nullCount,
        nullFraction: rowCount === 0 ? 0 : nullCount / rowCount,
        distinctCount: toCount(at('d')),
        min: toScalar(at('min')),
        max: toScalar(at('max')),
        mean: numeric ? finiteOrNull(at('mean')) : null,
        std: numeric ? finiteOrNull(at('std')) : null,
        quantiles: numeric ? toQuantiles(at('q')) : null,
        histogram: histograms.get(column.index) ?? null,
        topValues: hasTopValues(column.logicalType) ? (tops.get(column.index) ?? []) : null,
        formulaLikeCount: column.logicalType === 'string' ? toCount(at('f')) : 0,
      };
    });
    const schema = profiles.map(
      (profile): ColumnSchema => ({
        name: profile.name,
        type: profile.type,
        logicalType: profile.logicalType,
        nullable: profile.nullCount > 0,
      }),
    );
    return { schema, rowCount, profile: { rowCount, columns: profiles } };
  });
}

async function describeColumns(connection: DuckDBConnection): Promise<Column[]> {
  const reader = await connection.runAndReadAll(`SELECT * FROM ${TABLE} LIMIT 0`);
  const types = reader.columnTypes();
  return reader.columnNames().map((name, index) => ({
    index,
    name,
    sql: sqlIdentifier(name),
    type: types[index].toString(),
    logicalType: logicalTypeOf(types[index]),
  }));
}

function hasTopValues(logicalType: LogicalType): boolean {
  return logicalType === 'string' || logicalType === 'boolean';
}

/** Spreadsheets run a cell as a formula when it starts with = or @ (tab/CR hide a leading one), or with + or - unless it is a number. */
function formulaLikePredicate(c: string): string {
  return `(left(${c}, 1) IN ('=', '@', chr(9), chr(13)) OR (left(${c}, 1) IN ('+', '-') AND TRY_CAST(${c} AS DOUBLE) IS NULL))`;
}

/** One scan for every per-column aggregate of every column. */
async function aggregate(connection: DuckDBConnection, columns: Column[]): Promise<Row> {
  const parts = ['count(*) AS row_count'];
  for (const { index: i, sql: c, logicalType } of columns) {
    parts.push(`count(${c}) AS n_${i}`, `count(DISTINCT ${c}) AS d_${i}`);
    if (isNumeric(logicalType)) {
      const x = `CAST(${c} AS DOUBLE)`;
      parts.push(
        `min(${c}) AS min_${i}`,
        `max(${c}) AS max_${i}`,
        `min(${x}) AS lo_${i}`,
        `max(${x}) AS hi_${i}`,
        `avg(${x}) AS mean_${i}`,
        `stddev_pop(${x}) AS std_${i}`,
        `quantile_cont(${x}, [${QUANTILE_PROBABILITIES.join(', ')}]) AS q_${i}`,
      );
    } else if (logicalType === 'string' || logicalType === 'timestamp') {
      parts.push(`min(${c}) AS min_${i}`, `max(${c}) AS max_${i}`);
    } else if (logicalType === 'date') {
      // VARCHAR of a DATE is ISO YYYY-MM-DD; a JS Date would add a midnight time and a zone.
      parts.push(`CAST(min(${c}) AS VARCHAR) AS min_${i}`, `CAST(max(${c}) AS VARCHAR) AS max_${i}`);
    }
    if (logicalType === 'string') {
      parts.push(`count(*) FILTER (WHERE ${formulaLikePredicate(c)}) AS f_${i}`);
    }
  }
  const reader = await connection.runAndReadAll(`SELECT ${parts.join(',\n  ')} FROM ${TABLE}`);
  return reader.getRowObjectsJS()[0];
}

/**
 * Bin i of x is min(floor((x - min) / (max - min) * 20), 19), so the last bin includes max; a constant
 * column puts every value in bin 0. The edges are min + i * (max - min) / 20, with the last edge = max.
 */
async function computeHistograms(connection: DuckDBConnection, columns: Column[], stats: Row): Promise<Map<number, Histogram>> {
  const ranges = new Map<number, { lo: number; hi: number }>();
  const parts: string[] = [];
  for (const { index: i, sql: c, logicalType } of columns) {
    const lo = stats[`lo_${i}`];
    const hi = stats[`hi_${i}`];
    if (!isNumeric(logicalType) || typeof lo !== 'number' || typeof hi !== 'number') continue;
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) continue;
    ranges.set(i, { lo, hi });
    const bin =
      lo === hi
        ? `CASE WHEN ${c} IS NOT NULL THEN 0 END`
        : // least() skips NULL arguments, so a NULL cell must be kept out explicitly.
          `CASE WHEN ${c} IS NOT NULL THEN CAST(least(floor((CAST(${c} AS DOUBLE) - ${sqlDouble(lo)}) / (${sqlDouble(hi)} - ${sqlDouble(lo)}) * ${HISTOGRAM_BINS}), ${HISTOGRAM_BINS - 1}) AS INTEGER) END`;
    parts.push(`histogram(${bin}) AS h_${i}`);
  }
  const result = new Map<number, Histogram>();
  if (parts.length === 0) return result;
  const reader = await connection.runAndReadAll(`SELECT ${parts.join(',\n  ')} FROM ${TABLE}`);
  const row = reader.getRowObjectsJS()[0];
  for (const [i, { lo, hi }] of ranges) {
    const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
    // histogram() returns a MAP, which the JS converter gives as [{ key, value }].
    const entries = row[`h_${i}`];
    if (Array.isArray(entries)) {
      for (const entry of entries) {
        if (entry && typeof entry === 'object' && !Array.isArray(entry) && !(entry instanceof Date) && !(entry instanceof Uint8Array)) {
          counts[Number(entry.key)] = toCount(entry.value);
        }
      }
    }
    const width = (hi - lo) / HISTOGRAM_BINS;
    const edges = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, k) => (k === HISTOGRAM_BINS ? hi : lo + k * width));
    result.set(i, { edges, counts });
  }
  return result;
}

/** Exact top values: a GROUP BY per column, ordered by count desc then value asc, NULL excluded. */
async function computeTopValues(connection: DuckDBConnection, columns: Column[]): Promise<Map<number, TopValue[]>> {
  const selected = columns.filter((column) => hasTopValues(column.logicalType));
  const result = new Map<number, TopValue[]>();
  if (selected.length === 0) return result;
  const queries = selected.map(
    ({ index: i, sql: c }) =>
      `(SELECT ${i} AS col, ${c} AS v, count(*) AS n FROM ${TABLE} WHERE ${c} IS NOT NULL GROUP BY ${c} ORDER BY n DESC, ${c} ASC LIMIT ${TOP_VALUES})`,
  );
  // Each branch sorts in its column's own type; the union needs one type, so values travel as VARCHAR.
  // A union branch's order is not kept, so the outer query sorts again ('false' < 'true' as text too).
  const branches = queries.map((query) => `SELECT col, CAST(v AS VARCHAR) AS value, n FROM ${query}`);
  const reader = await connection.runAndReadAll(`${branches.join(' UNION ALL ')} ORDER BY col, n DESC, value`);
  for (const row of reader.getRowObjectsJS()) {
    const col = toCount(row.col);
    const column = columns[col];
    const text = typeof row.value === 'string' ? row.value : '';
    const value = column.logicalType === 'boolean' ? text === 'true' : text;
    const list = result.get(col) ?? [];
    list.push({ value, count: toCount(row.n) });
    result.set(col, list);
  }
  return result;
}

function toCount(value: JS | undefined): number {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  return 0;
}

function finiteOrNull(value: JS): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function toScalar(value: JS): ProfileScalar {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const safe = toJsonSafe(value);
  return typeof safe === 'number' || typeof safe === 'string' ? safe : null;
}

function toQuantiles(value: JS): Quantiles | null {
  if (!Array.isArray(value) || value.length !== QUANTILE_KEYS.length) return null;
  const numbers = value.map(finiteOrNull);
  if (numbers.some((n) => n === null)) return null;
  return Object.fromEntries(QUANTILE_KEYS.map((key, k) => [key, numbers[k]])) as Quantiles;
}
