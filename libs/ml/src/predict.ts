import * as tf from '@tensorflow/tfjs';
import type { ClassLabel, FittedPreprocessing, ModelSignature } from '@galley/contracts';
import { transformRows } from './preprocessing';
import type { Row } from './preprocessing';

/** A tfjs model with the preprocessing it was trained behind and its signature. */
export interface TrainedModel {
  model: tf.LayersModel;
  preprocessing: FittedPreprocessing;
  signature: ModelSignature;
}

export type Prediction =
  /** `probabilities[i]` is the probability of `signature.target.classes[i]`. */
  | { label: ClassLabel; probabilities: number[] }
  /** In the target's units. */
  | { value: number };

const PREDICT_BATCH = 4096;

/** The model's raw outputs for raw rows (rows × outputWidth): the saved preprocessing, then the model. */
export async function predictOutputs(trained: TrainedModel, rows: readonly Row[]): Promise<Float32Array> {
  const x = transformRows(trained.preprocessing, rows);
  return runModel(trained.model, x, rows.length, trained.preprocessing.inputWidth);
}

export async function runModel(model: tf.LayersModel, x: Float32Array, rows: number, width: number): Promise<Float32Array> {
  const input = tf.tensor2d(x, [rows, width]);
  try {
    const output = model.predict(input, { batchSize: PREDICT_BATCH }) as tf.Tensor;
    try {
      // `await data()`, never dataSync(): WebGPU loses the device or returns zeros on dataSync.
      return (await output.data()) as Float32Array;
    } finally {
      output.dispose();
    }
  } finally {
    input.dispose();
  }
}

/** Class probabilities (rows × classes) from outputs; one sigmoid output p becomes [1 − p, p]. */
export function classProbabilities(outputs: Float32Array, rows: number, classCount: number): Float32Array {
  if (outputs.length === rows * classCount) return outputs;
  const probabilities = new Float32Array(rows * 2);
  for (let r = 0; r < rows; r++) {
    probabilities[r * 2] = 1 - outputs[r];
    probabilities[r * 2 + 1] = outputs[r];
  }
  return probabilities;
}

/** Predictions for raw rows, with the preprocessing saved in the model applied first. */
export async function predict(trained: TrainedModel, rows: readonly Row[]): Promise<Prediction[]> {
  const outputs = await predictOutputs(trained, rows);
  const target = trained.preprocessing.target;
  if (target.task === 'regression') {
    return Array.from({ length: rows.length }, (_, r) => ({ value: outputs[r] * target.scale + target.mean }));
  }
  const k = target.classes.length;
  const probabilities = classProbabilities(outputs, rows.length, k);
  return Array.from({ length: rows.length }, (_, r) => {
    const row = Array.from(probabilities.subarray(r * k, (r + 1) * k));
    let best = 0;
    for (let c = 1; c < k; c++) if (row[c] > row[best]) best = c;
    return { label: target.classes[best], probabilities: row };
  });
}
