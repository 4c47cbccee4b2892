'use client';

import type { Run } from '@galley/contracts';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { compareRows } from '../../lib/training-curves';
import type { CurvePoint } from '../../lib/training-curves';
import { RUN_COLORS, testMetricRows } from '../../lib/training-compare';
import { formatMetricValue } from '../../lib/training-runs';
import { legendOrder } from './legend-order';

/** One metric of several runs on one chart, a line per run in the run's colour. */
export function OverlaidCurve({ metric, runs, labels, histories }: { metric: string; runs: readonly Run[]; labels: Record<string, string>; histories: Readonly<Record<string, readonly CurvePoint[]>> }) {
  const present = runs.filter((run) => (histories[run.id]?.length ?? 0) > 0);
  const rows = compareRows(Object.fromEntries(present.map((run) => [run.id, histories[run.id] ?? []])));
  return (
    <figure className="chart-figure" aria-label={`${metric} across runs`} data-chart="compare-curve" data-metric={metric} data-series={present.length}>
      <figcaption>
        <span className="mono">{metric}</span> <span className="muted small">by epoch</span>
      </figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={rows} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} fontSize={11} />
          <YAxis domain={['auto', 'auto']} fontSize={11} width={52} tickFormatter={(value: number) => formatMetricValue(value)} />
          <Tooltip formatter={(value, key) => [formatMetricValue(Number(value)), labels[String(key)] ?? String(key)]} labelFormatter={(step) => `epoch ${String(step)}`} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={legendOrder(runs.map((run) => run.id), 'dataKey')} />
          {runs.map((run, index) =>
            (histories[run.id]?.length ?? 0) > 0 ? (
              <Line
                key={run.id}
                type="monotone"
                dataKey={run.id}
                name={labels[run.id] ?? run.id}
                stroke={RUN_COLORS[index % RUN_COLORS.length]}
                strokeWidth={2}
                dot={rows.length <= 60 ? { r: 2 } : false}
                connectNulls
                isAnimationActive={false}
              />
            ) : null,
          )}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** The runs' test-split metrics side by side: a group of bars per metric. */
export function TestMetricBars({ runs, labels }: { runs: readonly Run[]; labels: Record<string, string> }) {
  const rows = testMetricRows(runs);
  if (rows.length === 0) return <p className="muted">None of these runs has test metrics.</p>;
  return (
    <figure className="chart-figure" aria-label="Test metrics across runs" data-chart="compare-test-metrics">
      <figcaption>Test-split metrics</figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={rows} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="metric" fontSize={11} interval={0} />
          <YAxis fontSize={11} width={52} tickFormatter={(value: number) => formatMetricValue(value)} />
          <Tooltip formatter={(value, key) => [formatMetricValue(Number(value)), labels[String(key)] ?? String(key)]} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={legendOrder(runs.map((run) => run.id), 'dataKey')} />
          {runs.map((run, index) => (
            <Bar key={run.id} dataKey={run.id} name={labels[run.id] ?? run.id} fill={RUN_COLORS[index % RUN_COLORS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
