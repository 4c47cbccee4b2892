'use client';

import type { Histogram, TopValue } from '@galley/contracts';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatStat, shortenText } from '../../lib/format';
import { histogramBars, topValueBars } from '../../lib/profile-chart-data';
import type { HistogramBar } from '../../lib/profile-chart-data';

const BAR_COLOR = '#4f46e5';
const CATEGORY_COLOR = '#0891b2';

/** Equal-width bins from min to max, as a bar chart; the tooltip names each bin's exact bounds. */
export function HistogramChart({ column, histogram }: { column: string; histogram: Histogram }) {
  const bars = histogramBars(histogram);
  return (
    <figure aria-label={`Histogram of ${column}`} data-chart="histogram">
      <figcaption>Distribution ({bars.length} bins)</figcaption>
      <ResponsiveContainer width="100%" height={160}>
        <BarChart data={bars} margin={{ top: 4, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="label" fontSize={11} minTickGap={16} />
          <YAxis fontSize={11} width={44} allowDecimals={false} tickFormatter={(n: number) => formatCount(n)} />
          <Tooltip
            formatter={(value) => [formatCount(Number(value)), 'rows']}
            labelFormatter={(_label, payload) => binLabel(payload[0]?.payload as HistogramBar | undefined)}
          />
          <Bar dataKey="count" fill={BAR_COLOR} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function binLabel(bar: HistogramBar | undefined): string {
  return bar ? `[${formatStat(bar.from)}, ${formatStat(bar.to)})` : '';
}

/** The most frequent values of a categorical column, as horizontal bars (labels stay readable). */
export function TopValuesChart({ column, topValues }: { column: string; topValues: readonly TopValue[] }) {
  const bars = topValueBars(topValues);
  const height = 28 + bars.length * 22;
  return (
    <figure aria-label={`Top values of ${column}`} data-chart="top-values">
      <figcaption>Most frequent values</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" horizontal={false} />
          <XAxis type="number" fontSize={11} allowDecimals={false} tickFormatter={(n: number) => formatCount(n)} />
          <YAxis type="category" dataKey="label" fontSize={11} width={110} interval={0} tickFormatter={(label: string) => shortenText(label, 16)} />
          <Tooltip formatter={(value) => [formatCount(Number(value)), 'rows']} />
          <Bar dataKey="count" fill={CATEGORY_COLOR} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
