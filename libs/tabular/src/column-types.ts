import { DuckDBTypeId } from '@duckdb/node-api';
import type { DuckDBType } from '@duckdb/node-api';
import type { LogicalType } from '@galley/contracts';

/** DuckDB type ids with a logical type; everything else (lists, structs, blobs, times, ...) is `other`. */
const LOGICAL_TYPES: Partial<Record<DuckDBTypeId, LogicalType>> = {
  [DuckDBTypeId.TINYINT]: 'integer',
  [DuckDBTypeId.SMALLINT]: 'integer',
  [DuckDBTypeId.INTEGER]: 'integer',
  [DuckDBTypeId.BIGINT]: 'integer',
  [DuckDBTypeId.HUGEINT]: 'integer',
  [DuckDBTypeId.UTINYINT]: 'integer',
  [DuckDBTypeId.USMALLINT]: 'integer',
  [DuckDBTypeId.UINTEGER]: 'integer',
  [DuckDBTypeId.UBIGINT]: 'integer',
  [DuckDBTypeId.UHUGEINT]: 'integer',
  [DuckDBTypeId.FLOAT]: 'float',
  [DuckDBTypeId.DOUBLE]: 'float',
  [DuckDBTypeId.DECIMAL]: 'float',
  [DuckDBTypeId.BOOLEAN]: 'boolean',
  [DuckDBTypeId.VARCHAR]: 'string',
  [DuckDBTypeId.DATE]: 'date',
  [DuckDBTypeId.TIMESTAMP]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_S]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_MS]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_NS]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_TZ]: 'timestamp',
};

export function logicalTypeOf(type: DuckDBType): LogicalType {
  return LOGICAL_TYPES[type.typeId] ?? 'other';
}

export function isNumeric(logicalType: LogicalType): boolean {
  return logicalType === 'integer' || logicalType === 'float';
}

/** Integer types whose every value is exactly a DOUBLE (|x| ≤ 2^53), and the floating-point types. */
const EXACT_AS_DOUBLE = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
]);
const WIDE_INTEGERS = new Set<DuckDBTypeId>([DuckDBTypeId.BIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.UHUGEINT]);
const DOUBLE_EXACT_LIMIT = 2n ** 53n;

/**
 * Whether CAST(x AS DOUBLE) keeps distinct values of this column distinct, so that they can be counted
 * as doubles: always for FLOAT, DOUBLE and integers up to 32 bits; for wider integers when the column's
 * own min and max lie within ±2^53 (every integer there is a DOUBLE); never for DECIMAL (a wide one rounds).
 */
export function doubleKeepsDistinct(type: DuckDBType, min: unknown, max: unknown): boolean {
  if (EXACT_AS_DOUBLE.has(type.typeId)) return true;
  if (!WIDE_INTEGERS.has(type.typeId)) return false;
  const withinLimit = (value: unknown): boolean => {
    const big = typeof value === 'bigint' ? value : typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : null;
    return big !== null && big >= -DOUBLE_EXACT_LIMIT && big <= DOUBLE_EXACT_LIMIT;
  };
  return withinLimit(min) && withinLimit(max);
}
