import type { DuckDBConnection, JS } from '@duckdb/node-api';
import {
  MAX_FAILING_EXAMPLES,
  type Expectation,
  type ExpectationResult,
  type FailingExample,
  type LogicalType,
  type TableFormat,
} from '@galley/contracts';
import { isNumeric, logicalTypeOf } from './column-types';
import { withDuckDB } from './duckdb-session';
import { toJsonSafe } from './json-safe';
import { sqlDouble, sqlIdentifier, sqlString } from './sql';
import { readingTable, tableSource } from './table-source';

const TABLE = 'galley_checked';
/** File position of each row; a name no real column is likely to have. */
const ROW = '__galley_row';

interface ColumnInfo {
  sql: string;
  type: string;
  logicalType: LogicalType;
}

type Columns = Map<string, ColumnInfo>;

/**
 * Checks a CSV, Parquet or JSON Lines file against an expectation suite. Every check is one DuckDB
 * query over the file loaded once with its row positions, so failing examples name the row (0-based)
 * where each bad value sits. An expectation that cannot apply (a missing column, a bound that is not
 * of the column's type) fails with the reason as its observed value rather than throwing: the suite
 * belongs to the dataset, and a version that does not fit it is exactly what should be reported.
 */
export async function evaluateExpectations(filePath: string, format: TableFormat, expectations: readonly Expectation[]): Promise<ExpectationResult[]> {
  if (expectations.length === 0) return [];
  const source = await tableSource(filePath, format);
  return withDuckDB(async (connection) => {
    // Row positions come from insertion order; never let a setting trade that for speed here.
    await connection.run('SET preserve_insertion_order = true');
    await readingTable(connection, source, () =>
      connection.run(`CREATE TEMP TABLE ${TABLE} AS SELECT (row_number() OVER ()) - 1 AS ${ROW}, * FROM ${source.sql}`),
    );
    const columns = await describe(connection);
    const rowCount = Number((await single(connection, `SELECT count(*) AS n FROM ${TABLE}`)).n);
    const results: ExpectationResult[] = [];
    for (const expectation of expectations) results.push(await evaluate(connection, columns, rowCount, expectation));
    return results;
  });
}

/**
 * Checks that each pattern compiles as RE2 (the engine DuckDB evaluates `matches_regex` with), so a
 * broken pattern is refused when the suite is saved rather than failing every later upload.
 * Returns the error of each bad pattern, keyed by its index.
 */
export async function findInvalidPatterns(patterns: readonly string[]): Promise<Map<number, string>> {
  const invalid = new Map<number, string>();
  if (patterns.length === 0) return invalid;
  await withDuckDB(async (connection) => {
    for (const [index, pattern] of patterns.entries()) {
      try {
        await connection.run(`SELECT regexp_matches('', ${sqlString(pattern)})`);
      } catch (error) {
        invalid.set(index, firstLine(error));
      }
    }
  });
  return invalid;
}

async function describe(connection: DuckDBConnection): Promise<Columns> {
  const shape = await connection.runAndReadAll(`SELECT * FROM ${TABLE} LIMIT 0`);
  const types = shape.columnTypes();
  const columns: Columns = new Map();
  shape.columnNames().forEach((name, index) => {
    if (name === ROW) return;
    const type = types[index];
    columns.set(name, { sql: sqlIdentifier(name), type: type.toString(), logicalType: logicalTypeOf(type) });
  });
  return columns;
}

