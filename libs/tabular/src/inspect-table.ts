import type { DuckDBConnection, DuckDBType, DuckDBVector, JS } from '@duckdb/node-api';
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
import { doubleKeepsDistinct, isNumeric, logicalTypeOf } from './column-types';
import { withDuckDBOnDisk } from './duckdb-session';
import { toJsonSafe } from './json-safe';
import { sqlIdentifier } from './sql';
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

/** The file is parsed once into this table; every statistic is then read from it. */
const TABLE = 'galley_table';

interface Column {
  index: number;
  name: string;
  sql: string;
  type: DuckDBType;
  logicalType: LogicalType;
}

type Row = Record<string, JS>;

/** What one pass over a numeric column's sorted values gives. */
interface SortedStatistics {
  distinctCount: number;
  std: number | null;
  quantiles: Quantiles | null;
  histogram: Histogram | null;
}

/** What one grouped query over a string or boolean column gives. */
interface GroupedStatistics {
  distinctCount: number;
  topValues: TopValue[];
}

/**
 * Schema, row count and exact profile of a CSV, Parquet or JSON Lines file (definitions in README.md).
 * The file is loaded into a DuckDB table (in a compressed database file, so a large file does not
 * sit in the service's memory), then: one aggregate scan for counts, min/max, mean and formula-like
 * cells; per string/boolean column one GROUP BY for distinct count and top values; per numeric column
 * one pass over its values sorted by DuckDB for distinct count, std, quantiles and histogram. Queries
 * run two at a time. Measured on 1,000,000 × 20 (tools/bench): about as fast as DuckDB's own
 * read_csv + SUMMARIZE, which computes approximate statistics.
 */
