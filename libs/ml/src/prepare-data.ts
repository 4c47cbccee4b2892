import type { ClassLabel, FittedPreprocessing, FittedTarget, LossName, TrainingSpec } from '@galley/contracts';
import { MlError } from './ml.errors';
import { classCell, fitFeatures, fittedPreprocessing, meanAndStd, numericCell, sortClasses, transformRows } from './preprocessing';
import type { Row } from './preprocessing';
import { deriveSeed, mulberry32, permutation, SEED_PURPOSE } from './seeded-random';
import type { ResolvedFeature, ValidatedSpec } from './validate-model-spec';

/** Rows from anywhere: an array, a generator, or an async stream (e.g. read page by page from DuckDB). */
export type RowSource = Iterable<Row> | AsyncIterable<Row>;

export interface PreparedSplit {
  rows: number;
  /** rows × inputWidth, preprocessed. */
  x: Float32Array;
  /** rows × targetWidth, encoded for the loss (class index, one-hot, or the scaled target). */
  y: Float32Array;
  /** Class indices (classification) or the raw target (regression), for evaluation. */
  actual: Int32Array | Float64Array;
}

export interface PreparedData {
  preprocessing: FittedPreprocessing;
  targetWidth: number;
  train: PreparedSplit;
  validation: PreparedSplit | null;
  test: PreparedSplit;
  /** Rows left out because their target is missing. */
  droppedRows: number;
}

export interface SplitSizes {
  train: number;
  validation: number;
  test: number;
}

/** Test first, then validation from what is left; each split that is asked for gets at least one row. */
export function splitSizes(rows: number, testFraction: number, validationSplit: number): SplitSizes {
  const test = Math.max(1, Math.round(rows * testFraction));
  const validation = validationSplit > 0 ? Math.max(1, Math.round((rows - test) * validationSplit)) : 0;
  return { train: rows - test - validation, validation, test };
}

export async function collectRows(source: RowSource): Promise<Row[]> {
  if (Array.isArray(source)) return source as Row[];
  const rows: Row[] = [];
  for await (const row of source) rows.push(row);
  return rows;
}

/**
 * Drops rows without a target, splits the rest with a seeded shuffle (test, validation, train), fits
 * the preprocessing on the training split and encodes every split.
 */
export async function prepareData(source: RowSource, validated: ValidatedSpec): Promise<PreparedData> {
  const { spec, features } = validated;
  return prepareRows(source, { data: spec.data, features, loss: spec.model.compile.loss, seed: spec.seed, validationSplit: spec.model.fit.validationSplit });
}

/** What the split and the preprocessing depend on: the data spec, the loss (target encoding), the seed. */
export interface PrepareRowsOptions {
  data: TrainingSpec['data'];
  features: readonly ResolvedFeature[];
  loss: LossName;
  seed: number;
  validationSplit: number;
}

/**
 * prepareData without a model: a browser prototype prepares its tensors with this, so with the same
 * seed it trains on the trainer's training split, preprocessed the same way.
 */
export async function prepareRows(source: RowSource, options: PrepareRowsOptions): Promise<PreparedData> {
  const { data, features, loss, seed, validationSplit } = options;
  const all = await collectRows(source);
  const labelled: Row[] = [];
  const targets: ClassLabel[] = [];
  all.forEach((row, i) => {
    const cell = row[data.target];
    const target = data.task === 'classification' ? classCell(cell, data.target, i) : numericCell(cell, data.target, i);
    if (target === null) return;
    labelled.push(row);
    targets.push(target);
  });
  const sizes = splitSizes(labelled.length, data.testFraction, validationSplit);
  if (sizes.train < 1) {
    throw new MlError('invalid_data', `${labelled.length} rows with a target are too few to split into training, validation and test rows`);
  }
  const order = permutation(labelled.length, mulberry32(deriveSeed(seed, SEED_PURPOSE.split)));
  const testIndices = order.subarray(0, sizes.test);
  const validationIndices = order.subarray(sizes.test, sizes.test + sizes.validation);
  const trainIndices = order.subarray(sizes.test + sizes.validation);
  const pick = (indices: Uint32Array): Row[] => Array.from(indices, (i) => labelled[i]);
  const trainRows = pick(trainIndices);

  let target: FittedTarget;
  if (data.task === 'classification') {
    // The class list comes from every labelled row: the output layer is sized before the split, and
    // a class that only the test split holds is still a class.
    const classes = sortClasses(targets);
    if (classes.length < 2) throw new MlError('invalid_data', `Classification needs at least 2 classes; ${data.target} has ${classes.length}`);
    target = { name: data.target, task: 'classification', classes };
  } else {
    const trainTargets = Array.from(trainIndices, (i) => targets[i] as number);
    const { mean, std } = meanAndStd(trainTargets);
    target = data.standardizeTarget
      ? { name: data.target, task: 'regression', mean, scale: std > 0 ? std : 1 }
      : { name: data.target, task: 'regression', mean: 0, scale: 1 };
  }
  const preprocessing = fittedPreprocessing(fitFeatures(trainRows, features), target);
  const targetWidth = lossTargetWidth(loss, target);
  const encode = (indices: Uint32Array, rows: Row[]): PreparedSplit =>
    encodeSplit(rows, Array.from(indices, (i) => targets[i]), preprocessing, loss, targetWidth);
  return {
    preprocessing,
    targetWidth,
    train: encode(trainIndices, trainRows),
    validation: sizes.validation > 0 ? encode(validationIndices, pick(validationIndices)) : null,
    test: encode(testIndices, pick(testIndices)),
    droppedRows: all.length - labelled.length,
  };
}

function lossTargetWidth(loss: LossName, target: FittedTarget): number {
  return loss === 'categoricalCrossentropy' && target.task === 'classification' ? target.classes.length : 1;
}

function encodeSplit(
  rows: Row[],
  targets: ClassLabel[],
  preprocessing: FittedPreprocessing,
  loss: LossName,
  targetWidth: number,
): PreparedSplit {
  const target = preprocessing.target;
  const y = new Float32Array(rows.length * targetWidth);
  let actual: Int32Array | Float64Array;
  if (target.task === 'classification') {
    const index = new Map(target.classes.map((label, i) => [label, i]));
    actual = Int32Array.from(targets, (label) => index.get(label) as number);
    actual.forEach((classIndex, r) => {
      if (loss === 'categoricalCrossentropy') y[r * targetWidth + classIndex] = 1;
      else y[r] = classIndex;
    });
  } else {
    actual = Float64Array.from(targets as number[]);
    actual.forEach((value, r) => {
      y[r] = (value - target.mean) / target.scale;
    });
  }
  return { rows: rows.length, x: transformRows(preprocessing, rows), y, actual };
}
