'use client';

import type { Sweep } from '@galley/contracts';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { trialObjectiveRows } from '../../lib/training-sweep-draft';
import { formatMetricValue } from '../../lib/training-runs';

/** The objective of every finished trial, in trial order; the best trial's bar in the accent colour. */
export function TrialObjectiveChart({ sweep }: { sweep: Sweep }) {
  const rows = trialObjectiveRows(sweep);
  const scored = rows.filter((row) => row.objective !== null);
  const domain: [number | 'auto', number | 'auto'] = scored.every((row) => (row.objective ?? 0) >= 0) ? [0, 'auto'] : ['auto', 'auto'];
  return (
    <figure className="chart-figure" aria-label={`${sweep.objective.metric} per trial`} data-chart="sweep-objective" data-points={scored.length}>
      <figcaption>
        <span className="mono">{sweep.objective.metric}</span> per trial <span className="muted small">({sweep.objective.goal === 'maximize' ? 'higher' : 'lower'} is better; the best is dark)</span>
      </figcaption>
      {scored.length === 0 ? (
        <p className="muted">No trial has finished yet.</p>
      ) : (
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={rows} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" vertical={false} />
            <XAxis dataKey="trial" fontSize={11} interval={0} />
            <YAxis domain={domain} fontSize={11} width={52} tickFormatter={(value: number) => formatMetricValue(value)} />
            <Tooltip formatter={(value) => [formatMetricValue(Number(value)), sweep.objective.metric]} labelFormatter={(label, payload) => `${String(label)}: ${String((payload[0]?.payload as { params?: string } | undefined)?.params ?? '')}`} />
            <Bar dataKey="objective" isAnimationActive={false}>
              {rows.map((row) => (
                <Cell key={row.index} fill={row.best ? '#312e81' : '#a5b4fc'} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