export async function inspectTable(filePath: string, format: TableFormat): Promise<TableInspection> {
  const source = await tableSource(filePath, format);
  return withDuckDBOnDisk(async ({ connection, concurrently }) => {
    await readingTable(connection, source, () => connection.run(`CREATE TABLE ${TABLE} AS SELECT * FROM ${source.sql}`));
    const columns = await describeColumns(connection);
    const grouped = columns.filter((column) => hasTopValues(column.logicalType));
    const numeric = columns.filter((column) => isNumeric(column.logicalType));

    let stats: Row = {};
    const byGroup = new Map<number, GroupedStatistics>();
    await concurrently([
      async (c) => {
        stats = await aggregate(c, columns);
      },
      ...grouped.map((column) => async (c: DuckDBConnection) => {
        byGroup.set(column.index, await groupColumn(c, column));
      }),
    ]);
    // The sorted passes need each column's count, range and mean from the aggregate.
    const bySort = new Map<number, SortedStatistics>();
    await concurrently(
      numeric.map((column) => async (c: DuckDBConnection) => {
        bySort.set(column.index, await sortedPass(c, column, stats));
      }),
    );

    const rowCount = toCount(stats.row_count);
    const profiles = columns.map((column): ColumnProfile => {
      const at = (stat: string): JS => stats[`${stat}_${column.index}`] ?? null;
      const count = toCount(at('n'));
      const nullCount = rowCount - count;
      const numericColumn = isNumeric(column.logicalType);
      const group = byGroup.get(column.index);
      const sorted = bySort.get(column.index);
      return {
        name: column.name,
        type: column.type.toString(),
        logicalType: column.logicalType,
        count,
        nullCount,
        nullFraction: rowCount === 0 ? 0 : nullCount / rowCount,
        distinctCount: group?.distinctCount ?? sorted?.distinctCount ?? toCount(at('d')),
        min: toScalar(at('min')),
        max: toScalar(at('max')),
        mean: numericColumn ? finiteOrNull(at('mean')) : null,
        std: sorted?.std ?? null,
        quantiles: sorted?.quantiles ?? null,
        histogram: sorted?.histogram ?? null,
        topValues: group ? group.topValues : null,
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
    type: types[index],
    logicalType: logicalTypeOf(types[index]),
  }));
}

function hasTopValues(logicalType: LogicalType): boolean {
  return logicalType === 'string' || logicalType === 'boolean';
}

/**
 * Spreadsheets run a cell as a formula when it starts with = or @ (tab/CR hide a leading one), or with
 * + or - unless it is a number. A CASE, because DuckDB evaluates both sides of an AND on every row:
 * this way only cells starting with + or - pay for the TRY_CAST (ascii() is the first code point).
 */
function formulaLikePredicate(c: string): string {
  return `CASE WHEN ascii(${c}) IN (61, 64, 9, 13) THEN true WHEN ascii(${c}) IN (43, 45) THEN TRY_CAST(${c} AS DOUBLE) IS NULL ELSE false END`;
}

/**
 * One scan for the per-column aggregates that need no sort or grouping. Distinct counts of string,
 * boolean and numeric columns come from groupColumn and sortedPass; the other types count them here.
 */
async function aggregate(connection: DuckDBConnection, columns: Column[]): Promise<Row> {
  const parts = ['count(*) AS row_count'];
  for (const { index: i, sql: c, logicalType } of columns) {
    parts.push(`count(${c}) AS n_${i}`);
    if (isNumeric(logicalType)) {
      const x = `CAST(${c} AS DOUBLE)`;
      parts.push(
        `min(${c}) AS min_${i}`,
        `max(${c}) AS max_${i}`,
        `min(${x}) AS lo_${i}`,
        `max(${x}) AS hi_${i}`,
        `avg(${x}) AS mean_${i}`,
      );
    } else if (!hasTopValues(logicalType)) {
      parts.push(`count(DISTINCT ${c}) AS d_${i}`);
    }
    if (logicalType === 'string' || logicalType === 'timestamp') {
      parts.push(`min(${c}) AS min_${i}`, `max(${c}) AS max_${i}`);
    } else if (logicalType === 'date') {
      // VARCHAR of a DATE is ISO YYYY-MM-DD; a JS Date would add a midnight time and a zone.
      parts.push(`CAST(min(${c}) AS VARCHAR) AS min_${i}`, `CAST(max(${c}) AS VARCHAR) AS max_${i}`);
    }
    if (logicalType === 'string') {
      parts.push(`count_if(${formulaLikePredicate(c)}) AS f_${i}`);
    }
  }
  const reader = await connection.runAndReadAll(`SELECT ${parts.join(',\n  ')} FROM ${TABLE}`);
  return reader.getRowObjectsJS()[0];
}

/**
 * Distinct count and exact top values of a string or boolean column from one GROUP BY: the number of
 * groups is COUNT(DISTINCT column), and the first ten by count desc, value asc are the top values.
 */
async function groupColumn(connection: DuckDBConnection, { sql: c, name }: Column): Promise<GroupedStatistics> {
  const reader = await connection.runAndReadAll(
    `SELECT v, n, count(*) OVER () AS groups FROM (SELECT ${c} AS v, count(*) AS n FROM ${TABLE} WHERE ${c} IS NOT NULL GROUP BY ${c}) ` +
      `ORDER BY n DESC, v ASC LIMIT ${TOP_VALUES}`,
  );
  const rows = reader.getRowObjectsJS();
  const topValues = rows.map((row): TopValue => {
    // VARCHAR and BOOLEAN columns only (hasTopValues), so each value is a string or a boolean.
    if (typeof row.v !== 'string' && typeof row.v !== 'boolean') throw new Error(`column ${name}: a top value of type ${typeof row.v}`);
    return { value: row.v, count: toCount(row.n) };
  });
  return { distinctCount: rows.length === 0 ? 0 : toCount(rows[0].groups), topValues };
}

/**
 * Distinct count, std, quantiles and histogram of a numeric column from one pass over its non-null
 * values as DOUBLE, sorted by DuckDB and read chunk by chunk (never the whole column in JS memory).
 * Sorted, equal values are neighbours and the k-th value is the k-th order statistic. Where the DOUBLE
 * cast could merge distinct values (integers beyond ±2^53, DECIMAL), DuckDB counts them in their own
 * type instead.
 */
async function sortedPass(connection: DuckDBConnection, column: Column, stats: Row): Promise<SortedStatistics> {
  const { index: i, sql: c, name } = column;
  const n = toCount(stats[`n_${i}`]);
  const mean = stats[`mean_${i}`];
  const summary = new SortedSummary(n, finiteRange(stats[`lo_${i}`], stats[`hi_${i}`]), typeof mean === 'number' ? mean : NaN);
  if (n > 0) {
    const result = await connection.stream(`SELECT CAST(${c} AS DOUBLE) AS x FROM ${TABLE} WHERE ${c} IS NOT NULL ORDER BY x`);
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      summary.add(doubles(chunk.getColumnVector(0), chunk.rowCount));
    }
  }
  if (summary.seen !== n) throw new Error(`column ${name}: sorted ${summary.seen} values, counted ${n}`);
  const distinctCount =
    n === 0 || doubleKeepsDistinct(column.type, stats[`min_${i}`], stats[`max_${i}`])
      ? summary.distinct
      : toCount((await connection.runAndReadAll(`SELECT count(DISTINCT ${c}) AS d FROM ${TABLE}`)).getRowObjectsJS()[0].d);
  return { distinctCount, ...summary.result() };
}

/**
 * The values of a DOUBLE vector without NULLs. DuckDB keeps them in a Float64Array: used as it is, a
 * million values take ~5 ms instead of ~100 ms one getItem() at a time. That field is not public API,
 * so if it is ever missing the public path is taken.
 */
function doubles(vector: DuckDBVector, rows: number): Float64Array {
  const items = (vector as unknown as { items?: unknown }).items;
  if (items instanceof Float64Array && items.length === rows) return items;
  return Float64Array.from({ length: rows }, (_, k) => Number(vector.getItem(k)));
}

/** Statistics accumulated over a column's values arriving in ascending order (NaN last), a block at a time. */
class SortedSummary {
  seen = 0;
  distinct = 0;
  private previous = NaN;
  private readonly ranks: number[];
  private nextRank = 0;
  private readonly picked = new Map<number, number>();
  private readonly squares = new CompensatedSum();
  private readonly counts = new Array<number>(HISTOGRAM_BINS).fill(0);

  constructor(
    private readonly n: number,
    private readonly range: { lo: number; hi: number } | null,
    private readonly mean: number,
  ) {
    this.ranks = quantileRanks(n);
  }

  add(values: Float64Array): void {
    const lo = this.range?.lo ?? 0;
    const width = this.range ? this.range.hi - this.range.lo : 0;
    for (let k = 0; k < values.length; k++, this.seen++) {
      const x = values[k];
      // All NaNs are one value and -0 equals 0 (x === previous), as in DuckDB's COUNT(DISTINCT).
      if (this.seen === 0 || !(x === this.previous || (x !== x && this.previous !== this.previous))) this.distinct++;
      this.previous = x;
      const deviation = x - this.mean;
      this.squares.add(deviation * deviation);
      while (this.nextRank < this.ranks.length && this.ranks[this.nextRank] === this.seen) this.picked.set(this.ranks[this.nextRank++], x);
      // The README's bin formula, in the same floating-point operations as the SQL it replaces.
      if (this.range) this.counts[width === 0 ? 0 : Math.min(Math.floor(((x - lo) / width) * HISTOGRAM_BINS), HISTOGRAM_BINS - 1)]++;
    }
  }

  /**
   * std is √(Σ(x − mean)² / n) with the aggregate's mean, summed here rather than by DuckDB's
   * stddev_pop, which fails the whole query on NaN, ±Infinity or a variance beyond a double; here such
   * a std comes out NaN or Infinity and is reported as null.
   */
  result(): Omit<SortedStatistics, 'distinctCount'> {
    if (this.n === 0) return { std: null, quantiles: null, histogram: null };
    return {
      std: finiteOrNull(Math.sqrt(this.squares.total() / this.n)),
      quantiles: toQuantiles(QUANTILE_PROBABILITIES.map((p) => interpolate(this.n, p, this.picked))),
      histogram: this.range ? { edges: histogramEdges(this.range.lo, this.range.hi), counts: this.counts } : null,
    };
  }
}

/**
 * Neumaier's compensated summation: the rounding error of each addition is carried, so a sum of a
 * million squares is as exact as a double allows, in whatever order the terms come.
 */
class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(term: number): void {
    const next = this.sum + term;
    this.compensation += Math.abs(this.sum) >= Math.abs(term) ? this.sum - next + term : term - next + this.sum;
    this.sum = next;
  }

  total(): number {
    return this.sum + this.compensation;
  }
}

