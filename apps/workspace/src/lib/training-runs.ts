import type { Job, JobStatus, Run } from '@galley/contracts';
import { formatParam } from './training-compare';

/** Runs lists and jobs lists as data: which columns to show, the orders on offer, a job's progress. */

export interface OrderOption {
  value: string;
  label: string;
}

/** What the run search sorts by: newest first (the server's default), oldest first, or any metric either way. */
export function orderOptions(metricKeys: Iterable<string>): OrderOption[] {
  const keys = [...new Set(metricKeys)].sort(testMetricsFirst);
  return [
    { value: '', label: 'Newest first' },
    { value: 'attributes.created_at asc', label: 'Oldest first' },
    ...keys.flatMap((key) => [
      { value: `metrics.${key} desc`, label: `${key}, highest first` },
      { value: `metrics.${key} asc`, label: `${key}, lowest first` },
    ]),
  ];
}

/** `metrics.test_accuracy desc` → `test_accuracy`; null for an order that is not by a metric. */
export function orderedMetric(orderBy: string): string | null {
  return /^\s*metrics\.(\S+)/i.exec(orderBy)?.[1] ?? null;
}

function testMetricsFirst(a: string, b: string): number {
  const rank = (key: string) => (key.startsWith('test_') ? 0 : key.startsWith('val_') ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}

const METRIC_COLUMNS = 4;
const PARAM_COLUMNS = 4;

/**
 * The columns of a runs table: the metric it is ordered by, then test metrics, then validation
 * metrics, as many as fit; and the params whose values differ between the runs shown (the ones that
 * tell them apart), falling back to the first params when all agree.
 */
export function runColumns(runs: readonly Run[], orderBy: string): { metrics: string[]; params: string[] } {
  const ordered = orderedMetric(orderBy);
  const keys = [...new Set(runs.flatMap((run) => Object.keys(run.metrics)))].sort(testMetricsFirst);
  const metrics = [...(ordered ? [ordered] : []), ...keys.filter((key) => key !== ordered)].slice(0, METRIC_COLUMNS);
  const paramKeys = [...new Set(runs.flatMap((run) => Object.keys(run.params)))].sort();
  const differing = paramKeys.filter((key) => new Set(runs.map((run) => formatParam(run.params[key]))).size > 1);
  return { metrics, params: (differing.length > 0 ? differing : paramKeys).slice(0, PARAM_COLUMNS) };
}

export function isFinished(status: JobStatus): boolean {
  return status === 'completed' || status === 'failed' || status === 'cancelled';
}

/** A job's progress bar: epochs done of all while it runs; null (indeterminate) while it waits for a trainer. */
export function jobProgress(job: Pick<Job, 'status' | 'epoch' | 'epochs'>): { percent: number | null; text: string } {
  if (job.status === 'queued') return { percent: null, text: 'waiting for a trainer' };
  const percent = job.status === 'completed' ? 100 : Math.min(100, (job.epoch / job.epochs) * 100);
  return { percent, text: `epoch ${job.epoch} of ${job.epochs}` };
}

/** The badge class of a status: green done, red failed, amber cancelled, accent while moving. */
export function statusBadge(status: JobStatus, cancelRequested = false): { className: string; label: string } {
  if (cancelRequested && status === 'running') return { className: 'badge badge-warn', label: 'cancelling' };
  switch (status) {
    case 'completed':
      return { className: 'badge badge-up', label: status };
    case 'failed':
      return { className: 'badge badge-down', label: status };
    case 'cancelled':
      return { className: 'badge badge-warn', label: status };
    case 'running':
      return { className: 'badge badge-accent', label: status };
    case 'queued':
      return { className: 'badge badge-neutral', label: status };
  }
}

/** Metric values with four significant digits, the way the tables and tooltips show them. */
export function formatMetricValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && Math.abs(value) < 1e-4) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}
