import type { EpochLog } from '@galley/contracts';
import type { PlotData, PlotSeries } from './plot-spec';

/**
 * Live training progress as a display: one line per metric by epoch (validation twins beside their
 * training value), with `progress` for a bar, and a one-line text for plain viewers.
 */

export interface ProgressPlotData extends PlotData {
  progress: { current: number; total: number; label: string };
}

export function epochProgressPlot(title: string, history: readonly EpochLog[], epochs: number): ProgressPlotData {
  const keys: string[] = [];
  for (const entry of history) for (const key of Object.keys(entry.values)) if (!keys.includes(key)) keys.push(key);
  const ordered = [...keys.filter((key) => !key.startsWith('val_')), ...keys.filter((key) => key.startsWith('val_'))];
  const series: PlotSeries[] = ordered.map((key) => ({
    name: key,
    type: 'line',
    x: history.map((entry) => entry.epoch),
    y: history.map((entry) => {
      const value = entry.values[key];
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    }),
  }));
  const current = history.length === 0 ? 0 : history[history.length - 1].epoch;
  return {
    version: 1,
    title,
    xLabel: 'epoch',
    yLabel: null,
    series,
    progress: { current, total: epochs, label: `epoch ${current} of ${epochs}` },
  };
}

/** `epoch 3/10 — loss 0.4132, accuracy 0.8800` (or `waiting for the first epoch`). */
export function progressText(history: readonly EpochLog[], epochs: number): string {
  const last = history[history.length - 1];
  if (!last) return `waiting for the first epoch (of ${epochs})`;
  const values = Object.entries(last.values)
    .map(([key, value]) => `${key} ${formatNumber(value)}`)
    .join(', ');
  return `epoch ${last.epoch}/${epochs} — ${values}`;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e5) ? value.toExponential(3) : value.toFixed(4);
}
