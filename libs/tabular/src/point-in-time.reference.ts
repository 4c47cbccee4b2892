import type { Cell } from './test-table.builder';

/**
 * The documented point-in-time semantics, row by row in plain JavaScript: the oracle the DuckDB
 * implementation is checked against. Times are numbers (any unit; TTL in the same unit), keys match
 * when their text is equal (so 7 matches '7'), null keys and null times never match.
 */
export interface ReferenceView {
  joinKey: string;
  ttl: number;
  rows: Array<{ key: Cell; time: number | null; value: Cell }>;
}

export interface ReferenceEntityRow {
  keys: Record<string, Cell>;
  time: number;
}

/** One array per entity row: the value of each view, in view order. */
export function referencePointInTime(spine: ReferenceEntityRow[], views: ReferenceView[]): Cell[][] {
  return spine.map((entity) =>
    views.map((view) => {
      const key = entity.keys[view.joinKey];
      if (key === null || key === undefined) return null;
      let winner: { time: number; value: Cell } | undefined;
      for (const row of view.rows) {
        if (row.key === null || row.time === null || String(row.key) !== String(key) || row.time > entity.time) continue;
        // `>=`: a later row in the file with the same time replaces an earlier one.
        if (winner === undefined || row.time >= winner.time) winner = { time: row.time, value: row.value };
      }
      if (winner === undefined) return null;
      if (view.ttl > 0 && entity.time - winner.time > view.ttl) return null;
      return winner.value;
    }),
  );
}
