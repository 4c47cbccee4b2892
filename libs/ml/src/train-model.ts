import * as tf from '@tensorflow/tfjs';
import type { CompileSpec, EpochLog, EvaluationMetrics, ModelSignature } from '@galley/contracts';
import { classificationMetrics, regressionMetrics } from './metrics';
import { MlError } from './ml.errors';
import type { SpecIssue } from './ml.errors';
import { modelFromSpec } from './model-transfer';
import { classProbabilities, runModel } from './predict';
import type { TrainedModel } from './predict';
import { prepareData } from './prepare-data';
import type { PreparedData, PreparedSplit, RowSource } from './prepare-data';
import { deriveSeed, mulberry32, permutation, SEED_PURPOSE } from './seeded-random';
import { assertValidModelSpec, checkOutput, specError } from './validate-model-spec';
import type { DataSchema, ValidatedSpec } from './validate-model-spec';

/**
 * The training loop: validate, prepare the data, build the model from its Keras JSON with seeded
 * initializers, then train batch by batch in an order drawn from our own PRNG (tfjs's fit shuffles
 * with Math.random). Same spec, seed, data and backend → the same weights and metrics, bit for bit.
 */

export interface TrainModelOptions {
  /** A TrainingSpec as the caller wrote it (parsed and checked here). */
  spec: unknown;
  dataSchema: DataSchema;
  rows: RowSource;
  /** Called after each epoch, and awaited (a slow reporter slows training rather than piling up). */
  onEpochEnd?: (log: EpochLog) => void | Promise<void>;
  /** Checked before every batch; training stops with a `cancelled` MlError. */
  signal?: AbortSignal;
}

export interface TrainingResult {
  trained: TrainedModel;
  /** On the held-out test split. */
  metrics: EvaluationMetrics;
  history: EpochLog[];
  /** The tfjs backend that ran the job (`wasm`, `cpu`, `webgpu`…): determinism holds per backend. */
  backend: string;
  epochsRun: number;
  stoppedEarly: boolean;
  rows: { train: number; validation: number; test: number; dropped: number };
  parameterCount: number;
  /** Training examples per second over the batches alone (validation and evaluation excluded). */
  samplesPerSecond: number;
}

/** Hands the event loop a turn this often, so a cancel message (a macrotask) can arrive mid-epoch. */
const YIELD_EVERY_MS = 50;

