'use client';

import type { Run } from '@galley/contracts';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { shortenText } from '../../lib/format';
import { formatMetricValue } from '../../lib/training-runs';

/** One metric across the runs of a table, as bars in the table's order: the comparison the table asks for. */
export function MetricBars({ runs, metric }: { runs: readonly Run[]; metric: string }) {
  const rows = runs.filter((run) => run.metrics[metric] !== undefined).map((run) => ({ id: run.id, name: run.name || run.id.slice(0, 8), value: run.metrics[metric] }));
  if (rows.length === 0) return null;
  const height = Math.min(420, 40 + rows.length * 22);
  // Bars start at 0 unless a value is negative: a bar's length must be its value, not its lead over the smallest.
  const domain: [number | 'auto', number | 'auto'] = rows.every((row) => row.value >= 0) ? [0, 'auto'] : ['auto', 'auto'];
  return (
    <figure className="chart-figure" aria-label={`${metric} per run`} data-chart="metric-bars">
      <figcaption>
        <span className="mono">{metric}</span> per run
      </figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" horizontal={false} />
          <XAxis type="number" fontSize={11} domain={domain} tickFormatter={(value: number) => formatMetricValue(value)} />
          <YAxis type="category" dataKey="id" fontSize={11} width={130} interval={0} tickFormatter={(id: string) => shortenText(rows.find((row) => row.id === id)?.name ?? id, 20)} />
          <Tooltip formatter={(value) => [formatMetricValue(Number(value)), metric]} labelFormatter={(id) => rows.find((row) => row.id === id)?.name ?? String(id)} />
          <Bar dataKey="value" fill="#4f46e5" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
