import type { TrainingSpecInput } from '@galley/contracts';
import { useNodeBackend } from './node/tfjs-backend';
import { prepareData } from './prepare-data';
import type { PreparedData } from './prepare-data';
import type { Row } from './preprocessing';
import { trainModel } from './train-model';
import { denseStackTopology, penguinRows, penguinSpec, schemaOf, seattleWeatherRows } from './training-spec.builder';
import { assertValidModelSpec } from './validate-model-spec';

jest.setTimeout(60_000);

beforeAll(async () => {
  await useNodeBackend('wasm');
});

/**
 * An independent reference: multinomial logistic regression by full-batch gradient descent in plain
 * JS (float64), on the same split and standardization, fitted on the training split and scored on
 * the test split. Nothing of tfjs is involved.
 */
function referenceLogisticAccuracy(data: PreparedData, classes: number, iterations = 3000, learningRate = 0.5): number {
  const { train, test } = data;
  const d = data.preprocessing.inputWidth;
  const weights = new Float64Array(d * classes);
  const bias = new Float64Array(classes);
  const probabilities = (x: Float32Array, r: number): Float64Array => {
    const logits = new Float64Array(classes);
    for (let c = 0; c < classes; c++) {
      let z = bias[c];
      for (let j = 0; j < d; j++) z += x[r * d + j] * weights[j * classes + c];
      logits[c] = z;
    }
    const max = Math.max(...logits);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += logits[c] = Math.exp(logits[c] - max);
    return logits.map((value) => value / sum);
  };
  for (let step = 0; step < iterations; step++) {
    const gradW = new Float64Array(d * classes);
    const gradB = new Float64Array(classes);
    for (let r = 0; r < train.rows; r++) {
      const p = probabilities(train.x, r);
      for (let c = 0; c < classes; c++) {
        const error = p[c] - (train.actual[r] === c ? 1 : 0);
        gradB[c] += error;
        for (let j = 0; j < d; j++) gradW[j * classes + c] += error * train.x[r * d + j];
      }
    }
    for (let i = 0; i < gradW.length; i++) weights[i] -= (learningRate * gradW[i]) / train.rows;
    for (let c = 0; c < classes; c++) bias[c] -= (learningRate * gradB[c]) / train.rows;
  }
  let correct = 0;
  for (let r = 0; r < test.rows; r++) {
    const p = probabilities(test.x, r);
    if (p.indexOf(Math.max(...p)) === test.actual[r]) correct++;
  }
  return correct / test.rows;
}

async function accuracyOf(spec: TrainingSpecInput, rows: Row[]): Promise<number> {
  const result = await trainModel({ spec, dataSchema: schemaOf(rows), rows });
  result.trained.model.dispose();
  if (result.metrics.task !== 'classification') throw new Error('expected classification metrics');
  return result.metrics.accuracy;
}

describe('quality against a plain-JS logistic regression', () => {
  describe('penguin species (bill, flipper, mass, island, sex)', () => {
    const rows = penguinRows();
    let reference: number;

    beforeAll(async () => {
      const validated = assertValidModelSpec(penguinSpec(), schemaOf(rows));
      reference = referenceLogisticAccuracy(await prepareData(rows, validated), 3);
    });

    it('a logistic-regression-shaped model comes within 2 points', async () => {
      const accuracy = await accuracyOf(penguinSpec({ epochs: 40, batchSize: 64, learningRate: 0.05 }), rows);
      expect(Math.abs(accuracy - reference)).toBeLessThanOrEqual(0.02);
    });

    it('a small MLP comes within 2 points', async () => {
      const accuracy = await accuracyOf(penguinSpec({ hidden: [16], epochs: 40, batchSize: 64, learningRate: 0.02 }), rows);
      expect(Math.abs(accuracy - reference)).toBeLessThanOrEqual(0.02);
    });
  });

  describe('Seattle weather (precipitation, temperatures, wind)', () => {
    const rows = seattleWeatherRows();
    const features = ['precipitation', 'temp_max', 'temp_min', 'wind'];
    const spec = (hidden: number[]): TrainingSpecInput => ({
      model: {
        topology: denseStackTopology({ inputWidth: 4, hidden, outputs: 5, outputActivation: 'softmax' }),
        compile: { optimizer: { name: 'adam', learningRate: 0.02 }, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] },
        fit: { epochs: 20, batchSize: 128 },
      },
      data: { task: 'classification', target: 'weather', features: features.map((name) => ({ name })), testFraction: 0.2 },
      seed: 11,
    });
    let reference: number;

    beforeAll(async () => {
      reference = referenceLogisticAccuracy(await prepareData(rows, assertValidModelSpec(spec([]), schemaOf(rows))), 5, 1500);
    });

    it('a logistic-regression-shaped model comes within 2 points', async () => {
      expect(Math.abs((await accuracyOf(spec([]), rows)) - reference)).toBeLessThanOrEqual(0.02);
    });

    it('a small MLP is at least as good, less 2 points (it can model rain, which a linear model cannot)', async () => {
      expect(await accuracyOf(spec([16]), rows)).toBeGreaterThanOrEqual(reference - 0.02);
    });
  });
});
