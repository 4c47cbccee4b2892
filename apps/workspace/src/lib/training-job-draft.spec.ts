import * as tf from '@tensorflow/tfjs';
import {
  buildJobRequest,
  defaultJobDraft,
  describeModel,
  inputWidth,
  jobFormErrors,
  jobFormField,
  kerasTopology,
  outputLayer,
  targetCandidates,
  type DataColumnInfo,
  type JobDraft,
} from './training-job-draft';

const seattleWeather: DataColumnInfo[] = [
  { name: 'date', logicalType: 'date', distinctCount: 1461 },
  { name: 'precipitation', logicalType: 'float', distinctCount: 111 },
  { name: 'temp_max', logicalType: 'float', distinctCount: 67 },
  { name: 'temp_min', logicalType: 'float', distinctCount: 55 },
  { name: 'wind', logicalType: 'float', distinctCount: 79 },
  { name: 'weather', logicalType: 'string', distinctCount: 5 },
];

function weatherDraft(overrides: Partial<JobDraft> = {}): JobDraft {
  return {
    ...defaultJobDraft('weather'),
    dataset: 'seattle-weather',
    target: 'weather',
    features: ['precipitation', 'temp_max', 'temp_min', 'wind'],
    ...overrides,
  };
}

describe('kerasTopology', () => {
  it('writes the same Keras JSON as tfjs model.toJSON() for the same layers', () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [4] }));
    model.add(tf.layers.dropout({ rate: 0.25 }));
    model.add(tf.layers.dense({ units: 5, activation: 'softmax' }));
    const fromTfjs = JSON.parse(model.toJSON() as string) as { config: { name: string; layers: Array<{ config: { name: string } }> } };
    model.dispose();

    const built = JSON.parse(
      kerasTopology(
        [
          { kind: 'dense', units: 16, activation: 'relu' },
          { kind: 'dropout', rate: 0.25 },
          { kind: 'dense', units: 5, activation: 'softmax' },
        ],
        4,
      ),
    ) as typeof fromTfjs;

    // tfjs numbers its names with process-wide counters; everything else must match exactly.
    const withoutNames = (topology: typeof fromTfjs) => ({
      ...topology,
      config: { ...topology.config, name: '', layers: topology.config.layers.map((layer) => ({ ...layer, config: { ...layer.config, name: '' } })) },
    });
    expect(withoutNames(built)).toEqual(withoutNames(fromTfjs));
  });

  it('builds a model tfjs can load, with the input and output widths asked for', async () => {
    const topology = JSON.parse(kerasTopology([{ kind: 'dense', units: 8, activation: 'tanh' }, { kind: 'dense', units: 3, activation: 'softmax' }], 6)) as Parameters<typeof tf.models.modelFromJSON>[0];
    const model = await tf.models.modelFromJSON(topology);
    expect(model.inputs[0].shape).toEqual([null, 6]);
    expect(model.outputs[0].shape).toEqual([null, 3]);
    model.dispose();
  });
});

describe('the model the builder makes', () => {
  it('sums one input per numeric feature and one per category plus null per categorical one', () => {
    const columns: DataColumnInfo[] = [...seattleWeather, { name: 'rainy', logicalType: 'boolean', distinctCount: 1 }];
    expect(inputWidth(['precipitation', 'wind'], columns)).toBe(2);
    expect(inputWidth(['temp_max', 'weather'], columns)).toBe(1 + 5 + 1);
    // A boolean is false/true/null whatever values the data happens to hold.
    expect(inputWidth(['rainy'], columns)).toBe(3);
    expect(inputWidth(['date'], columns)).toBeNull();
  });

  it('ends in the output layer the loss needs', () => {
    expect(outputLayer('classification', 'categoricalCrossentropy', 5)).toEqual({ units: 5, activation: 'softmax' });
    expect(outputLayer('classification', 'binaryCrossentropy', 2)).toEqual({ units: 1, activation: 'sigmoid' });
    expect(outputLayer('regression', 'meanSquaredError', null)).toEqual({ units: 1, activation: 'linear' });
    expect(outputLayer('classification', 'categoricalCrossentropy', 1)).toBeNull();
  });

  it('offers text, boolean and integer columns as classes, numbers for regression', () => {
    expect(targetCandidates(seattleWeather, 'classification').map((column) => column.name)).toEqual(['weather']);
    expect(targetCandidates(seattleWeather, 'regression').map((column) => column.name)).toEqual(['precipitation', 'temp_max', 'temp_min', 'wind']);
  });

  it('describes itself in one line', () => {
    expect(describeModel(weatherDraft().layers, 4, { units: 5, activation: 'softmax' })).toBe('4 → Dense(16, relu) → Dense(5, softmax)');
  });
});

