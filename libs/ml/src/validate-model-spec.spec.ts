import * as tf from '@tensorflow/tfjs';
import { MAX_TOPOLOGY_BYTES } from '@galley/contracts';
import type { TrainingSpecInput } from '@galley/contracts';
import { inspectTopology, parseTopology } from './topology';
import type { JsonObject } from './topology';
import { denseStackTopology, penguinRows, penguinSpec, schemaOf } from './training-spec.builder';
import { assertValidModelSpec, validateModelSpec } from './validate-model-spec';
import type { DataSchema } from './validate-model-spec';

const penguins = schemaOf(penguinRows());

function issuesOf(spec: unknown, schema: DataSchema = penguins): string[] {
  const result = validateModelSpec(spec, schema);
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`);
}

function withTopology(topology: JsonObject | string): TrainingSpecInput {
  const spec = penguinSpec();
  return { ...spec, model: { ...spec.model, topology } };
}

function topologyObject(spec: TrainingSpecInput): JsonObject {
  return JSON.parse(spec.model.topology as string) as JsonObject;
}

describe('validateModelSpec', () => {
  it('accepts a model built in tfjs and submitted as its toJSON() string', () => {
    const result = validateModelSpec(penguinSpec({ hidden: [16, 8] }), penguins);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.summary).toMatchObject({ inputWidth: 11, outputWidth: 3, outputActivation: 'softmax' });
    expect(result.value.summary.parameterCount).toBe(11 * 16 + 16 + 16 * 8 + 8 + 8 * 3 + 3);
    expect(result.value.features.map((feature) => feature.kind)).toEqual(['numeric', 'numeric', 'numeric', 'numeric', 'categorical', 'categorical']);
  });

  it('accepts the parsed topology object as well as the string', () => {
    expect(issuesOf(withTopology(topologyObject(penguinSpec())))).toEqual([]);
  });

  it('refuses a layer class outside the allowlist, naming it', () => {
    const topology = topologyObject(penguinSpec({ hidden: [4] }));
    ((topology['config'] as JsonObject)['layers'] as JsonObject[])[1]['class_name'] = 'Lambda';
    expect(issuesOf(withTopology(topology))).toEqual([
      expect.stringMatching(/^model\.topology\.config\.layers\[1\]\.class_name: unknown or disallowed layer class "Lambda"/),
    ]);
  });

  it('refuses layers whose randomness tfjs does not seed', () => {
    const topology = topologyObject(penguinSpec({ hidden: [4] }));
    const layers = (topology['config'] as JsonObject)['layers'] as JsonObject[];
    layers.splice(1, 0, { class_name: 'GaussianNoise', config: { stddev: 0.1, name: 'noise' } });
    expect(issuesOf(withTopology(topology))[0]).toMatch(/GaussianNoise draws from an unseeded random source/);
  });

  it('refuses an unknown activation or initializer', () => {
    const topology = topologyObject(penguinSpec({ hidden: [4] }));
    const first = ((topology['config'] as JsonObject)['layers'] as JsonObject[])[0]['config'] as JsonObject;
    first['activation'] = 'myActivation';
    first['kernel_initializer'] = { class_name: 'MyInit', config: {} };
    expect(issuesOf(withTopology(topology))).toEqual([
      expect.stringMatching(/layers\[0\]\.config\.activation: unknown activation "myActivation"/),
      expect.stringMatching(/layers\[0\]\.config\.kernel_initializer: unknown initializer "MyInit"/),
    ]);
  });

  it('says how the features add up when the input shape does not match them', () => {
    const spec = withTopology(denseStackTopology({ inputWidth: 9, outputs: 3, outputActivation: 'softmax' }));
    expect(issuesOf(spec)).toEqual([
      "model.topology: the model's input shape is [null, 9] but the features give 11 columns after preprocessing " +
        '(Beak Length (mm): 1, Beak Depth (mm): 1, Flipper Length (mm): 1, Body Mass (g): 1, Island: 3 categories + null = 4, Sex: 2 categories + null = 3)',
    ]);
  });

  it('refuses categoricalCrossentropy on a numeric regression target', () => {
    const spec = penguinSpec();
    const regression: TrainingSpecInput = {
      ...spec,
      model: { ...spec.model, topology: denseStackTopology({ inputWidth: 10, outputs: 1, outputActivation: 'linear' }) },
      data: { ...spec.data, task: 'regression', target: 'Body Mass (g)', features: spec.data.features.filter((f) => f.name !== 'Body Mass (g)') },
    };
    expect(issuesOf(regression)).toEqual([
      'model.compile.loss: categoricalCrossentropy does not fit the numeric regression target Body Mass (g): use meanSquaredError or meanAbsoluteError',
      'model.compile.metrics: accuracy has no meaning for a regression target: use mse or mae',
    ]);
  });

  it('refuses a float target for classification', () => {
    const spec = penguinSpec();
    const floatTarget = { ...spec, data: { ...spec.data, target: 'Beak Depth (mm)', features: spec.data.features.filter((f) => f.name !== 'Beak Depth (mm)') } };
    expect(issuesOf(floatTarget)[0]).toMatch(/^data\.target: Beak Depth \(mm\) is a float column: a numeric target is regression/);
  });

  it('refuses binaryCrossentropy for a 3-class target', () => {
    const spec = penguinSpec();
    const binary: TrainingSpecInput = {
      ...spec,
      model: {
        ...spec.model,
        topology: denseStackTopology({ inputWidth: 11, outputs: 1, outputActivation: 'sigmoid' }),
        compile: { ...spec.model.compile, loss: 'binaryCrossentropy' },
      },
    };
    expect(issuesOf(binary)).toEqual([
      'model.compile.loss: binaryCrossentropy needs a 2-class target; Species has 3 classes: use categoricalCrossentropy or sparseCategoricalCrossentropy',
    ]);
  });

  it('refuses an output layer that does not match the classes', () => {
    const spec = withTopology(denseStackTopology({ inputWidth: 11, outputs: 4, outputActivation: 'softmax' }));
    expect(issuesOf(spec)).toEqual(['model.topology: the target has 3 classes but the model has 4 output units']);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('refuses a %s learning rate', (_, learningRate) => {
    const spec = penguinSpec();
    const broken = { ...spec, model: { ...spec.model, compile: { ...spec.model.compile, optimizer: { name: 'adam', learningRate } } } };
    expect(issuesOf(broken)).toEqual(['model.compile.optimizer.learningRate: learningRate must be a finite number']);
  });

  it('refuses a topology over the size limit', () => {
    const topology = topologyObject(penguinSpec());
    topology['padding'] = 'x'.repeat(MAX_TOPOLOGY_BYTES);
    expect(issuesOf(withTopology(topology))[0]).toMatch(/the topology is \d+ bytes of JSON, over the limit of 1000000/);
  });

  it('refuses a topology with too many parameters before tfjs allocates them', () => {
    const topology = topologyObject(penguinSpec({ hidden: [4] }));
    const layers = (topology['config'] as JsonObject)['layers'] as JsonObject[];
    (layers[0]['config'] as JsonObject)['units'] = 5000;
    layers.splice(1, 0, { class_name: 'Dense', config: { units: 5000, name: 'wide' } });
    expect(issuesOf(withTopology(topology))).toEqual([expect.stringMatching(/^model\.topology: the model has 25\d+ parameters, over the limit of 10000000$/)]);
  });

  it('refuses a model.json wrapper, which could smuggle in a weights manifest', () => {
    const wrapped = { modelTopology: topologyObject(penguinSpec()), weightsManifest: [{ paths: ['../../etc/passwd'], weights: [] }] };
    expect(issuesOf(withTopology(wrapped))[0]).toMatch(/pass the Keras topology itself/);
  });

  it('refuses early stopping on val_loss without a validation split', () => {
    const spec = penguinSpec({ validationSplit: 0 });
    const stopping = { ...spec, model: { ...spec.model, fit: { ...spec.model.fit, earlyStopping: { monitor: 'val_loss' as const, patience: 2 } } } };
    expect(issuesOf(stopping)).toEqual(['model.fit.earlyStopping.monitor: val_loss needs a validation split: set fit.validationSplit above 0']);
  });

  it('names a missing feature column', () => {
    const spec = penguinSpec();
    const missing = { ...spec, data: { ...spec.data, features: [...spec.data.features, { name: 'Beak Colour' }] } };
    expect(issuesOf(missing)).toContain('data.features[6]: the feature column Beak Colour is not in the data');
  });

  it('throws an invalid_spec MlError listing every issue', () => {
    expect(() => assertValidModelSpec(withTopology(denseStackTopology({ inputWidth: 2, outputs: 4, outputActivation: 'linear' })), penguins)).toThrow(
      expect.objectContaining({ code: 'invalid_spec', details: { issues: expect.arrayContaining([expect.anything(), expect.anything()]) } }),
    );
  });
});

describe('inspectTopology', () => {
  function countWithTfjs(model: tf.LayersModel): { expected: number; inspected: number | undefined } {
    const { topology } = parseTopology(model.toJSON() as string, 't');
    const inspected = inspectTopology(topology as JsonObject, 't').summary?.parameterCount;
    const expected = model.countParams();
    model.dispose();
    return { expected, inspected };
  }

  it('counts parameters as tfjs does for normalization, PReLU and reshaping layers', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ units: 12, inputShape: [7] }),
        tf.layers.batchNormalization(),
        tf.layers.prelu(),
        tf.layers.reshape({ targetShape: [3, 4] }),
        tf.layers.layerNormalization(),
        tf.layers.dense({ units: 5, useBias: false }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    const { expected, inspected } = countWithTfjs(model);
    expect(inspected).toBe(expected);
  });

  it('follows a functional model through a concatenation', () => {
    const input = tf.input({ shape: [6] });
    const left = tf.layers.dense({ units: 4, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
    const right = tf.layers.dense({ units: 3 }).apply(input) as tf.SymbolicTensor;
    const merged = tf.layers.concatenate().apply([left, right]) as tf.SymbolicTensor;
    const output = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(merged) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: output });
    const { topology } = parseTopology(model.toJSON() as string, 't');
    expect(inspectTopology(topology as JsonObject, 't').summary).toMatchObject({
      className: 'Model',
      inputWidth: 6,
      outputWidth: 1,
      outputActivation: 'sigmoid',
      parameterCount: model.countParams(),
    });
    model.dispose();
  });
});
