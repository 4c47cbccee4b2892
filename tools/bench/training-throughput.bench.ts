import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { TrainingSpecInput } from '@galley/contracts';
import { assertValidModelSpec, mulberry32, prepareData, trainModel, type DataSchema, type Row } from '@galley/ml';
import { useNodeBackend } from '@galley/ml/node';
import { repositoryRoot } from '@galley/testing';
import { loadAverageLine, quickTrainingBench, thousands, verdict, type TrainingBenchResult } from './training-report';

/** The trainer must keep at least this share of a bare `model.fit`'s samples/s on the same data. */
const RATIO_GOAL = 0.9;

interface Workload {
  label: string;
  spec: TrainingSpecInput;
  schema: DataSchema;
  rows: Row[];
}

interface Measured {
  /** Training samples per second over epochs 2..N (wall clock). */
  samplesPerSecond: number;
  /** The same over this process's CPU time: steadier than the wall clock on a loaded machine. */
  perCpuSecond: number;
  /** trainModel only: its own figure, over the batches alone (gather + trainOnBatch). */
  batchesOnly?: number;
}


/**
 * What the trainer runs (libs/ml's trainModel: seeded batch order, one trainOnBatch per batch, per-epoch
 * checks) against a bare `model.fit` of the same topology, optimizer, loss, metrics, batch size and
 * epochs, on the same preprocessed rows (prepared by the same prepareData), both on the wasm backend in
 * this process. Rounds alternate the two so a busy machine slows both alike; the best round counts.
 */
export async function trainingThroughputBenchmark(): Promise<TrainingBenchResult> {
  const quick = quickTrainingBench();
  const backend = await useNodeBackend('wasm');
  if (backend.name !== 'wasm') throw new Error(`the wasm backend did not start: ${backend.fallbackReason ?? 'unknown reason'}`);
  const rounds = quick ? 1 : 2;
  const workloads = [seattleWeather(quick ? 3 : 6), syntheticTable(quick ? 10_000 : 30_000, 3)];
  const lines: string[] = [];
  for (const workload of workloads) {
    const { fit } = workload.spec.model;
    // Warm-up: the first kernels on a backend compile and allocate; neither side should pay for it.
    await bareFit(withEpochs(workload, 2));
    await trainer(withEpochs(workload, 2));
    const bare: Measured[] = [];
    const galley: Measured[] = [];
    for (let round = 0; round < rounds; round++) {
      bare.push(await bareFit(workload));
      galley.push(await trainer(workload));
    }
    const best = (list: Measured[]) => list.reduce((a, b) => (b.samplesPerSecond > a.samplesPerSecond ? b : a));
    const bareBest = best(bare);
    const galleyBest = best(galley);
    const ratio = galleyBest.samplesPerSecond / bareBest.samplesPerSecond;
    const cpuRatio = Math.max(...galley.map((m) => m.perCpuSecond)) / Math.max(...bare.map((m) => m.perCpuSecond));
    const perSecond = (value: number) => `${thousands(value)} samples/s`.padStart(17);
    lines.push(
      `${workload.label}, batch ${fit?.batchSize}, ${fit?.epochs} epochs, timed over epochs 2–${fit?.epochs} (best of ${rounds})`,
      `  bare tfjs model.fit          ${perSecond(bareBest.samplesPerSecond)}   (rounds: ${bare.map((m) => thousands(m.samplesPerSecond)).join(', ')})`,
      `  Galley trainModel            ${perSecond(galleyBest.samplesPerSecond)}   (rounds: ${galley.map((m) => thousands(m.samplesPerSecond)).join(', ')}; its own figure over the batches alone: ${thousands(galleyBest.batchesOnly ?? 0)})`,
      `  ratio ${ratio.toFixed(2)}× (goal ≥ ${RATIO_GOAL}×)  ${verdict(ratio >= RATIO_GOAL)}   per CPU second: ${cpuRatio.toFixed(2)}× (${thousands(Math.max(...galley.map((m) => m.perCpuSecond)))} vs ${thousands(Math.max(...bare.map((m) => m.perCpuSecond)))} samples per CPU s)`,
    );
  }
  lines.push(`backend ${tf.getBackend()}, tfjs ${tf.version.tfjs}; ${loadAverageLine()}`);
  return { name: 'training throughput: libs/ml trainModel vs a bare tfjs model.fit on the same tensors', lines };
}

function withEpochs(workload: Workload, epochs: number): Workload {
  const model = workload.spec.model;
  return { ...workload, spec: { ...workload.spec, model: { ...model, fit: { ...model.fit, epochs } } } };
}

/** Wall clock and CPU time of this process at the end of each epoch. */
interface EpochMark {
  ms: number;
  cpu: NodeJS.CpuUsage;
}

function mark(): EpochMark {
  return { ms: performance.now(), cpu: process.cpuUsage() };
}

/**
 * Samples/s over epochs 2..N, from the end of the first epoch to the end of the last: both loops are
 * in their steady state (kernels warmed, optimizer slots allocated), and neither side's data
 * preparation, model building or evaluation counts.
 */
function steadyState(marks: EpochMark[], trainRows: number): Measured {
  if (marks.length < 2) throw new Error('the throughput bench needs at least 2 epochs');
  const first = marks[0];
  const last = marks[marks.length - 1];
  const samples = trainRows * (marks.length - 1);
  const cpuSeconds = (last.cpu.user + last.cpu.system - first.cpu.user - first.cpu.system) / 1e6;
  return { samplesPerSecond: (samples * 1000) / (last.ms - first.ms), perCpuSecond: samples / cpuSeconds };
}

