import * as tf from '@tensorflow/tfjs';
import { TrainingSpecSchema } from '@galley/contracts';
import type { TrainingSpecInput } from '@galley/contracts';
import { loadArtifact, memoryArtifactStore, saveArtifact } from './model-artifact';
import { compileSpecOf, exportModel, modelFromSpec } from './model-transfer';
import { useNodeBackend } from './node/tfjs-backend';
import { predictOutputs } from './predict';
import { prepareRows } from './prepare-data';
import type { PreparedData } from './prepare-data';
import { PENGUIN_NUMERIC, penguinRows, schemaOf } from './training-spec.builder';
import { assertValidModelSpec, resolveDataFeatures } from './validate-model-spec';

jest.setTimeout(60_000);

const rows = penguinRows();
const schema = schemaOf(rows);
const SEED = 7;
const data: TrainingSpecInput['data'] = {
  task: 'classification',
  target: 'Species',
  features: [...PENGUIN_NUMERIC.map((name) => ({ name })), { name: 'Island' }, { name: 'Sex', categories: ['FEMALE', 'MALE'] }],
};
const parsedData = TrainingSpecSchema.shape.data.parse(data);

/** The prototype as a notebook builds it: the same split and preprocessing as the trainer (same seed). */
async function prepared(): Promise<PreparedData> {
  return prepareRows(rows, { data: parsedData, features: resolveDataFeatures(parsedData.features, schema), loss: 'categoricalCrossentropy', seed: SEED, validationSplit: 0 });
}

function prototype(inputWidth: number, compile: tf.ModelCompileArgs): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 8, activation: 'relu', inputShape: [inputWidth] }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  model.compile(compile);
  return model;
}

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('exportModel and modelFromSpec', () => {
  it('gives the trainer a model that predicts what the browser prototype predicts (max abs difference ≤ 1e-6)', async () => {
    const split = await prepared();
    const width = split.preprocessing.inputWidth;
    const browser = prototype(width, { optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const xs = tf.tensor2d(split.train.x, [split.train.rows, width]);
    const ys = tf.tensor2d(split.train.y, [split.train.rows, split.targetWidth]);
    await browser.fit(xs, ys, { epochs: 3, batchSize: 32, shuffle: false, verbose: 0 });
    tf.dispose([xs, ys]);

    // What galley.submit sends, through the job contract's schema, then the trainer's path.
    const exported = await exportModel(browser, { includeWeights: true });
    const spec = TrainingSpecSchema.parse({ model: { ...exported, fit: { epochs: 1, batchSize: 32 } }, data, seed: SEED });
    const validated = assertValidModelSpec(spec, schema);
    const server = await modelFromSpec(validated.topology, spec.model, spec.seed);
    const store = memoryArtifactStore();
    await saveArtifact(store, {
      model: server,
      preprocessing: split.preprocessing,
      signature: { inputs: parsedData.features.map((feature) => ({ name: feature.name, kind: PENGUIN_NUMERIC.includes(feature.name) ? ('numeric' as const) : ('categorical' as const) })), target: { name: 'Species', task: 'classification' }, inputWidth: width, outputWidth: 3 },
    });
    server.dispose();
    const loaded = await loadArtifact(store);

    const testRows = rows.filter((row) => row['Species'] !== null).slice(0, 120);
    const fromArtifact = await predictOutputs(loaded, testRows);
    const fromBrowser = await predictOutputs({ model: browser, preprocessing: split.preprocessing, signature: loaded.signature }, testRows);
    let maxDifference = 0;
    fromBrowser.forEach((value, i) => {
      maxDifference = Math.max(maxDifference, Math.abs(value - fromArtifact[i]));
    });
    expect(fromArtifact).toHaveLength(testRows.length * 3);
    expect(maxDifference).toBeLessThanOrEqual(1e-6);
    loaded.model.dispose();
    browser.dispose();
  });

  it('reads the optimizer class, learning rate, loss and metrics the model was compiled with', () => {
    const model = prototype(4, { optimizer: tf.train.rmsprop(0.003), loss: 'categoricalCrossentropy', metrics: ['acc', 'accuracy'] });
    expect(compileSpecOf(model)).toEqual({ optimizer: { name: 'rmsprop', learningRate: 0.003 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    model.dispose();
  });

  it('takes an optimizer given by name at its tfjs default rate', () => {
    const model = prototype(4, { optimizer: 'sgd', loss: 'meanSquaredError', metrics: ['mse'] });
    expect(compileSpecOf(model)).toEqual({ optimizer: { name: 'sgd', learningRate: 0.01 }, loss: 'meanSquaredError', metrics: ['mse'] });
    model.dispose();
  });

  it('refuses an uncompiled model, saying to compile it', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
    await expect(exportModel(model)).rejects.toMatchObject({ code: 'invalid_spec', message: expect.stringContaining('model.compile') });
    model.dispose();
  });

  it('refuses a custom loss function, naming the losses it can send', () => {
    const model = prototype(4, { optimizer: 'adam', loss: (a: tf.Tensor, b: tf.Tensor) => tf.losses.meanSquaredError(a, b) });
    expect(() => compileSpecOf(model)).toThrow(/only a named loss/);
    model.dispose();
  });

  it('refuses initial weights that do not fit the topology, on the initialWeights path', async () => {
    const small = prototype(4, { optimizer: 'adam', loss: 'categoricalCrossentropy' });
    const large = prototype(5, { optimizer: 'adam', loss: 'categoricalCrossentropy' });
    const exported = await exportModel(small, { includeWeights: true });
    const topology = JSON.parse(large.toJSON() as string) as Record<string, unknown>;
    await expect(modelFromSpec(topology, { initialWeights: exported.initialWeights }, 1)).rejects.toMatchObject({
      code: 'invalid_spec',
      details: { issues: [expect.objectContaining({ path: 'model.initialWeights' })] },
    });
    small.dispose();
    large.dispose();
  });
});
