import type { ParamValue, Run, RunEnvironment } from '@galley/contracts';
import { isCurveKey } from './training-curves';

/** Runs that can be compared at once: fewer says nothing, more makes overlaid curves unreadable. */
export const MIN_COMPARED_RUNS = 2;
export const MAX_COMPARED_RUNS = 5;

const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The run ids of `?ids=a,b,c`, or why they cannot be compared. */
export function parseCompareIds(text: string | null): { ids: string[]; problem: string | null } {
  const ids = [...new Set((text ?? '').split(',').map((id) => id.trim()).filter(Boolean))];
  const malformed = ids.filter((id) => !RUN_ID.test(id));
  if (malformed.length > 0) return { ids: [], problem: `not a run id: ${malformed.join(', ')}` };
  if (ids.length < MIN_COMPARED_RUNS || ids.length > MAX_COMPARED_RUNS) {
    return { ids: [], problem: `compare ${MIN_COMPARED_RUNS} to ${MAX_COMPARED_RUNS} runs (this link names ${ids.length})` };
  }
  return { ids, problem: null };
}

export function compareHref(ids: readonly string[]): string {
  return `/runs/compare?ids=${ids.map(encodeURIComponent).join(',')}`;
}

/** The next selection after a click: a run toggles, and a sixth is not taken. */
export function toggleSelection(selected: readonly string[], id: string): string[] {
  if (selected.includes(id)) return selected.filter((candidate) => candidate !== id);
  return selected.length >= MAX_COMPARED_RUNS ? [...selected] : [...selected, id];
}

export interface DiffRow {
  key: string;
  /** One cell per run, in the runs' order; '—' where a run has no value. */
  values: string[];
  /** Not every run has the same value: the row is highlighted. */
  differs: boolean;
}

export function formatParam(value: ParamValue | undefined): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : String(value);
}

function diffRows<T>(runs: readonly Run[], keysOf: (run: Run) => string[], valueOf: (run: Run, key: string) => T | undefined, format: (value: T | undefined) => string): DiffRow[] {
  const keys = [...new Set(runs.flatMap(keysOf))].sort();
  return keys.map((key) => {
    const values = runs.map((run) => format(valueOf(run, key)));
    return { key, values, differs: new Set(values).size > 1 };
  });
}

/** Every param of any of the runs, one row each, differences marked. */
export function paramDiff(runs: readonly Run[]): DiffRow[] {
  return diffRows(runs, (run) => Object.keys(run.params), (run, key) => run.params[key], formatParam);
}

/** The environment (data version, spec hash, backend…) the same way: a different data version explains a lot. */
export function environmentDiff(runs: readonly Run[]): DiffRow[] {
  return diffRows(
    runs,
    (run) => Object.keys(run.environment),
    (run, key) => run.environment[key as keyof RunEnvironment],
    (value) => value ?? '—',
  );
}

/** Metric keys any of the runs logged as curves, loss first. */
export function comparedCurveKeys(runs: readonly Run[]): string[] {
  const keys = [...new Set(runs.flatMap((run) => Object.keys(run.metrics)))].filter(isCurveKey);
  return keys.sort((a, b) => (a === 'loss' ? -1 : b === 'loss' ? 1 : a.localeCompare(b)));
}

/** Test-split metrics as rows for a grouped bar chart: one row per metric, a column per run id. */
export function testMetricRows(runs: readonly Run[]): Array<{ metric: string } & Record<string, number | string>> {
  const keys = [...new Set(runs.flatMap((run) => Object.keys(run.metrics)))].filter((key) => key.startsWith('test_') && key !== 'test_rows').sort();
  return keys.map((key) => {
    const row: { metric: string } & Record<string, number | string> = { metric: key.replace(/^test_/, '') };
    for (const run of runs) if (run.metrics[key] !== undefined) row[run.id] = run.metrics[key];
    return row;
  });
}

/** Distinct labels for the runs in a legend: the name, with a short id when two runs share a name. */
export function runLabels(runs: readonly Run[]): Record<string, string> {
  const counts = new Map<string, number>();
  for (const run of runs) counts.set(run.name, (counts.get(run.name) ?? 0) + 1);
  return Object.fromEntries(runs.map((run) => [run.id, (counts.get(run.name) ?? 0) > 1 || !run.name ? `${run.name || 'run'} (${run.id.slice(0, 8)})` : run.name]));
}

/** Colours for up to five runs, distinguishable side by side and for most colour vision. */
export const RUN_COLORS = ['#4f46e5', '#d97706', '#0891b2', '#db2777', '#16a34a'] as const;
