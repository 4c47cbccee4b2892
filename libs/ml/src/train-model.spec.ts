import * as tf from '@tensorflow/tfjs';
import type { EpochLog, TrainingSpecInput } from '@galley/contracts';
import { useNodeBackend } from './node/tfjs-backend';
import { trainModel } from './train-model';
import type { TrainingResult } from './train-model';
import { denseStackTopology, penguinRows, penguinSpec, schemaOf } from './training-spec.builder';

jest.setTimeout(60_000);

const rows = penguinRows();
const schema = schemaOf(rows);

beforeAll(async () => {
  await useNodeBackend('wasm');
});

async function weightsOf(result: TrainingResult): Promise<number[][]> {
  return Promise.all(result.trained.model.getWeights().map(async (weight) => Array.from(await weight.data())));
}

describe('trainModel', () => {
  it('gives identical metrics, history and weights for the same spec, seed and data on one backend', async () => {
    const spec = penguinSpec({ hidden: [16], dropout: 0.3, epochs: 6 });
    const first = await trainModel({ spec, dataSchema: schema, rows });
    const second = await trainModel({ spec, dataSchema: schema, rows });
    try {
      expect(first.backend).toBe('wasm');
      expect(second.metrics).toEqual(first.metrics);
      expect(second.history.map(({ values }) => values)).toEqual(first.history.map(({ values }) => values));
      expect(await weightsOf(second)).toEqual(await weightsOf(first));
    } finally {
      first.trained.model.dispose();
      second.trained.model.dispose();
    }
  });

  it('starts from other weights with another seed', async () => {
    const [a, b] = [
      await trainModel({ spec: penguinSpec({ epochs: 1, seed: 1 }), dataSchema: schema, rows }),
      await trainModel({ spec: penguinSpec({ epochs: 1, seed: 2 }), dataSchema: schema, rows }),
    ];
    expect(await weightsOf(b)).not.toEqual(await weightsOf(a));
    a.trained.model.dispose();
    b.trained.model.dispose();
  });

  it('reports loss, val_loss and the compiled metrics after every epoch', async () => {
    const logs: EpochLog[] = [];
    const result = await trainModel({ spec: penguinSpec({ epochs: 3 }), dataSchema: schema, rows, onEpochEnd: (log) => void logs.push(log) });
    result.trained.model.dispose();
    expect(logs.map((log) => log.epoch)).toEqual([1, 2, 3]);
    expect(Object.keys(logs[0].values).sort()).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    expect(logs[2].loss).toBeLessThan(logs[0].loss);
    expect(result.rows).toEqual({ train: 220, validation: 55, test: 69, dropped: 0 });
    expect(result.samplesPerSecond).toBeGreaterThan(0);
  });

  function withNanWeights(spec: TrainingSpecInput, inputWidth: number, outputs: number): TrainingSpecInput {
    const name = layerName(spec, 0);
    const nan = new Float32Array(inputWidth * outputs + outputs).fill(Number.NaN);
    return {
      ...spec,
      model: {
        ...spec.model,
        fit: { ...spec.model.fit, epochs: 1 },
        initialWeights: {
          specs: [
            { name: `${name}/kernel`, shape: [inputWidth, outputs], dtype: 'float32' },
            { name: `${name}/bias`, shape: [outputs], dtype: 'float32' },
          ],
          data: Buffer.from(nan.buffer).toString('base64'),
        },
      },
    };
  }

  it('stops with a training_diverged error when the loss is not finite', async () => {
    const spec = bodyMassSpec();
    await expect(trainModel({ spec: withNanWeights(spec, 10, 1), dataSchema: schema, rows })).rejects.toMatchObject({
      code: 'training_diverged',
      message: expect.stringMatching(/^The loss became NaN in epoch 1, batch 1/),
    });
  });

  it('stops with a training_diverged error when the weights are not finite behind a clipped cross-entropy', async () => {
    await expect(trainModel({ spec: withNanWeights(penguinSpec(), 11, 3), dataSchema: schema, rows })).rejects.toMatchObject({
      code: 'training_diverged',
      message: expect.stringMatching(/^The weights became NaN or infinite in epoch 1/),
    });
  });

  it('stops between batches when the signal is aborted', async () => {
    const controller = new AbortController();
    const run = trainModel({
      spec: penguinSpec({ epochs: 50 }),
      dataSchema: schema,
      rows,
      signal: controller.signal,
      onEpochEnd: (log) => {
        if (log.epoch === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled', details: { epoch: 3, batch: 1 } });
  });

  it('stops early when val_loss stops improving, restoring the weights of its best epoch', async () => {
    const spec = penguinSpec({ epochs: 200, learningRate: 0.1 });
    const patience = 2;
    const stopping: TrainingSpecInput = {
      ...spec,
      model: { ...spec.model, fit: { ...spec.model.fit, earlyStopping: { monitor: 'val_loss', patience, minDelta: 0.01, restoreBestWeights: true } } },
    };
    const stopped = await trainModel({ spec: stopping, dataSchema: schema, rows });
    expect(stopped.stoppedEarly).toBe(true);
    expect(stopped.epochsRun).toBeLessThan(200);
    // The best epoch is the last that improved, `patience` epochs before the stop; training is
    // deterministic, so a run of exactly that many epochs ends with the same weights.
    const best = await trainModel({ spec: { ...spec, model: { ...spec.model, fit: { ...spec.model.fit, epochs: stopped.epochsRun - patience } } }, dataSchema: schema, rows });
    expect(await weightsOf(stopped)).toEqual(await weightsOf(best));
    stopped.trained.model.dispose();
    best.trained.model.dispose();
  });

  it('starts from initial weights when the spec carries them', async () => {
    const spec = penguinSpec({ epochs: 1, learningRate: 1e-9 });
    const model = await tf.models.modelFromJSON(JSON.parse(spec.model.topology as string));
    const values = model.getWeights().map((weight) => weight.dataSync() as Float32Array);
    const specs = model.weights.map((weight) => ({ name: weight.originalName, shape: weight.shape as number[], dtype: 'float32' as const }));
    const data = Buffer.concat(values.map((value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength))).toString('base64');
    model.dispose();
    const result = await trainModel({ spec: { ...spec, model: { ...spec.model, initialWeights: { specs, data } } }, dataSchema: schema, rows });
    const trained = await weightsOf(result);
    result.trained.model.dispose();
    // One epoch at a learning rate of 1e-9 moves no weight by more than a few 1e-9.
    trained.forEach((weight, i) => weight.forEach((value, j) => expect(Math.abs(value - values[i][j])).toBeLessThan(1e-6)));
  });

  it('trains a regression target and reports metrics in its units', async () => {
    const result = await trainModel({ spec: bodyMassSpec(), dataSchema: schema, rows });
    result.trained.model.dispose();
    expect(result.rows.dropped).toBe(2);
    if (result.metrics.task !== 'regression') throw new Error('expected regression metrics');
    // Body mass has a std of ~800 g; a linear model on the other measurements gets to ~300 g.
    expect(result.metrics.rmse).toBeLessThan(400);
    expect(result.metrics.r2).toBeGreaterThan(0.75);
  });
});

/** Body mass in grams from the other measurements, island and sex, by a linear model. */
function bodyMassSpec(): TrainingSpecInput {
  const spec = penguinSpec();
  return {
    ...spec,
    model: {
      ...spec.model,
      topology: denseStackTopology({ inputWidth: 10, outputs: 1, outputActivation: 'linear' }),
      compile: { optimizer: { name: 'adam', learningRate: 0.05 }, loss: 'meanSquaredError', metrics: ['mae'] },
    },
    data: { ...spec.data, task: 'regression', target: 'Body Mass (g)', features: spec.data.features.filter((f) => f.name !== 'Body Mass (g)') },
  };
}

function layerName(spec: TrainingSpecInput, index: number): string {
  const topology = JSON.parse(spec.model.topology as string) as { config: { layers: { config: { name: string } }[] } };
  return topology.config.layers[index].config.name;
}
