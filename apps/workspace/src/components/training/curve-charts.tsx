'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { curveGroups, curveRows, plottedPointCount } from '../../lib/training-curves';
import type { MetricSeries } from '../../lib/training-curves';
import { formatMetricValue } from '../../lib/training-runs';
import { legendOrder } from './legend-order';

const TRAIN_COLOR = '#4f46e5';
const VALIDATION_COLOR = '#d97706';
/** Above this many epochs the dots would merge into a thick line; the line alone reads better. */
const MAX_DOTTED_POINTS = 120;

/** One chart per metric (its validation twin overlaid), redrawn as epochs arrive. */
export function CurveCharts({ series, live = false }: { series: MetricSeries; live?: boolean }) {
  const groups = curveGroups(Object.keys(series));
  if (groups.length === 0) {
    return <p className="muted">{live ? 'Waiting for the first epoch …' : 'This run logged no metric curves.'}</p>;
  }
  return (
    <div className="curve-grid">
      {groups.map((group) => (
        <CurveChart key={group.metric} metric={group.metric} keys={group.keys} series={series} />
      ))}
    </div>
  );
}

export function CurveChart({ metric, keys, series }: { metric: string; keys: readonly string[]; series: MetricSeries }) {
  const rows = curveRows(series, keys);
  const points = plottedPointCount(series, keys);
  return (
    <figure className="chart-figure" aria-label={`${metric} by epoch`} data-chart="curve" data-metric={metric} data-points={points}>
      <figcaption>
        {metric} <span className="muted small">by epoch</span>
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={rows} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} fontSize={11} />
          <YAxis domain={['auto', 'auto']} fontSize={11} width={52} tickFormatter={(value: number) => formatMetricValue(value)} />
          <Tooltip formatter={(value) => formatMetricValue(Number(value))} labelFormatter={(step) => `epoch ${String(step)}`} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={legendOrder(keys, 'dataKey')} />
          {keys.map((key) => (
            <Line
              key={key}
              type="monotone"
              dataKey={key}
              name={key}
              stroke={key.startsWith('val_') ? VALIDATION_COLOR : TRAIN_COLOR}
              strokeWidth={2}
              dot={rows.length <= MAX_DOTTED_POINTS ? { r: 2.5 } : false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
