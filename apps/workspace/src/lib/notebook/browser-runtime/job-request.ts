import type { DataSpec, EvaluationMetrics, FeatureSpec, FitSpec, SubmitJobRequestInput } from '@galley/contracts';
import type { ExportedModel } from '@galley/ml';
import type { PlotData } from './plot-spec';

/**
 * `galley.submit(model, options)` → the `POST /api/v1/jobs` body. What the cell did not say comes
 * from what it last did: the dataset and columns of its last `toTensors`, the seed of that split (so
 * the trainer splits and preprocesses the rows the same way), and the settings of its last `galley.fit`.
 */

export interface SubmitOptions {
  data?: {
    dataset?: string;
    version?: number | 'latest';
    target?: string;
    features?: (string | FeatureSpec)[];
    task?: DataSpec['task'];
    testFraction?: number;
    standardizeTarget?: boolean;
  };
  fit?: Partial<FitSpec>;
  experiment?: string;
  name?: string;
  /** Send the model's current weights as the job's starting point (default: the trainer starts from seeded initializers). */
  includeWeights?: boolean;
  seed?: number;
  resources?: { timeoutSeconds?: number; maxAttempts?: number };
}

/** What the notebook remembers from its last `toTensors` and `galley.fit`. */
export interface SubmitDefaults {
  data?: { dataset: string; version: number; data: DataSpec; seed: number; validationSplit: number } | null;
  fit?: { epochs?: number; batchSize?: number; validationSplit?: number } | null;
}

export const DEFAULT_EXPERIMENT = 'notebooks';
export const DEFAULT_SEED = 42;

export class SubmitOptionsError extends Error {
  override readonly name = 'SubmitOptionsError';
}

export function buildJobRequest(exported: ExportedModel, options: SubmitOptions, defaults: SubmitDefaults = {}): SubmitJobRequestInput {
  const last = defaults.data ?? null;
  const asked = options.data ?? {};
  const dataset = asked.dataset ?? last?.dataset;
  if (!dataset) throw new SubmitOptionsError("galley.submit needs data: { dataset, target } (or load one first with galley.dataset('name@v') and call toTensors)");
  const sameDataset = last !== null && last.dataset === dataset;
  const target = asked.target ?? (sameDataset ? last.data.target : undefined);
  if (!target) throw new SubmitOptionsError('galley.submit needs data.target: the column to predict');
  const features = asked.features?.map((feature) => (typeof feature === 'string' ? { name: feature } : feature)) ?? (sameDataset ? last.data.features : undefined);
  if (!features || features.length === 0) throw new SubmitOptionsError('galley.submit needs data.features: the input columns, in the order the model takes them');
  const task = asked.task ?? (sameDataset ? last.data.task : taskOfLoss(exported.compile.loss));
  const version = asked.version ?? (sameDataset ? last.version : 'latest');

  const fit = {
    epochs: options.fit?.epochs ?? defaults.fit?.epochs,
    batchSize: options.fit?.batchSize ?? defaults.fit?.batchSize ?? 32,
    validationSplit: options.fit?.validationSplit ?? defaults.fit?.validationSplit ?? (sameDataset ? last.validationSplit : 0),
    ...(options.fit?.earlyStopping ? { earlyStopping: options.fit.earlyStopping } : {}),
  };
  if (fit.epochs === undefined) throw new SubmitOptionsError('galley.submit needs fit: { epochs, batchSize } (or train with galley.fit first, whose settings are reused)');

  const data: SubmitJobRequestInput['data'] = {
    task,
    target,
    features,
    ...(asked.testFraction !== undefined ? { testFraction: asked.testFraction } : sameDataset ? { testFraction: last.data.testFraction } : {}),
    ...(asked.standardizeTarget !== undefined ? { standardizeTarget: asked.standardizeTarget } : sameDataset ? { standardizeTarget: last.data.standardizeTarget } : {}),
  };
  return {
    ...(options.name ? { name: options.name } : {}),
    experiment: options.experiment ?? DEFAULT_EXPERIMENT,
    source: { dataset, version },
    data,
    model: {
      topology: exported.topology,
      compile: exported.compile,
      fit: fit as SubmitJobRequestInput['model']['fit'],
      ...(exported.initialWeights ? { initialWeights: exported.initialWeights } : {}),
    },
    seed: options.seed ?? (sameDataset ? last.seed : DEFAULT_SEED),
    ...(options.resources ? { resources: { timeoutSeconds: options.resources.timeoutSeconds ?? 3600, maxAttempts: options.resources.maxAttempts ?? 3 } } : {}),
  };
}

function taskOfLoss(loss: string): DataSpec['task'] {
  return loss === 'meanSquaredError' || loss === 'meanAbsoluteError' ? 'regression' : 'classification';
}

/** A 422's field errors, one line each, so the cell's error output says what to change. */
export function refusalMessage(status: number, detail: string, errors: readonly { field: string; message: string }[]): string {
  const lines = errors.map((issue) => `  ${issue.field}: ${issue.message}`);
  return [`The server refused the job (${status}): ${detail}`, ...lines].join('\n');
}

export interface MetricComparisonRow {
  metric: string;
  prototype: number | null;
  server: number | null;
}

const CLASSIFICATION_KEYS = ['loss', 'accuracy', 'macroF1', 'rocAuc'] as const;
const REGRESSION_KEYS = ['loss', 'rmse', 'mae', 'r2'] as const;

/** The test-split metrics of the browser prototype beside the server run's, metric by metric. */
export function compareEvaluations(prototype: EvaluationMetrics | null, server: EvaluationMetrics | null): MetricComparisonRow[] {
  const task = server?.task ?? prototype?.task;
  if (!task) return [];
  const keys: readonly string[] = task === 'classification' ? CLASSIFICATION_KEYS : REGRESSION_KEYS;
  const value = (metrics: EvaluationMetrics | null, key: string): number | null => {
    if (!metrics || metrics.task !== task) return null;
    const raw = (metrics as unknown as Record<string, unknown>)[key];
    return typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
  };
  return keys.map((metric) => ({ metric, prototype: value(prototype, metric), server: value(server, metric) })).filter((row) => row.prototype !== null || row.server !== null);
}

/** The comparison as a grouped bar chart (prototype and server per metric) for the plot renderer. */
export function comparisonPlot(rows: readonly MetricComparisonRow[], title: string): PlotData {
  return {
    version: 1,
    title,
    xLabel: 'metric (test split)',
    yLabel: null,
    series: [
      { name: 'browser prototype', type: 'bar', x: rows.map((row) => row.metric), y: rows.map((row) => row.prototype) },
      { name: 'server run', type: 'bar', x: rows.map((row) => row.metric), y: rows.map((row) => row.server) },
    ],
  };
}

/** The comparison as a text table (the text/plain of the display). */
export function comparisonTable(rows: readonly MetricComparisonRow[]): string {
  const format = (value: number | null) => (value === null ? '—' : value.toFixed(4));
  const width = Math.max(6, ...rows.map((row) => row.metric.length));
  const header = `${'metric'.padEnd(width)}  ${'prototype'.padStart(10)}  ${'server'.padStart(10)}`;
  return [header, ...rows.map((row) => `${row.metric.padEnd(width)}  ${format(row.prototype).padStart(10)}  ${format(row.server).padStart(10)}`)].join('\n');
}