async function evaluate(connection: DuckDBConnection, columns: Columns, rowCount: number, expectation: Expectation): Promise<ExpectationResult> {
  if (expectation.kind === 'row_count_between') {
    const success = (expectation.min === undefined || rowCount >= expectation.min) && (expectation.max === undefined || rowCount <= expectation.max);
    return { expectation, success, observed: { rowCount }, unexpectedCount: null, failingExamples: [] };
  }
  const column = columns.get(expectation.column);
  if (!column) {
    const observed = expectation.kind === 'column_exists' ? { exists: false } : { error: `column "${expectation.column}" does not exist` };
    return { expectation, success: false, observed, unexpectedCount: null, failingExamples: [] };
  }
  switch (expectation.kind) {
    case 'column_exists':
      return { expectation, success: true, observed: { exists: true }, unexpectedCount: null, failingExamples: [] };
    case 'column_type':
      return {
        expectation,
        success: column.logicalType === expectation.type,
        observed: { logicalType: column.logicalType, type: column.type },
        unexpectedCount: null,
        failingExamples: [],
      };
    case 'not_null': {
      const check = await rowCheck(connection, column, `${column.sql} IS NULL`);
      const nullFraction = rowCount === 0 ? 0 : check.unexpectedCount / rowCount;
      return { expectation, success: nullFraction <= expectation.maxNullFraction, observed: { nullCount: check.unexpectedCount, nullFraction }, ...check };
    }
    case 'between': {
      const bounds = boundsSql(column, expectation.min, expectation.max);
      if ('error' in bounds) return { expectation, success: false, observed: { error: bounds.error }, unexpectedCount: null, failingExamples: [] };
      const failing = [bounds.min && `${column.sql} < ${bounds.min}`, bounds.max && `${column.sql} > ${bounds.max}`].filter(Boolean).join(' OR ');
      try {
        const range = await single(connection, `SELECT ${readable(column, `min(${column.sql})`)} AS lo, ${readable(column, `max(${column.sql})`)} AS hi FROM ${TABLE}`);
        const check = await rowCheck(connection, column, `${column.sql} IS NOT NULL AND (${failing})`);
        return { expectation, success: check.unexpectedCount === 0, observed: { min: jsonValue(range.lo), max: jsonValue(range.hi) }, ...check };
      } catch (error) {
        return { expectation, success: false, observed: { error: `the bounds do not fit a ${column.type} column: ${firstLine(error)}` }, unexpectedCount: null, failingExamples: [] };
      }
    }
    case 'in_set': {
      const members = isNumeric(column.logicalType)
        ? expectation.values.filter((value): value is number => typeof value === 'number').map(sqlDouble)
        : expectation.values.map((value) => sqlString(String(value)));
      const value = isNumeric(column.logicalType) ? column.sql : `CAST(${column.sql} AS VARCHAR)`;
      const failing = members.length === 0 ? 'TRUE' : `${value} NOT IN (${members.join(', ')})`;
      const check = await rowCheck(connection, column, `${column.sql} IS NOT NULL AND ${failing}`);
      return { expectation, success: check.unexpectedCount === 0, observed: { unexpectedCount: check.unexpectedCount }, ...check };
    }
    case 'unique': {
      const duplicated = `${column.sql} IN (SELECT ${column.sql} FROM ${TABLE} WHERE ${column.sql} IS NOT NULL GROUP BY ALL HAVING count(*) > 1)`;
      const values = await single(connection, `SELECT count(*) AS n FROM (SELECT ${column.sql} FROM ${TABLE} WHERE ${column.sql} IS NOT NULL GROUP BY ALL HAVING count(*) > 1)`);
      const check = await rowCheck(connection, column, duplicated);
      return { expectation, success: check.unexpectedCount === 0, observed: { duplicatedValues: Number(values.n) }, ...check };
    }
    case 'matches_regex': {
      try {
        const check = await rowCheck(connection, column, `${column.sql} IS NOT NULL AND NOT regexp_matches(CAST(${column.sql} AS VARCHAR), ${sqlString(expectation.pattern)})`);
        return { expectation, success: check.unexpectedCount === 0, observed: { unexpectedCount: check.unexpectedCount }, ...check };
      } catch (error) {
        return { expectation, success: false, observed: { error: `invalid pattern: ${firstLine(error)}` }, unexpectedCount: null, failingExamples: [] };
      }
    }
  }
}

/** How many rows match `failing`, and the first few of them in file order. */
async function rowCheck(connection: DuckDBConnection, column: ColumnInfo, failing: string): Promise<{ unexpectedCount: number; failingExamples: FailingExample[] }> {
  const count = await single(connection, `SELECT count(*) AS n FROM ${TABLE} WHERE ${failing}`);
  const unexpectedCount = Number(count.n);
  if (unexpectedCount === 0) return { unexpectedCount, failingExamples: [] };
  const reader = await connection.runAndReadAll(
    `SELECT ${ROW} AS row, ${readable(column)} AS value FROM ${TABLE} WHERE ${failing} ORDER BY ${ROW} LIMIT ${MAX_FAILING_EXAMPLES}`,
  );
  const failingExamples = reader.getRowObjectsJS().map((row) => ({ row: Number(row.row), value: jsonValue(row.value) }));
  return { unexpectedCount, failingExamples };
}

/** Bounds as SQL literals of the column's own type: numbers for numeric columns, casts of text otherwise. */
function boundsSql(column: ColumnInfo, min: number | string | undefined, max: number | string | undefined): { min?: string; max?: string } | { error: string } {
  const literal = (bound: number | string): string | { error: string } => {
    if (isNumeric(column.logicalType)) {
      return typeof bound === 'number' ? sqlDouble(bound) : { error: `bound ${JSON.stringify(bound)} is not a number, but "${column.type}" is numeric` };
    }
    if (column.logicalType === 'string' || column.logicalType === 'date' || column.logicalType === 'timestamp') {
      return `CAST(${sqlString(String(bound))} AS ${column.type})`;
    }
    return { error: `between does not apply to a ${column.type} column` };
  };
  const out: { min?: string; max?: string } = {};
  for (const [key, bound] of [['min', min], ['max', max]] as const) {
    if (bound === undefined) continue;
    const sql = literal(bound);
    if (typeof sql !== 'string') return sql;
    out[key] = sql;
  }
  return out;
}

/** DATE and TIMESTAMP values read back as text, so examples and observed bounds are plain ISO strings. */
function readable(column: ColumnInfo, expression = column.sql): string {
  return column.logicalType === 'date' || column.logicalType === 'timestamp' ? `CAST(${expression} AS VARCHAR)` : expression;
}

function jsonValue(value: JS | undefined): unknown {
  if (value === undefined) return null;
  return toJsonSafe(value);
}

async function single(connection: DuckDBConnection, sql: string): Promise<Record<string, JS>> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS()[0] ?? {};
}

function firstLine(error: unknown): string {
  const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  return message.split('\n')[0].trim();
}
