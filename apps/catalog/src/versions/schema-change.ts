import type { ColumnSchema, SchemaChange } from '@galley/contracts';

/** How `current` differs from `previous` by column name and DuckDB type; null when it does not. */
export function diffSchemas(previousVersion: number, previous: readonly ColumnSchema[], current: readonly ColumnSchema[]): SchemaChange | null {
  const before = new Map(previous.map((column) => [column.name, column]));
  const after = new Map(current.map((column) => [column.name, column]));
  const added = current.filter((column) => !before.has(column.name));
  const removed = previous.filter((column) => !after.has(column.name));
  const retyped = current.flatMap((column) => {
    const old = before.get(column.name);
    return old && old.type !== column.type ? [{ name: column.name, from: old.type, to: column.type }] : [];
  });
  if (added.length === 0 && removed.length === 0 && retyped.length === 0) return null;
  return { previousVersion, added, removed, retyped };
}
