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
