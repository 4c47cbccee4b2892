import type { EpochLog } from '@galley/contracts';

/**
 * Training curves as data: metric points by key and step, kept from the run's stored history and from
 * the live epoch events, merged so that a point arriving twice (history and stream overlap while the
 * page connects) is plotted once.
 */

export interface CurvePoint {
  step: number;
  value: number;
}

/** Points of each metric key, each list sorted by step with one point per step. */
export type MetricSeries = Readonly<Record<string, readonly CurvePoint[]>>;

/** One chart: a metric and its validation twin (`accuracy` with `val_accuracy`). */
export interface CurveGroup {
  /** The metric without `val_`: `loss`, `accuracy`. */
  metric: string;
  keys: string[];
}

/** Evaluation metrics (`test_*`) are one number on the last step, not a curve. */
export function isCurveKey(key: string): boolean {
  return !key.startsWith('test_');
}

/** The charts to draw for these keys: loss first, then the others by name; `val_x` beside `x`. */
export function curveGroups(keys: Iterable<string>): CurveGroup[] {
  const byMetric = new Map<string, Set<string>>();
  for (const key of keys) {
    if (!isCurveKey(key)) continue;
    const metric = key.replace(/^val_/, '');
    const group = byMetric.get(metric) ?? new Set<string>();
    group.add(key);
    byMetric.set(metric, group);
  }
  return [...byMetric.entries()]
    .sort(([a], [b]) => (a === 'loss' ? -1 : b === 'loss' ? 1 : a.localeCompare(b)))
    .map(([metric, group]) => ({ metric, keys: [...group].sort((a, b) => Number(a.startsWith('val_')) - Number(b.startsWith('val_')) || a.localeCompare(b)) }));
}

/** The series with `points` added under `key`; a point for a step already there replaces it. */
export function mergePoints(series: MetricSeries, key: string, points: readonly CurvePoint[]): MetricSeries {
  if (points.length === 0 && key in series) return series;
  const byStep = new Map((series[key] ?? []).map((point) => [point.step, point.value]));
  for (const point of points) byStep.set(point.step, point.value);
  const merged = [...byStep.entries()].sort(([a], [b]) => a - b).map(([step, value]) => ({ step, value }));
  return { ...series, [key]: merged };
}

/** An epoch's log as metric points: `loss` and each value, at the epoch's step (as the training service stores them). */
export function epochPoints(log: EpochLog): Array<{ key: string; point: CurvePoint }> {
  return [['loss', log.loss] as const, ...Object.entries(log.values)]
    .filter(([, value]) => Number.isFinite(value))
    .map(([key, value]) => ({ key, point: { step: log.epoch, value } }));
}

export function mergeEpoch(series: MetricSeries, log: EpochLog): MetricSeries {
  return epochPoints(log).reduce((merged, { key, point }) => mergePoints(merged, key, [point]), series);
}

/** Rows for a line chart: one per step, a column per key (absent where that key has no point). */
export function curveRows(series: MetricSeries, keys: readonly string[]): Array<Record<string, number>> {
  const rows = new Map<number, Record<string, number>>();
  for (const key of keys) {
    for (const point of series[key] ?? []) {
      const row = rows.get(point.step) ?? { step: point.step };
      row[key] = point.value;
      rows.set(point.step, row);
    }
  }
  return [...rows.values()].sort((a, b) => a['step'] - b['step']);
}

/** Points plotted in a chart of these keys, counted the way the chart draws them (one per key and step). */
export function plottedPointCount(series: MetricSeries, keys: readonly string[]): number {
  return keys.reduce((count, key) => count + (series[key]?.length ?? 0), 0);
}

/**
 * Rows for comparing one metric across runs: one per step, a column per run id. Runs with no point
 * at a step simply have no value there, so a shorter run's line ends where it ended.
 */
export function compareRows(histories: Readonly<Record<string, readonly CurvePoint[]>>): Array<Record<string, number>> {
  return curveRows(histories, Object.keys(histories));
}