/** A histogram needs a finite min and max (NaN or ±Infinity in the column: no histogram). */
function finiteRange(lo: JS, hi: JS): { lo: number; hi: number } | null {
  return typeof lo === 'number' && typeof hi === 'number' && Number.isFinite(lo) && Number.isFinite(hi) ? { lo, hi } : null;
}

/** The ranks (0-based positions in sorted order) that the quantiles read: ⌊h⌋ and ⌈h⌉ for h = (n − 1)·p, ascending. */
function quantileRanks(n: number): number[] {
  if (n === 0) return [];
  const ranks = QUANTILE_PROBABILITIES.flatMap((p) => [Math.floor((n - 1) * p), Math.ceil((n - 1) * p)]);
  return [...new Set(ranks)].sort((a, b) => a - b);
}

/**
 * quantile_cont as DuckDB computes it, bit for bit: h = (n − 1)·p, d = h − ⌊h⌋, and x⌊h⌋·(1 − d) +
 * x⌈h⌉·d (the README's x⌊h⌋ + d·(x⌈h⌉ − x⌊h⌋), in DuckDB's floating-point form); x⌊h⌋ itself when h is
 * whole, so that an infinite value is returned as itself.
 */
function interpolate(n: number, p: number, sorted: Map<number, number>): number {
  const h = (n - 1) * p;
  const below = sorted.get(Math.floor(h)) ?? NaN;
  if (Math.floor(h) === Math.ceil(h)) return below;
  const above = sorted.get(Math.ceil(h)) ?? NaN;
  const d = h - Math.floor(h);
  return below * (1 - d) + above * d;
}

/** edges[k] = min + k·(max − min)/20, and the last edge is max itself. */
function histogramEdges(lo: number, hi: number): number[] {
  const width = (hi - lo) / HISTOGRAM_BINS;
  return Array.from({ length: HISTOGRAM_BINS + 1 }, (_, k) => (k === HISTOGRAM_BINS ? hi : lo + k * width));
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

function toQuantiles(values: number[]): Quantiles | null {
  const numbers = values.map(finiteOrNull);
  if (numbers.some((n) => n === null)) return null;
  return Object.fromEntries(QUANTILE_KEYS.map((key, k) => [key, numbers[k]])) as Quantiles;
}
