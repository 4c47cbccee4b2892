'use client';

import type { ReactNode } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { PLOT_MIME_TYPE, plotRows } from '../../lib/notebook/browser-runtime';
import type { PlotData } from '../../lib/notebook/browser-runtime';
import { ProgressBar } from '../progress-bar';

/**
 * Draws `application/vnd.galley.plot+json` (galley.plot, live training progress, a submitted job's
 * curves and the prototype-vs-server comparison). Register it with the notebook's mime renderers:
 * `Object.assign(GALLEY_MIME_RENDERERS, BROWSER_RUNTIME_RENDERERS)`.
 */

const COLORS = ['#4f46e5', '#d97706', '#059669', '#dc2626', '#0891b2', '#7c3aed', '#65a30d', '#db2777'];

interface ProgressPlot extends PlotData {
  progress?: { current: number; total: number; label: string } | null;
}

function isPlot(value: unknown): value is ProgressPlot {
  return typeof value === 'object' && value !== null && (value as { version?: unknown }).version === 1 && Array.isArray((value as { series?: unknown }).series);
}

function formatTick(value: unknown): string {
  if (typeof value !== 'number') return String(value);
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e5) ? value.toExponential(1) : String(Number(value.toPrecision(4)));
}

export function PlotOutput({ plot }: { plot: ProgressPlot }) {
  const points = plot.series.reduce((sum, series) => sum + series.y.filter((value) => value !== null).length, 0);
  const allScatter = plot.series.every((series) => series.type === 'scatter');
  const categoricalX = plot.series.some((series) => series.x.some((x) => typeof x === 'string'));
  const progress = plot.progress ?? null;
  const integerX = plot.series.every((series) => series.x.every((x) => typeof x === 'number' && Number.isInteger(x)));
  const hasBars = plot.series.some((series) => series.type === 'bar');
  return (
    <figure className="chart-figure" aria-label={plot.title ?? 'Plot'} data-chart="galley-plot" data-points={points} data-progress={progress ? `${progress.current}/${progress.total}` : undefined}>
      {plot.title ? <figcaption>{plot.title}</figcaption> : null}
      {progress ? <ProgressBar label="Training progress" percent={progress.total > 0 ? (100 * progress.current) / progress.total : null} valueText={progress.label} /> : null}
      {points === 0 ? (
        <p className="muted small">{progress ? 'Waiting for the first epoch …' : 'Nothing to plot.'}</p>
      ) : (
        <ResponsiveContainer width="100%" height={240}>
          {allScatter ? (
            <ScatterChart margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
              <XAxis dataKey="x" type="number" name={plot.xLabel ?? 'x'} fontSize={11} tickFormatter={formatTick} domain={['auto', 'auto']} />
              <YAxis dataKey="y" type="number" name={plot.yLabel ?? 'y'} fontSize={11} width={52} tickFormatter={formatTick} domain={['auto', 'auto']} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {plot.series.map((series, i) => (
                <Scatter key={i} name={series.name} data={series.x.map((x, j) => ({ x, y: series.y[j] }))} fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
              ))}
            </ScatterChart>
          ) : (
            <ComposedChart data={plotRows(plot)} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
              <XAxis
                dataKey="x"
                type={categoricalX || hasBars ? 'category' : 'number'}
                domain={categoricalX || hasBars ? undefined : ['dataMin', 'dataMax']}
                allowDecimals={!integerX}
                fontSize={11}
                tickFormatter={formatTick}
              />
              {/* Bars are read by their length, so their axis starts at zero. */}
              <YAxis domain={hasBars ? [(dataMin: number) => Math.min(0, dataMin), 'auto'] : ['auto', 'auto']} fontSize={11} width={52} tickFormatter={formatTick} />
              <Tooltip formatter={(value) => formatTick(value)} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {plot.series.map((series, i) => {
                const color = COLORS[i % COLORS.length];
                const key = `s${i}`;
                if (series.type === 'bar') return <Bar key={key} dataKey={key} name={series.name} fill={color} isAnimationActive={false} />;
                if (series.type === 'scatter') return <Scatter key={key} dataKey={key} name={series.name} fill={color} isAnimationActive={false} />;
                return <Line key={key} type="monotone" dataKey={key} name={series.name} stroke={color} strokeWidth={2} dot={series.y.length <= 120 ? { r: 2.5 } : false} connectNulls isAnimationActive={false} />;
              })}
            </ComposedChart>
          )}
        </ResponsiveContainer>
      )}
      {plot.xLabel ? <p className="muted small">x: {plot.xLabel}</p> : null}
    </figure>
  );
}

/** Mimetype → renderer, for the notebook's output view. */
export const BROWSER_RUNTIME_RENDERERS: Record<string, (value: unknown) => ReactNode> = {
  [PLOT_MIME_TYPE]: (value) => (isPlot(value) ? <PlotOutput plot={value} /> : <p className="muted small">A plot this page cannot read.</p>),
};
