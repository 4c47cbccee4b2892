import * as tf from '@tensorflow/tfjs';
import type { CompileSpec, InitialWeights, ModelSpec, OptimizerName, TrainingMetricName } from '@galley/contracts';
import { LossNameSchema, WeightSpecSchema } from '@galley/contracts';
import { MlError } from './ml.errors';
import { seedTopology } from './topology';
import type { JsonObject } from './topology';

/**
 * The two ends of "submit this model": `exportModel` turns a compiled tfjs model (a browser
 * prototype) into the job's `model.topology`, `model.compile` and `model.initialWeights`, and
 * `modelFromSpec` builds the model back from them the way the trainer does. One module for both, so
 * the format a notebook sends is the format the trainer reads.
 */

export interface ExportedModel {
  /** Exactly `model.toJSON()`: the Keras JSON string. */
  topology: string;
  compile: CompileSpec;
  /** The model's current weights, when asked for. */
  initialWeights?: InitialWeights;
}

/** tfjs optimizer class names (`getClassName()`) → the contract's optimizer names. */
const OPTIMIZER_NAMES: Record<string, OptimizerName> = {
  SGD: 'sgd',
  Adam: 'adam',
  Adamax: 'adamax',
  Adagrad: 'adagrad',
  Adadelta: 'adadelta',
  RMSProp: 'rmsprop',
};

/** Names tfjs accepts in `compile({ metrics })` → the contract's training metric names. */
const METRIC_NAMES: Record<string, TrainingMetricName> = {
  accuracy: 'accuracy',
  acc: 'accuracy',
  binaryAccuracy: 'accuracy',
  categoricalAccuracy: 'accuracy',
  sparseCategoricalAccuracy: 'accuracy',
  mse: 'mse',
  MSE: 'mse',
  meanSquaredError: 'mse',
  mae: 'mae',
  MAE: 'mae',
  meanAbsoluteError: 'mae',
};

function refuse(path: string, message: string): MlError {
  return new MlError('invalid_spec', message, { issues: [{ path, message }] });
}

/**
 * The compile settings of a compiled model: optimizer class and learning rate, loss and metrics.
 * A custom loss, metric or optimizer cannot be sent to a trainer; it is refused naming what to use.
 */
export function compileSpecOf(model: tf.LayersModel): CompileSpec {
  // `optimizer` throws in tfjs when the model is not compiled; read the fields compile() sets.
  const compiled = model as unknown as { optimizer_?: tf.Optimizer; loss?: unknown; metrics?: unknown };
  const optimizer = compiled.optimizer_;
  if (!optimizer) throw refuse('model.compile', 'the model is not compiled: call model.compile({ optimizer, loss, metrics }) first');
  const className = optimizer.getClassName();
  const name = OPTIMIZER_NAMES[className];
  if (!name) {
    throw refuse('model.compile.optimizer', `the optimizer ${className} cannot be submitted; use one of ${Object.keys(OPTIMIZER_NAMES).join(', ')}`);
  }
  const learningRate = Number((optimizer.getConfig() as { learningRate?: unknown }).learningRate);
  if (!Number.isFinite(learningRate) || learningRate <= 0) throw refuse('model.compile.optimizer.learningRate', `the optimizer's learning rate ${learningRate} is not a positive number`);

  const rawLoss: unknown = Array.isArray(compiled.loss) && compiled.loss.length === 1 ? (compiled.loss as unknown[])[0] : compiled.loss;
  if (typeof rawLoss !== 'string') throw refuse('model.compile.loss', 'only a named loss can be submitted (a string such as "categoricalCrossentropy"), not a function or one per output');
  const loss = LossNameSchema.safeParse(rawLoss);
  if (!loss.success) throw refuse('model.compile.loss', `the loss ${rawLoss} cannot be submitted; use one of ${LossNameSchema.options.join(', ')}`);

  const rawMetrics = compiled.metrics === undefined || compiled.metrics === null ? [] : Array.isArray(compiled.metrics) ? compiled.metrics : [compiled.metrics];
  const metrics: TrainingMetricName[] = [];
  for (const metric of rawMetrics as unknown[]) {
    const mapped = typeof metric === 'string' ? METRIC_NAMES[metric] : undefined;
    if (!mapped) {
      throw refuse('model.compile.metrics', `the metric ${typeof metric === 'string' ? metric : 'function'} cannot be submitted; use accuracy, mse or mae`);
    }
    if (!metrics.includes(mapped)) metrics.push(mapped);
  }
  return { optimizer: { name, learningRate }, loss: loss.data, metrics };
}

/** The model's weights as tfjs saves them (specs in save order, one buffer), base64-encoded for a job. */
export async function exportWeights(model: tf.LayersModel): Promise<InitialWeights> {
  let captured: tf.io.ModelArtifacts | null = null;
  await model.save({
    save: async (artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> => {
      captured = artifacts;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  });
  const artifacts = captured as tf.io.ModelArtifacts | null;
  if (!artifacts?.weightSpecs || !artifacts.weightData) throw refuse('model.initialWeights', 'the model has no weights to send');
  const specs = artifacts.weightSpecs.map((spec) => {
    if (spec.quantization) throw refuse('model.initialWeights', `the weight ${spec.name} is quantized, which a job does not accept`);
    return WeightSpecSchema.parse({ name: spec.name, shape: spec.shape, dtype: spec.dtype });
  });
  const bytes = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
  return { specs, data: bytesToBase64(bytes) };
}

/** What `POST /jobs` takes in `model`, except `fit`: topology, compile settings, and the weights when asked. */
export async function exportModel(model: tf.LayersModel, options: { includeWeights?: boolean } = {}): Promise<ExportedModel> {
  const compile = compileSpecOf(model);
  const topology = model.toJSON(null, true) as string;
  if (!options.includeWeights) return { topology, compile };
  return { topology, compile, initialWeights: await exportWeights(model) };
}

/**
 * The trainer's model: built from the topology alone (tfjs would fetch a weightsManifest's paths
 * unchecked), its unseeded initializers seeded from the job seed, then the initial weights loaded
 * strictly (every weight, by name). The topology must have passed validateModelSpec.
 */
export async function modelFromSpec(topology: JsonObject, model: Pick<ModelSpec, 'initialWeights'>, seed: number): Promise<tf.LayersModel> {
  const config = { modelTopology: seedTopology(topology, seed) } as unknown as Parameters<typeof tf.models.modelFromJSON>[0];
  const built = await tf.models.modelFromJSON(config);
  if (model.initialWeights) {
    try {
      loadInitialWeights(built, model.initialWeights);
    } catch (error) {
      built.dispose();
      throw error;
    }
  }
  return built;
}

function loadInitialWeights(model: tf.LayersModel, initial: InitialWeights): void {
  const bytes = base64ToBytes(initial.data);
  const weights = tf.io.decodeWeights(bytes.buffer as ArrayBuffer, initial.specs);
  try {
    model.loadWeights(weights, true);
  } catch (cause) {
    throw new MlError(
      'invalid_spec',
      `The initial weights do not fit the model: ${(cause as Error).message}`,
      { issues: [{ path: 'model.initialWeights', message: (cause as Error).message }] },
      { cause },
    );
  } finally {
    tf.dispose(weights);
  }
}

export function base64ToBytes(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  // In chunks: String.fromCharCode(...all) overflows the call stack on a few MB.
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}