describe('buildJobRequest', () => {
  it('turns the demo job into the request the API takes', () => {
    const built = buildJobRequest(weatherDraft({ name: 'mlp-16', seed: '7' }), seattleWeather);

    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const { model, ...rest } = built.request;
    expect(rest).toEqual({
      name: 'mlp-16',
      experiment: 'weather',
      source: { dataset: 'seattle-weather', version: 'latest' },
      data: { task: 'classification', target: 'weather', features: ['precipitation', 'temp_max', 'temp_min', 'wind'].map((name) => ({ name })), testFraction: 0.2 },
      seed: 7,
    });
    expect(model.compile).toEqual({ optimizer: { name: 'adam', learningRate: 0.01 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    expect(model.fit).toEqual({ epochs: 10, batchSize: 32, validationSplit: 0.1 });
    const layers = (JSON.parse(model.topology as string) as { config: { layers: Array<{ config: { units?: number; activation?: string; batch_input_shape?: unknown } }> } }).config.layers;
    expect(layers.map((layer) => [layer.config.units, layer.config.activation])).toEqual([
      [16, 'relu'],
      [5, 'softmax'],
    ]);
    expect(layers[0].config.batch_input_shape).toEqual([null, 4]);
  });

  it('asks for a numbered version and early stopping when chosen', () => {
    const built = buildJobRequest(weatherDraft({ version: '3', earlyStopping: true, monitor: 'val_loss', patience: '2' }), seattleWeather);

    expect(built.ok && built.request.source).toEqual({ dataset: 'seattle-weather', version: 3 });
    expect(built.ok && built.request.model.fit.earlyStopping).toEqual({ monitor: 'val_loss', patience: 2 });
  });

  it('sends a pasted topology as written', () => {
    const topology = kerasTopology([{ kind: 'dense', units: 5, activation: 'softmax' }], 4);
    const built = buildJobRequest(weatherDraft({ modelMode: 'json', topologyJson: `  ${topology}\n` }), seattleWeather);

    expect(built.ok && built.request.model.topology).toBe(topology);
  });

  it('names each problem on its field before anything is sent', () => {
    const built = buildJobRequest(
      weatherDraft({ experiment: ' ', target: '', features: [], learningRate: '0', epochs: '2.5', seed: 'x', validationSplit: '0', earlyStopping: true, monitor: 'val_loss' }),
      seattleWeather,
    );

    expect(built).toEqual({
      ok: false,
      errors: {
        experiment: 'name the experiment to record the run in',
        target: 'choose the column to predict',
        features: 'choose at least one feature',
        learningRate: 'must be above 0 and at most 10',
        epochs: 'must be a whole number from 1 to 10000',
        seed: 'must be a number',
        earlyStopping: 'val_loss needs a validation split above 0',
      },
    });
  });

  it('refuses a pasted topology that is not JSON, and a layer without units', () => {
    expect(buildJobRequest(weatherDraft({ modelMode: 'json', topologyJson: '{"class_name":' }), seattleWeather)).toMatchObject({ ok: false, errors: { topology: expect.stringMatching(/^not JSON/) } });
    expect(buildJobRequest(weatherDraft({ layers: [{ kind: 'dense', units: '', activation: 'relu' }] }), seattleWeather)).toMatchObject({
      ok: false,
      errors: { topology: 'layer 1: units must be a whole number from 1 to 100000' },
    });
  });
});

describe('server problems on the form', () => {
  it('finds the field of a problem path in either notation', () => {
    expect(jobFormField('data.target')).toBe('target');
    expect(jobFormField('data.features[2].kind')).toBe('features');
    expect(jobFormField('data.features.0.name')).toBe('features');
    expect(jobFormField('model.topology')).toBe('topology');
    expect(jobFormField('model.compile.optimizer.learningRate')).toBe('learningRate');
    expect(jobFormField('model.compile.loss')).toBe('loss');
    expect(jobFormField('model.fit.earlyStopping.monitor')).toBe('earlyStopping');
    expect(jobFormField('source')).toBe('source');
    expect(jobFormField('resources.timeoutSeconds')).toBe('form');
  });

  it('keeps every problem, joining those of one field and naming the path of those without one', () => {
    expect(
      jobFormErrors([
        { field: 'model.topology', message: "the model's input shape is [null, 3] but the features give 4 columns" },
        { field: 'model.topology', message: 'categoricalCrossentropy needs a softmax output layer' },
        { field: 'resources.maxAttempts', message: 'must be at most 10' },
      ]),
    ).toEqual({
      topology: "the model's input shape is [null, 3] but the features give 4 columns; categoricalCrossentropy needs a softmax output layer",
      form: 'resources.maxAttempts: must be at most 10',
    });
  });
});
