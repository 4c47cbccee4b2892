import type { ClassLabel, FittedFeature, FittedPreprocessing, FittedTarget } from '@galley/contracts';
import { MAX_CATEGORIES } from '@galley/contracts';
import { MlError } from './ml.errors';
import type { ResolvedFeature } from './validate-model-spec';

/**
 * The transform from raw rows to the model's input, fitted on the training split only and saved with
 * the model so serving applies exactly the same one:
 * - numeric: (x − mean) / std with the training split's mean and population std (the catalog
 *   profile's convention, stddev_pop); std 0 becomes 1; a missing value is imputed with the mean (→ 0).
 * - categorical: one column per category of the training split (sorted), then one for null; a
 *   category not seen in training is all zeros.
 */

export type Row = Readonly<Record<string, unknown>>;

export const NULL_CATEGORY_NAME = '<null>';

/**
 * A cell of a numeric feature as a number, or null when it is missing (null, empty, NaN, ±Infinity).
 * Numeric strings are accepted because DuckDB's JSON-safe rows carry big integers as decimal text.
 */
export function numericCell(value: unknown, column: string, row: number): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '' || text === 'NaN' || text === 'Infinity' || text === '-Infinity') return null;
    const parsed = Number(text);
    if (Number.isFinite(parsed)) return parsed;
  }
  throw new MlError('invalid_data', `Row ${row}: ${column} is numeric but holds ${describeCell(value)}`);
}

/** A categorical cell as its category text, or null. Numbers and booleans compare as their text. */
export function categoryCell(value: unknown, column: string, row: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new MlError('invalid_data', `Row ${row}: ${column} is categorical but holds ${describeCell(value)}`);
}

/** A target cell as a class label, or null (rows without a target are not trained on). */
export function classCell(value: unknown, column: string, row: number): ClassLabel | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  throw new MlError('invalid_data', `Row ${row}: the target ${column} holds ${describeCell(value)}`);
}

function describeCell(value: unknown): string {
  if (typeof value === 'string') return `the text "${value.slice(0, 40)}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return `a value of type ${typeof value}`;
}

/** Sorted class list: numbers ascending, false before true, strings by UTF-16 code units. */
export function sortClasses(labels: Iterable<ClassLabel>): ClassLabel[] {
  const classes = [...new Set(labels)];
  const types = new Set(classes.map((label) => typeof label));
  if (types.size > 1) {
    throw new MlError('invalid_data', `The target mixes ${[...types].join(' and ')} values; a class column has one type`);
  }
  return classes.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Mean and population standard deviation (two passes, float64). */
export function meanAndStd(values: readonly number[]): { mean: number; std: number } {
  if (values.length === 0) return { mean: 0, std: 0 };
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length) };
}

export function fitFeatures(trainingRows: readonly Row[], features: readonly ResolvedFeature[]): FittedFeature[] {
  return features.map((feature): FittedFeature => {
    if (feature.kind === 'numeric') {
      const values: number[] = [];
      trainingRows.forEach((row, i) => {
        const value = numericCell(row[feature.name], feature.name, i);
        if (value !== null) values.push(value);
      });
      const { mean, std } = meanAndStd(values);
      return { name: feature.name, kind: 'numeric', mean, scale: std > 0 ? std : 1 };
    }
    if (feature.categories) return { name: feature.name, kind: 'categorical', categories: [...feature.categories] };
    const seen = new Set<string>();
    trainingRows.forEach((row, i) => {
      const value = categoryCell(row[feature.name], feature.name, i);
      if (value !== null) seen.add(value);
    });
    if (seen.size > MAX_CATEGORIES) {
      throw new MlError('invalid_data', `${feature.name} has ${seen.size} categories in the training split, over the limit of ${MAX_CATEGORIES}`);
    }
    const categories = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { name: feature.name, kind: 'categorical', categories };
  });
}

export function fittedPreprocessing(features: FittedFeature[], target: FittedTarget): FittedPreprocessing {
  const encodedNames = features.flatMap((feature) =>
    feature.kind === 'numeric'
      ? [feature.name]
      : [...feature.categories.map((category) => `${feature.name}=${category}`), `${feature.name}=${NULL_CATEGORY_NAME}`],
  );
  return { format: 'galley-preprocessing/1', features, target, inputWidth: encodedNames.length, encodedNames };
}

/** The model input for `rows`, row-major (rows × inputWidth). */
export function transformRows(preprocessing: FittedPreprocessing, rows: readonly Row[]): Float32Array {
  const width = preprocessing.inputWidth;
  const out = new Float32Array(rows.length * width);
  const lookups = preprocessing.features.map((feature) =>
    feature.kind === 'categorical' ? new Map(feature.categories.map((category, i) => [category, i])) : null,
  );
  rows.forEach((row, r) => {
    let offset = r * width;
    preprocessing.features.forEach((feature, f) => {
      if (feature.kind === 'numeric') {
        const value = numericCell(row[feature.name], feature.name, r);
        out[offset] = value === null ? 0 : (value - feature.mean) / feature.scale;
        offset += 1;
        return;
      }
      const value = categoryCell(row[feature.name], feature.name, r);
      const index = value === null ? feature.categories.length : lookups[f]?.get(value);
      if (index !== undefined) out[offset + index] = 1;
      offset += feature.categories.length + 1;
    });
  });
  return out;
}
