'use client';

import type { ClassificationMetrics, RegressionMetrics } from '@galley/contracts';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { curveArea, perClassRows, residualQuantileRows, rocSeries } from '../../lib/training-evaluation';
import { legendOrder } from './legend-order';
import { formatMetricValue } from '../../lib/training-runs';

const SERIES_COLORS = ['#4f46e5', '#d97706', '#0891b2', '#db2777', '#16a34a', '#7c3aed', '#ea580c', '#0d9488', '#be123c', '#65a30d'];

/** ROC curves: the positive class (two classes) or the micro-average and each class one-vs-rest, over the chance diagonal. */
export function RocChart({ metrics }: { metrics: ClassificationMetrics }) {
  const series = rocSeries(metrics);
  const names = series.map((curve) => `${curve.label} (AUC ${formatMetricValue(curve.auc ?? curveArea(curve.points))})`);
  if (series.length === 0) return <p className="muted">This evaluation was recorded before ROC curves were kept; its AUC is {formatMetricValue(metrics.rocAuc)}.</p>;
  return (
    <figure className="chart-figure" aria-label="ROC curve" data-chart="roc" data-series={series.length}>
      <figcaption>
        ROC curve <span className="muted small">true-positive rate (up) against false-positive rate (across) as the threshold falls</span>
      </figcaption>
      <ResponsiveContainer width="100%" height={280}>
        <LineChart margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis dataKey="fpr" type="number" domain={[0, 1]} fontSize={11} />
          <YAxis dataKey="tpr" type="number" domain={[0, 1]} fontSize={11} width={40} />
          <Tooltip formatter={(value) => formatMetricValue(Number(value))} labelFormatter={(fpr) => `FPR ${formatMetricValue(Number(fpr))}`} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={legendOrder(names, 'value')} />
          <Line data={[{ fpr: 0, tpr: 0 }, { fpr: 1, tpr: 1 }]} dataKey="tpr" name="chance" stroke="#98a2b3" strokeDasharray="4 4" dot={false} isAnimationActive={false} legendType="none" />
          {series.map((curve, i) => (
            <Line
              key={curve.label}
              data={curve.points}
              dataKey="tpr"
              name={names[i]}
              stroke={SERIES_COLORS[i % SERIES_COLORS.length]}
              strokeWidth={i === 0 ? 2.5 : 1.5}
              dot={false}
              type="linear"
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Precision, recall and F1 of each class side by side. */
export function PerClassChart({ metrics }: { metrics: ClassificationMetrics }) {
  const rows = perClassRows(metrics);
  return (
    <figure className="chart-figure" aria-label="Precision, recall and F1 per class" data-chart="per-class">
      <figcaption>Per class</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={rows} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="label" fontSize={11} interval={0} />
          <YAxis domain={[0, 1]} fontSize={11} width={40} />
          <Tooltip formatter={(value) => formatMetricValue(Number(value))} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={legendOrder(['precision', 'recall', 'f1'], 'dataKey')} />
          <Bar dataKey="precision" fill="#4f46e5" isAnimationActive={false} />
          <Bar dataKey="recall" fill="#0891b2" isAnimationActive={false} />
          <Bar dataKey="f1" name="F1" fill="#d97706" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** How far predictions miss, by quantile of the residual (actual − predicted): symmetric around 0 is unbiased. */
export function ResidualsChart({ metrics }: { metrics: RegressionMetrics }) {
  const rows = residualQuantileRows(metrics);
  return (
    <figure className="chart-figure" aria-label="Residual quantiles" data-chart="residuals">
      <figcaption>
        Residuals <span className="muted small">actual − predicted, by quantile; above 0 the model predicts too low</span>
      </figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={rows} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="quantile" fontSize={11} />
          <YAxis fontSize={11} width={52} tickFormatter={(value: number) => formatMetricValue(value)} />
          <Tooltip formatter={(value) => [formatMetricValue(Number(value)), 'residual']} />
          <ReferenceLine y={0} stroke="#1d2330" />
          <Bar dataKey="residual" isAnimationActive={false}>
            {rows.map((row) => (
              <Cell key={row.quantile} fill={row.residual >= 0 ? '#0891b2' : '#d97706'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