export async function trainModel(options: TrainModelOptions): Promise<TrainingResult> {
  const validated = assertValidModelSpec(options.spec, options.dataSchema);
  const { spec, summary } = validated;
  const data = await prepareData(options.rows, validated);
  checkPrepared(validated, data);

  const model = await modelFromSpec(validated.topology, spec.model, spec.seed);
  try {
    model.compile({
      optimizer: makeOptimizer(spec.model.compile),
      loss: spec.model.compile.loss,
      metrics: [...spec.model.compile.metrics],
    });
    const loop = await runEpochs(model, validated, data, options);
    const metrics = await evaluate(model, data);
    const signature: ModelSignature = {
      inputs: validated.features.map((feature) => ({ name: feature.name, kind: feature.kind })),
      target: {
        name: spec.data.target,
        task: spec.data.task,
        ...(data.preprocessing.target.task === 'classification' ? { classes: data.preprocessing.target.classes } : {}),
      },
      inputWidth: summary.inputWidth,
      outputWidth: summary.outputWidth,
    };
    return {
      trained: { model, preprocessing: data.preprocessing, signature },
      metrics,
      history: loop.history,
      backend: tf.getBackend(),
      epochsRun: loop.history.length,
      stoppedEarly: loop.stoppedEarly,
      rows: { train: data.train.rows, validation: data.validation?.rows ?? 0, test: data.test.rows, dropped: data.droppedRows },
      parameterCount: model.countParams(),
      samplesPerSecond: loop.samplesPerSecond,
    };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

/** What only the rows can tell: the learned input width and the exact classes. */
function checkPrepared({ spec, summary }: ValidatedSpec, data: PreparedData): void {
  const issues: SpecIssue[] = [];
  const { preprocessing } = data;
  if (preprocessing.inputWidth !== summary.inputWidth) {
    const widths = preprocessing.features
      .map((feature) => (feature.kind === 'numeric' ? `${feature.name}: 1` : `${feature.name}: ${feature.categories.length} + null`))
      .join(', ');
    issues.push({
      path: 'model.topology',
      message:
        `the model's input shape is [null, ${summary.inputWidth}] but the training split's preprocessing gives ` +
        `${preprocessing.inputWidth} columns (${widths}); pin a feature's categories to fix its width`,
    });
  }
  const target = preprocessing.target;
  const classCount = target.task === 'classification' ? target.classes.length : null;
  if (spec.model.compile.loss === 'binaryCrossentropy' && classCount !== 2) {
    issues.push({ path: 'model.compile.loss', message: `binaryCrossentropy needs a 2-class target; ${target.name} has ${classCount} classes` });
  }
  checkOutput(spec.data.task, spec.model.compile.loss, spec.data.standardizeTarget, summary, classCount, issues);
  if (issues.length > 0) throw specError(issues);
}

function makeOptimizer({ optimizer }: CompileSpec): tf.Optimizer {
  const rate = optimizer.learningRate;
  switch (optimizer.name) {
    case 'sgd':
      return tf.train.sgd(rate);
    case 'adam':
      return tf.train.adam(rate);
    case 'adamax':
      return tf.train.adamax(rate);
    case 'adagrad':
      return tf.train.adagrad(rate);
    case 'adadelta':
      return tf.train.adadelta(rate);
    case 'rmsprop':
      return tf.train.rmsprop(rate);
  }
}

interface LoopResult {
  history: EpochLog[];
  stoppedEarly: boolean;
  samplesPerSecond: number;
}

async function runEpochs(model: tf.LayersModel, { spec, summary }: ValidatedSpec, data: PreparedData, options: TrainModelOptions): Promise<LoopResult> {
  const { fit, compile } = spec.model;
  const metricNames = compile.metrics;
  const { train, validation } = data;
  const inputWidth = summary.inputWidth;
  const targetWidth = data.targetWidth;
  const batchOrder = mulberry32(deriveSeed(spec.seed, SEED_PURPOSE.batchOrder));
  const dropoutLayers = summary.dropoutLayers.map((name) => model.getLayer(name) as unknown as { seed?: number });
  const stopping = fit.earlyStopping;
  const maximize = stopping ? /accuracy$/.test(stopping.monitor) : false;
  let best = maximize ? -Infinity : Infinity;
  let bestWeights: tf.Tensor[] | null = null;
  let epochsWithoutImprovement = 0;
  const history: EpochLog[] = [];
  let trainingMs = 0;
  let samples = 0;
  let lastYield = Date.now();
  let step = 0;

  try {
    for (let epoch = 1; epoch <= fit.epochs; epoch++) {
      const started = Date.now();
      const order = permutation(train.rows, batchOrder);
      const sums = new Float64Array(1 + metricNames.length);
      for (let start = 0, batch = 1; start < train.rows; start += fit.batchSize, batch++) {
        if (options.signal?.aborted) throw new MlError('cancelled', `Training was cancelled in epoch ${epoch}`, { epoch, batch });
        if (Date.now() - lastYield >= YIELD_EVERY_MS) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          lastYield = Date.now();
          if (options.signal?.aborted) throw new MlError('cancelled', `Training was cancelled in epoch ${epoch}`, { epoch, batch });
        }
        const indices = order.subarray(start, Math.min(start + fit.batchSize, train.rows));
        // tfjs's Dropout reads its seed on every call; a fixed seed would drop the same units each step.
        step += 1;
        dropoutLayers.forEach((layer, i) => {
          layer.seed = deriveSeed(spec.seed, SEED_PURPOSE.dropout, i, step);
        });
        const batchStarted = performance.now();
        const xs = tf.tensor2d(gatherRows(train.x, indices, inputWidth), [indices.length, inputWidth]);
        const ys = tf.tensor2d(gatherRows(train.y, indices, targetWidth), [indices.length, targetWidth]);
        let values: number[];
        try {
          const result = await model.trainOnBatch(xs, ys);
          values = Array.isArray(result) ? result : [result];
        } finally {
          xs.dispose();
          ys.dispose();
        }
        trainingMs += performance.now() - batchStarted;
        samples += indices.length;
        if (!Number.isFinite(values[0])) {
          throw new MlError('training_diverged', `The loss became ${values[0]} in epoch ${epoch}, batch ${batch}: lower the learning rate or check the data`, {
            epoch,
            batch,
          });
        }
        values.forEach((value, i) => {
          sums[i] += value * indices.length;
        });
      }
      // Cross-entropy clips probabilities, so NaN weights can hide behind a finite loss.
      if (!(await weightsAreFinite(model))) {
        throw new MlError('training_diverged', `The weights became NaN or infinite in epoch ${epoch}: lower the learning rate or check the data`, {
          epoch,
        });
      }
      const log: Record<string, number> = { loss: sums[0] / train.rows };
      metricNames.forEach((name, i) => {
        log[name] = sums[i + 1] / train.rows;
      });
      if (validation) {
        const validationValues = await evaluateSplit(model, validation, inputWidth, targetWidth, fit.batchSize);
        if (!Number.isFinite(validationValues[0])) {
          throw new MlError('training_diverged', `The validation loss became ${validationValues[0]} in epoch ${epoch}`, { epoch });
        }
        log['val_loss'] = validationValues[0];
        metricNames.forEach((name, i) => {
          log[`val_${name}`] = validationValues[i + 1];
        });
      }
      const entry: EpochLog = { epoch, loss: log['loss'], values: log, durationMs: Date.now() - started };
      history.push(entry);
      await options.onEpochEnd?.(entry);

      if (stopping) {
        const current = log[stopping.monitor];
        const improved = maximize ? current > best + stopping.minDelta : current < best - stopping.minDelta;
        if (improved) {
          best = current;
          epochsWithoutImprovement = 0;
          if (stopping.restoreBestWeights) {
            tf.dispose(bestWeights ?? []);
            bestWeights = model.getWeights().map((weight) => weight.clone());
          }
        } else {
          epochsWithoutImprovement += 1;
          if (epochsWithoutImprovement >= Math.max(1, stopping.patience)) {
            if (bestWeights) model.setWeights(bestWeights);
            return { history, stoppedEarly: epoch < fit.epochs, samplesPerSecond: rate(samples, trainingMs) };
          }
        }
      }
    }
    return { history, stoppedEarly: false, samplesPerSecond: rate(samples, trainingMs) };
  } finally {
    tf.dispose(bestWeights ?? []);
  }
}

async function weightsAreFinite(model: tf.LayersModel): Promise<boolean> {
  const weights = model.getWeights();
  if (weights.length === 0) return true;
  const total = tf.tidy(() => tf.addN(weights.map((weight) => tf.sum(weight))));
  try {
    return Number.isFinite((await total.data())[0]);
  } finally {
    total.dispose();
  }
}

function rate(samples: number, ms: number): number {
  return ms > 0 ? (samples * 1000) / ms : 0;
}

function gatherRows(source: Float32Array, indices: Uint32Array, width: number): Float32Array {
  const out = new Float32Array(indices.length * width);
  indices.forEach((row, i) => out.set(source.subarray(row * width, (row + 1) * width), i * width));
  return out;
}

/** Loss and compiled metrics of a split, in inference mode (no dropout). */
async function evaluateSplit(model: tf.LayersModel, split: PreparedSplit, inputWidth: number, targetWidth: number, batchSize: number): Promise<number[]> {
  const xs = tf.tensor2d(split.x, [split.rows, inputWidth]);
  const ys = tf.tensor2d(split.y, [split.rows, targetWidth]);
  try {
    const result = model.evaluate(xs, ys, { batchSize });
    const scalars = Array.isArray(result) ? result : [result];
    try {
      return await Promise.all(scalars.map(async (scalar) => (await scalar.data())[0]));
    } finally {
      tf.dispose(scalars);
    }
  } finally {
    xs.dispose();
    ys.dispose();
  }
}

async function evaluate(model: tf.LayersModel, data: PreparedData): Promise<EvaluationMetrics> {
  const { test, preprocessing } = data;
  const [loss] = await evaluateSplit(model, test, preprocessing.inputWidth, data.targetWidth, 4096);
  const outputs = await runModel(model, test.x, test.rows, preprocessing.inputWidth);
  const target = preprocessing.target;
  if (target.task === 'classification') {
    const probabilities = classProbabilities(outputs, test.rows, target.classes.length);
    return classificationMetrics({ actual: test.actual, probabilities, classes: target.classes, loss });
  }
  const predicted = Float64Array.from(outputs, (value) => value * target.scale + target.mean);
  return regressionMetrics({ actual: test.actual, predicted, loss });
}
