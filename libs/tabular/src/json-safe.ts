import type { JS } from '@duckdb/node-api';

export type JsonSafe = null | boolean | number | string | JsonSafe[] | { [key: string]: JsonSafe };

/**
 * DuckDB's JS values made JSON-safe: BIGINT becomes a number when it fits exactly in a double and a
 * decimal string otherwise; dates become ISO strings; bytes become base64; NaN and ±Infinity, which
 * JSON cannot carry, become the strings `NaN`, `Infinity` and `-Infinity`.
 */
export function toJsonSafe(value: JS): JsonSafe {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toJsonSafe);
  const out: { [key: string]: JsonSafe } = {};
  for (const [key, item] of Object.entries(value)) out[key] = toJsonSafe(item);
  return out;
}
