import type { EntityValueType, FeatureValueType, LogicalType } from '@galley/contracts';
import type { TableSource } from '@galley/tabular';
import { MAX_ENTITY_KEY_BYTES, onlineKeySql } from '../online/online-key';

/** What the query needs to know about the view, its source and the run. */
export interface LatestRowsSpec {
  /** The source's column names (a Parquet file's own `file_row_number` column changes how file order is read). */
  columns: readonly string[];
  joinKey: { column: string; columnType: LogicalType; keyType: EntityValueType };
  timestampColumn: string;
  features: ReadonlyArray<{ column: string; type: FeatureValueType }>;
  /** Event time bounds in µs since the epoch: [start, end); null is unbounded. */
  window: { startMicros: number | null; endMicros: number | null };
  revision: number;
  sourceVersion: number;
}

/** The table of what the online store already holds for this revision and source version: key → event time (µs). */
export const HELD_TABLE = 'held';
export const LATEST_TABLE = 'latest';

/**
 * The SQL of a materialization, in DuckDB:
 *
 * 1. `createLatest` reads the source once and keeps, per entity key, its latest row within the window
 *    among the rows newer than what the store holds for that key (`held`), and how many such rows the
 *    key had (their sum is `rowsScanned`). Ties between rows of one key at the same event time go to
 *    the row that comes last in the file, the rule of the offline point-in-time join (libs/tabular):
 *    Parquet gives each row's file position, text formats are numbered as read (`row_number() OVER ()`
 *    before any filter, with insertion order preserved).
 * 2. `selectValues` streams each kept row as (KV key, event time, stored text), the text built by
 *    DuckDB itself (see online-value.ts for its format), so JavaScript never converts a feature value.
 *
 * Rows whose key is null, empty, or longer than 1000 bytes identify no entity and are left out, as are
 * rows without an event time.
 */
export function latestRowsSql(spec: LatestRowsSpec, source: TableSource): { createLatest: string; selectValues: string } {
  const key = sqlIdentifier(spec.joinKey.column);
  const bounds = [
    spec.window.startMicros === null ? null : `t >= ${Math.trunc(spec.window.startMicros)}`,
    spec.window.endMicros === null ? null : `t < ${Math.trunc(spec.window.endMicros)}`,
  ].filter((bound) => bound !== null);
  const typed = spec.features.map((feature, i) => `${typedFeatureSql(sqlIdentifier(feature.column), feature.type)} AS f${i}`);
  const names = spec.features.map((_, i) => `f${i}`);
  const from = sourceWithFileRow(spec, source);
  const createLatest = `CREATE TABLE ${LATEST_TABLE} AS
WITH source_rows AS (
  SELECT ${keyTextSql(key, spec.joinKey.keyType, spec.joinKey.columnType)} AS key_text,
         epoch_us(CAST(${sqlIdentifier(spec.timestampColumn)} AS TIMESTAMP)) AS t,
         ${from.fileRow} AS file_row,
         ${typed.join(',\n         ')}
  FROM ${from.sql}
), in_window AS (
  SELECT ${onlineKeySql('key_text')} AS k, t, file_row, ${names.join(', ')}
  FROM source_rows
  WHERE key_text IS NOT NULL AND strlen(key_text) BETWEEN 1 AND ${MAX_ENTITY_KEY_BYTES} AND t IS NOT NULL${bounds.map((bound) => ` AND ${bound}`).join('')}
), fresh AS (
  SELECT in_window.* FROM in_window LEFT JOIN ${HELD_TABLE} AS held ON held.k = in_window.k
  WHERE held.t IS NULL OR in_window.t > held.t
)
SELECT k, t, n, ${names.join(', ')} FROM (
  SELECT *, count(*) OVER (PARTITION BY k) AS n, row_number() OVER (PARTITION BY k ORDER BY t DESC, file_row DESC) AS pick FROM fresh
) WHERE pick = 1`;
  const json = spec.features.map((feature, i) => featureJsonSql(`f${i}`, feature.type));
  const selectValues = `SELECT k, CAST(t AS DOUBLE) AS t,
  '{"t":' || CAST(t AS VARCHAR) || ',"r":${Math.trunc(spec.revision)},"s":${Math.trunc(spec.sourceVersion)},"v":' || CAST(json_array(${json.join(', ')}) AS VARCHAR) || '}' AS text
FROM ${LATEST_TABLE}`;
  return { createLatest, selectValues };
}

/**
 * The key's text, matching what a lookup canonicalises (online-key.ts): integer keys in decimal form
 * (a float key counts only when it is a whole number), string keys as DuckDB writes the value.
 */
function keyTextSql(column: string, keyType: EntityValueType, columnType: LogicalType): string {
  if (keyType === 'string') return `CAST(${column} AS VARCHAR)`;
  switch (columnType) {
    case 'integer':
      return `CAST(${column} AS VARCHAR)`;
    case 'float':
      return `CASE WHEN ${column} = trunc(${column}) THEN CAST(TRY_CAST(${column} AS HUGEINT) AS VARCHAR) END`;
    case 'string':
    case 'boolean':
    case 'date':
    case 'timestamp':
    case 'other':
      return `CAST(TRY_CAST(${column} AS HUGEINT) AS VARCHAR)`;
  }
}

/** The source column as the feature's type (the view was checked against the schema when applied). */
function typedFeatureSql(column: string, type: FeatureValueType): string {
  switch (type) {
    case 'float':
      return `CAST(${column} AS DOUBLE)`;
    case 'integer':
      return `CAST(${column} AS HUGEINT)`;
    case 'string':
      return `CAST(${column} AS VARCHAR)`;
    case 'boolean':
      return `CAST(${column} AS BOOLEAN)`;
    case 'timestamp':
      return `CAST(${column} AS TIMESTAMP)`;
  }
}

/**
 * A typed feature value as JSON, with the platform's JSON-safe rules: integers beyond ±2^53 − 1 as
 * decimal strings, NaN and ±Infinity (which JSON cannot carry) as the strings `NaN`, `Infinity`,
 * `-Infinity`, timestamps as ISO 8601 UTC with milliseconds, NULL as null.
 */
function featureJsonSql(value: string, type: FeatureValueType): string {
  switch (type) {
    case 'float':
      return `CASE WHEN ${value} IS NULL OR isfinite(${value}) THEN to_json(${value}) WHEN isnan(${value}) THEN '"NaN"'::JSON WHEN ${value} > 0 THEN '"Infinity"'::JSON ELSE '"-Infinity"'::JSON END`;
    case 'integer':
      return `CASE WHEN ${value} BETWEEN -9007199254740991 AND 9007199254740991 THEN to_json(${value}) ELSE to_json(CAST(${value} AS VARCHAR)) END`;
    case 'string':
    case 'boolean':
      return `to_json(${value})`;
    case 'timestamp':
      return `to_json(strftime(${value}, '%Y-%m-%dT%H:%M:%S.%gZ'))`;
  }
}

/**
 * The source as libs/tabular reads it (the catalog's strict dialect, so the columns and types are the
 * ones recorded for this version), plus each row's position in the file for the tie rule.
 */
function sourceWithFileRow(spec: LatestRowsSpec, source: TableSource): { sql: string; fileRow: string } {
  if (source.format === 'parquet' && !spec.columns.includes('file_row_number')) {
    return { sql: `read_parquet(${sqlString(source.path)}, file_row_number = true)`, fileRow: 'file_row_number' };
  }
  return { sql: source.sql, fileRow: 'row_number() OVER ()' };
}

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
