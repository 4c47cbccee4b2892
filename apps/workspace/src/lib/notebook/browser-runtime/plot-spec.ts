import { z } from 'zod';
import type { MimeBundle } from './outputs';

/**
 * `galley.plot(spec)` → a display_data output whose `application/vnd.galley.plot+json` holds a
 * normalized chart (line, scatter or bar series) that components/notebook/plot-output.tsx draws,
 * with a text/plain line for viewers that do not know the mimetype (JupyterLab, GitHub).
 */

export const PLOT_MIME_TYPE = 'application/vnd.galley.plot+json';
export const MAX_PLOT_POINTS = 10_000;

export const PlotKindSchema = z.enum(['line', 'scatter', 'bar']);
export type PlotKind = z.infer<typeof PlotKindSchema>;

const finiteOrNull = z.union([z.number(), z.null()]);
const XValues = z.union([z.array(z.number()), z.array(z.string())]);

const SeriesInputSchema = z.strictObject({
  name: z.string().max(200).optional(),
  type: PlotKindSchema.optional(),
  x: XValues.optional(),
  y: z.array(finiteOrNull),
});

/** What a cell may pass: one series (`{ x, y }`) or several (`{ series: [...] }`). */
export const PlotInputSchema = z.strictObject({
  type: PlotKindSchema.default('line'),
  title: z.string().max(300).optional(),
  xLabel: z.string().max(200).optional(),
  yLabel: z.string().max(200).optional(),
  name: z.string().max(200).optional(),
  x: XValues.optional(),
  y: z.array(finiteOrNull).optional(),
  series: z.array(SeriesInputSchema).min(1).max(20).optional(),
});
export type PlotInput = z.input<typeof PlotInputSchema>;

export interface PlotSeries {
  name: string;
  type: PlotKind;
  x: (number | string)[];
  y: (number | null)[];
}

/** The mimetype's JSON, version 1. */
export interface PlotData {
  version: 1;
  title: string | null;
  xLabel: string | null;
  yLabel: string | null;
  series: PlotSeries[];
}

export class PlotSpecError extends Error {
  override readonly name = 'PlotSpecError';
}

export function normalizePlot(input: unknown): PlotData {
  const parsed = PlotInputSchema.safeParse(toPlainArrays(input));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PlotSpecError(`galley.plot: ${issue.path.map(String).join('.') || 'spec'}: ${issue.message}`);
  }
  const spec = parsed.data;
  if (spec.series && spec.y) throw new PlotSpecError('galley.plot: give either y (one series) or series, not both');
  const inputs = spec.series ?? (spec.y ? [{ name: spec.name, x: spec.x, y: spec.y }] : null);
  if (!inputs) throw new PlotSpecError('galley.plot: give y (one series) or series: [{ name, x, y }]');
  const series = inputs.map((input, i): PlotSeries => {
    const x = input.x ?? input.y.map((_, index) => index);
    if (x.length !== input.y.length) throw new PlotSpecError(`galley.plot: series ${i}: x has ${x.length} values and y has ${input.y.length}`);
    if (input.y.length > MAX_PLOT_POINTS) throw new PlotSpecError(`galley.plot: series ${i} has ${input.y.length} points; at most ${MAX_PLOT_POINTS} are kept in a notebook`);
    return { name: input.name ?? (inputs.length === 1 ? 'y' : `series ${i + 1}`), type: input.type ?? spec.type, x: [...x], y: input.y.map((v) => (v !== null && Number.isFinite(v) ? v : null)) };
  });
  return { version: 1, title: spec.title ?? null, xLabel: spec.xLabel ?? null, yLabel: spec.yLabel ?? null, series };
}

export function plotBundle(plot: PlotData): MimeBundle {
  return { [PLOT_MIME_TYPE]: plot, 'text/plain': plotSummary(plot) };
}

/** `Plot "loss": line of loss (20 points), line of val_loss (20 points)`. */
export function plotSummary(plot: PlotData): string {
  const parts = plot.series.map((series) => `${series.type} of ${series.name} (${series.y.length} points)`);
  return `Plot${plot.title ? ` "${plot.title}"` : ''}: ${parts.join(', ')}`;
}

/**
 * Typed arrays (from `await t.data()`) become plain arrays, so a cell can pass tensor data as it is;
 * NaN and ±Infinity become null (a gap in the line), which JSON can hold.
 */
function toPlainArrays(input: unknown): unknown {
  if (typeof input === 'number') return Number.isFinite(input) ? input : null;
  if (ArrayBuffer.isView(input) && !(input instanceof DataView)) return Array.from(input as unknown as ArrayLike<number>, toPlainArrays);
  if (Array.isArray(input)) return input.map(toPlainArrays);
  if (input && typeof input === 'object' && Object.getPrototypeOf(input) === Object.prototype) {
    return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, toPlainArrays(value)]));
  }
  return input;
}

/** Rows for a chart library: one per x value, one column per series (`s0`, `s1`…), in first-seen x order. */
export function plotRows(plot: PlotData): Record<string, number | string | null>[] {
  const rows = new Map<number | string, Record<string, number | string | null>>();
  plot.series.forEach((series, s) => {
    series.x.forEach((x, i) => {
      const row = rows.get(x) ?? { x };
      row[`s${s}`] = series.y[i];
      rows.set(x, row);
    });
  });
  const list = [...rows.values()];
  if (list.every((row) => typeof row['x'] === 'number')) list.sort((a, b) => (a['x'] as number) - (b['x'] as number));
  return list;
}
