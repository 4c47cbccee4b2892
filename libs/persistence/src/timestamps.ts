/**
 * Timestamps are stored as ISO-8601 UTC strings of fixed width (`2026-01-02T03:04:05.678Z`): the same
 * column type on SQLite and PostgreSQL, and lexical order is time order.
 */
export const TIMESTAMP_COLUMN = { type: 'varchar', length: 32 } as const;

export function nowIso(): string {
  return new Date().toISOString();
}
