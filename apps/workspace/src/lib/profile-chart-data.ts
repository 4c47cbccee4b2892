import type { ColumnProfile, Histogram, TopValue } from '@galley/contracts';
import { formatStat } from './format';

/** One bar of a histogram: the bin [from, to) and how many values fell in it. */
export interface HistogramBar {
  label: string;
  from: number;
  to: number;
  count: number;
}

/**
 * The bars of a profile histogram. `edges` has one more entry than `counts`; a malformed pair is cut to
 * what both describe rather than drawing bars without bounds.
 */
export function histogramBars(histogram: Histogram): HistogramBar[] {
  const bins = Math.min(histogram.counts.length, histogram.edges.length - 1);
  const bars: HistogramBar[] = [];
  for (let index = 0; index < bins; index += 1) {
    const from = histogram.edges[index];
    const to = histogram.edges[index + 1];
    bars.push({ label: formatStat(from), from, to, count: histogram.counts[index] });
  }
  return bars;
}

export interface TopValueBar {
  label: string;
  count: number;
}

/** Top values as bars, keeping the profile's order (most frequent first); `true`/`false` stay words. */
export function topValueBars(topValues: readonly TopValue[]): TopValueBar[] {
  return topValues.map((top) => ({ label: typeof top.value === 'string' ? top.value : String(top.value), count: top.count }));
}

/** What the profile says about a column decides how it is drawn: a histogram, top values, or neither. */
export function chartKindOf(column: ColumnProfile): 'histogram' | 'top-values' | 'none' {
  if (column.histogram && column.histogram.counts.length > 0) return 'histogram';
  if (column.topValues && column.topValues.length > 0) return 'top-values';
  return 'none';
}