async function trainer({ spec, schema, rows }: Workload): Promise<Measured> {
  const marks: EpochMark[] = [];
  const result = await trainModel({ spec, dataSchema: schema, rows, onEpochEnd: () => void marks.push(mark()) });
  result.trained.model.dispose();
  return { ...steadyState(marks, result.rows.train), batchesOnly: result.samplesPerSecond };
}

async function bareFit({ spec, schema, rows }: Workload): Promise<Measured> {
  const validated = assertValidModelSpec(spec, schema);
  const { train, targetWidth } = await prepareData(rows, validated);
  const { compile, fit } = validated.spec.model;
  const config = { modelTopology: validated.topology } as unknown as Parameters<typeof tf.models.modelFromJSON>[0];
  const model = await tf.models.modelFromJSON(config);
  model.compile({ optimizer: tf.train.adam(compile.optimizer.learningRate), loss: compile.loss, metrics: [...compile.metrics] });
  const xs = tf.tensor2d(train.x, [train.rows, validated.summary.inputWidth]);
  const ys = tf.tensor2d(train.y, [train.rows, targetWidth]);
  const marks: EpochMark[] = [];
  try {
    await model.fit(xs, ys, {
      batchSize: fit.batchSize,
      epochs: fit.epochs,
      shuffle: true,
      verbose: 0,
      callbacks: { onEpochEnd: async () => void marks.push(mark()) },
    });
    return steadyState(marks, train.rows);
  } finally {
    tf.dispose([xs, ys]);
    model.dispose();
  }
}

/** The keras JSON tfjs writes for Dense(hidden, relu) → Dense(outputs, softmax): what a browser submits. */
function mlpTopology(inputWidth: number, hidden: number, outputs: number): string {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: hidden, activation: 'relu', inputShape: [inputWidth] }));
  model.add(tf.layers.dense({ units: outputs, activation: 'softmax' }));
  const json = model.toJSON() as string;
  model.dispose();
  return json;
}

function classificationSpec(features: string[], target: string, hidden: number, classes: number, fit: { epochs: number; batchSize: number; learningRate: number }): TrainingSpecInput {
  return {
    model: {
      topology: mlpTopology(features.length, hidden, classes),
      compile: { optimizer: { name: 'adam', learningRate: fit.learningRate }, loss: 'categoricalCrossentropy', metrics: ['accuracy'] },
      fit: { epochs: fit.epochs, batchSize: fit.batchSize, validationSplit: 0 },
    },
    data: { task: 'classification', target, features: features.map((name) => ({ name })), testFraction: 0.2 },
    seed: 42,
  };
}

/** The demo: 1,461 days of Seattle weather (1,169 training rows), 4 numeric features → 5 classes. */
function seattleWeather(epochs: number): Workload {
  const csv = readFileSync(join(repositoryRoot(), 'node_modules/vega-datasets/data/seattle-weather.csv'), 'utf8');
  const [header, ...lines] = csv.trim().split('\n');
  const names = header.split(',');
  const rows = lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((name, i) => [name, name === 'date' || name === 'weather' ? cells[i] : Number(cells[i])])) as Row;
  });
  const features = ['precipitation', 'temp_max', 'temp_min', 'wind'];
  const schema: DataSchema = {
    columns: [...features.map((name) => ({ name, logicalType: 'float' as const })), { name: 'weather', logicalType: 'string', distinctCount: 5 }],
  };
  return {
    label: `seattle-weather MLP 4 → Dense(16, relu) → softmax(5), ${thousands(rows.length * 0.8)} training rows`,
    spec: classificationSpec(features, 'weather', 16, 5, { epochs, batchSize: 32, learningRate: 0.01 }),
    schema,
    rows,
  };
}

/** A larger table so the model's arithmetic, not per-batch overhead, dominates: 20 features → 3 classes. */
function syntheticTable(rowCount: number, epochs: number): Workload {
  const random = mulberry32(7);
  const features = Array.from({ length: 20 }, (_, i) => `f${i}`);
  const weights = features.map(() => [random() - 0.5, random() - 0.5, random() - 0.5]);
  const rows: Row[] = [];
  for (let r = 0; r < rowCount; r++) {
    const row: Record<string, unknown> = {};
    const scores = [0, 0, 0];
    features.forEach((name, i) => {
      const value = random() * 4 - 2;
      row[name] = value;
      for (let c = 0; c < 3; c++) scores[c] += weights[i][c] * value;
    });
    const noisy = scores.map((score) => score + (random() - 0.5));
    row['label'] = ['a', 'b', 'c'][noisy.indexOf(Math.max(...noisy))];
    rows.push(row);
  }
  const schema: DataSchema = {
    columns: [...features.map((name) => ({ name, logicalType: 'float' as const })), { name: 'label', logicalType: 'string', distinctCount: 3 }],
  };
  return {
    label: `synthetic MLP 20 → Dense(64, relu) → softmax(3), ${thousands(rowCount * 0.8)} training rows`,
    spec: classificationSpec(features, 'label', 64, 3, { epochs, batchSize: 256, learningRate: 0.001 }),
    schema,
    rows,
  };
}
