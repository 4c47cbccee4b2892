import * as tf from '@tensorflow/tfjs';
import { DataSpecSchema, TrackingKeySchema } from '@galley/contracts';
import type { DataSpec, DatasetVersion, EpochLog, EvaluationMetrics, FeatureSpec, LossName, MetricPointInput } from '@galley/contracts';
import { classificationMetrics, exportModel, loadArtifact, memoryArtifactStore, modelFromSpec, prepareRows, regressionMetrics, resolveDataFeatures, saveArtifact } from '@galley/ml';
import type { PreparedData, Row } from '@galley/ml';
import { GalleyClient, isGalleyApiError } from '@galley/sdk';
import type { JobStreamEvent } from '@galley/sdk';
import { defaultFeatures, inferTask, parseDatasetRef } from './dataset-ref';
import { buildJobRequest, compareEvaluations, comparisonPlot, comparisonTable, DEFAULT_EXPERIMENT, DEFAULT_SEED, refusalMessage } from './job-request';
import type { SubmitDefaults, SubmitOptions } from './job-request';
import { JOB_MIME_TYPE } from './mime-types';
import { displayOutput, updateDisplayOutput } from './outputs';
import type { MimeBundle, NbOutput } from './outputs';
import { normalizePlot, plotBundle } from './plot-spec';
import type { PlotData } from './plot-spec';
import { epochProgressPlot, progressText } from './training-progress';

/**
 * The `galley` object of a browser cell: datasets from the catalog, plots, live training progress,
 * metrics to a prototype run, and submitting the model as a training job. Every call goes to the
 * API on the page's own origin, so the session cookie authenticates it.
 */

const ROWS_PAGE = 1000;
const MAX_ROWS = 1_000_000;

export interface HelperContext {
  emit(output: NbOutput): void;
  backend(): string | null;
}

export interface TensorsOptions {
  target: string;
  features?: (string | FeatureSpec)[];
  task?: DataSpec['task'];
  /** How y is encoded: one-hot for categoricalCrossentropy (the default for classes), a class index for the sparse and binary losses. */
  loss?: LossName;
  /** The split's seed; submit reuses it so the trainer trains on the same rows (default 42). */
  seed?: number;
  testFraction?: number;
  validationSplit?: number;
}

export interface TensorSet {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
  xTest: tf.Tensor2D;
  yTest: tf.Tensor2D;
  xValidation: tf.Tensor2D | null;
  yValidation: tf.Tensor2D | null;
  inputWidth: number;
  /** Columns of y: classes for one-hot, 1 otherwise. */
  targetWidth: number;
  classes: (string | number | boolean)[] | null;
  /** The encoded input columns, e.g. `Island=Biscoe`. */
  columns: string[];
  rows: { train: number; validation: number; test: number; dropped: number };
  dispose(): void;
}

interface PreparedRecord {
  dataset: string;
  version: number;
  data: DataSpec;
  seed: number;
  validationSplit: number;
  loss: LossName;
  prepared: PreparedData;
}

const DESCRIBE = Symbol.for('galley.describe');

export class DatasetHandle {
  constructor(
    readonly name: string,
    readonly version: number,
    readonly columns: { name: string; logicalType: DatasetVersion['columns'][number]['logicalType'] }[],
    readonly rows: Row[],
    private readonly remember: (record: PreparedRecord) => void,
  ) {}

  [DESCRIBE](): string {
    return `Dataset ${this.name}@${this.version}: ${this.rows.length} rows × ${this.columns.length} columns (${this.columns.map((c) => `${c.name}: ${c.logicalType}`).join(', ')})`;
  }

  /** The rows split and preprocessed exactly as the trainer will (libs/ml's prepareRows, same seed). */
  async toTensors(options: TensorsOptions): Promise<TensorSet> {
    if (!options || typeof options.target !== 'string') throw new Error("toTensors needs { target: 'column' } (and optionally features, task, loss, seed)");
    const column = this.columns.find((c) => c.name === options.target);
    if (!column) throw new Error(`toTensors: ${options.target} is not a column of ${this.name}@${this.version}; the columns are ${this.columns.map((c) => c.name).join(', ')}`);
    const distinct = new Set(this.rows.map((row) => row[options.target]).filter((value) => value !== null && value !== undefined)).size;
    const task = options.task ?? inferTask(column, distinct);
    const features = options.features?.map((feature) => (typeof feature === 'string' ? { name: feature } : feature)) ?? defaultFeatures(this.columns, options.target);
    const data = DataSpecSchema.parse({ task, target: options.target, features, ...(options.testFraction !== undefined ? { testFraction: options.testFraction } : {}) });
    const loss: LossName = options.loss ?? (task === 'classification' ? 'categoricalCrossentropy' : 'meanSquaredError');
    const seed = options.seed ?? DEFAULT_SEED;
    const validationSplit = options.validationSplit ?? 0;
    const resolved = resolveDataFeatures(data.features, { columns: this.columns });
    const prepared = await prepareRows(this.rows, { data, features: resolved, loss, seed, validationSplit });
    this.remember({ dataset: this.name, version: this.version, data, seed, validationSplit, loss, prepared });
    const width = prepared.preprocessing.inputWidth;
    const matrix = (values: Float32Array, rows: number, columns: number) => tf.tensor2d(values, [rows, columns]);
    const x = matrix(prepared.train.x, prepared.train.rows, width);
    const y = matrix(prepared.train.y, prepared.train.rows, prepared.targetWidth);
    const xTest = matrix(prepared.test.x, prepared.test.rows, width);
    const yTest = matrix(prepared.test.y, prepared.test.rows, prepared.targetWidth);
    const validation = prepared.validation;
    const xValidation = validation ? matrix(validation.x, validation.rows, width) : null;
    const yValidation = validation ? matrix(validation.y, validation.rows, prepared.targetWidth) : null;
    const target = prepared.preprocessing.target;
    return {
      x,
      y,
      xTest,
      yTest,
      xValidation,
      yValidation,
      inputWidth: width,
      targetWidth: prepared.targetWidth,
      classes: target.task === 'classification' ? target.classes : null,
      columns: prepared.preprocessing.encodedNames,
      rows: { train: prepared.train.rows, validation: validation?.rows ?? 0, test: prepared.test.rows, dropped: prepared.droppedRows },
      dispose: () => tf.dispose([x, y, xTest, yTest, ...(xValidation ? [xValidation] : []), ...(yValidation ? [yValidation] : [])]),
    };
  }
}

export interface FitArgs {
  epochs: number;
  batchSize?: number;
  validationSplit?: number;
  validationData?: [tf.Tensor, tf.Tensor];
  shuffle?: boolean;
  /** Also log every epoch's values to the prototype run (galley.log). */
  log?: boolean;
  title?: string;
}

let displayCounter = 0;
function newDisplayId(kind: string): string {
  displayCounter += 1;
  return `galley-${kind}-${Date.now().toString(36)}-${displayCounter}`;
}

export function createGalleyHelper(context: HelperContext) {
  const client = new GalleyClient({ baseUrl: self.location.origin, credentials: 'same-origin' });
  let lastPrepared: PreparedRecord | null = null;
  let lastFit: { epochs: number; batchSize?: number; validationSplit?: number; history: EpochLog[]; model: tf.LayersModel } | null = null;
  let run: { id: string; experiment: string } | null = null;
  const steps = new Map<string, number>();

  const display = (data: MimeBundle, displayId?: string) => context.emit(displayOutput(data, displayId));
  const update = (data: MimeBundle, displayId: string) => context.emit(updateDisplayOutput(data, displayId));

  async function startRun(options: { experiment?: string; name?: string } = {}): Promise<{ id: string; experiment: string }> {
    const created = await client.training.createRun({
      experiment: options.experiment ?? DEFAULT_EXPERIMENT,
      name: options.name ?? 'notebook prototype',
      tags: { source: 'notebook', runtime: 'browser' },
      environment: { tfjsVersion: tf.version.tfjs, backend: context.backend() ?? undefined },
    });
    run = { id: created.id, experiment: created.experiment };
    steps.clear();
    return run;
  }

  async function log(metrics: Record<string, number>, step?: number): Promise<{ runId: string; accepted: number }> {
    const points: MetricPointInput[] = [];
    for (const [key, value] of Object.entries(metrics ?? {})) {
      if (!TrackingKeySchema.safeParse(key).success) throw new Error(`galley.log: ${JSON.stringify(key)} is not a metric key (letters, digits and _ - . /)`);
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`galley.log: ${key} is ${String(value)}; a metric is a finite number`);
      const at = step ?? steps.get(key) ?? 0;
      steps.set(key, at + 1);
      points.push({ key, value, step: at });
    }
    if (points.length === 0) throw new Error('galley.log takes { name: number, … }');
    const target = run ?? (await startRun());
    const logged = await client.training.logMetrics(target.id, points);
    return { runId: target.id, accepted: logged.accepted };
  }

  async function dataset(ref: string): Promise<DatasetHandle> {
    const { name, version } = parseDatasetRef(String(ref));
    const info = await client.getVersion(name, version);
    if (info.status === 'rejected') throw new Error(`${name}@${info.version} was rejected by its expectations; training refuses it too`);
    const rows: Row[] = [];
    const displayId = newDisplayId('dataset');
    const total = Math.min(info.rowCount, MAX_ROWS);
    const announce = info.rowCount > ROWS_PAGE * 5;
    if (announce) display({ 'text/plain': `Loading ${name}@${info.version}: 0 of ${total} rows` }, displayId);
    for (let offset = 0; offset < total; offset += ROWS_PAGE) {
      const page = await client.previewRows(name, info.version, { offset, limit: Math.min(ROWS_PAGE, total - offset) });
      rows.push(...(page.rows as Row[]));
      if (announce) update({ 'text/plain': `Loading ${name}@${info.version}: ${rows.length} of ${total} rows` }, displayId);
      if (page.rows.length === 0) break;
    }
    const columns = info.columns.map((column) => ({ name: column.name, logicalType: column.logicalType }));
    return new DatasetHandle(name, info.version, columns, rows, (record) => {
      lastPrepared = record;
    });
  }

  function plot(spec: unknown): void {
    display(plotBundle(normalizePlot(spec)));
  }

  /** model.fit with a live progress display (a curve per metric, redrawn each epoch). */
  async function fit(model: tf.LayersModel, x: tf.Tensor | tf.Tensor[], y: tf.Tensor | tf.Tensor[], args: FitArgs): Promise<tf.History> {
    if (!args || !Number.isInteger(args.epochs) || args.epochs < 1) throw new Error('galley.fit(model, x, y, { epochs, batchSize }) needs a whole number of epochs');
    const displayId = newDisplayId('fit');
    const history: EpochLog[] = [];
    const title = args.title ?? 'Training in the browser';
    const started = performance.now();
    let epochStarted = started;
    display(progressBundle(title, history, args.epochs, context.backend()), displayId);
    const logEpochs = args.log === true;
    const result = await model.fit(x, y, {
      epochs: args.epochs,
      ...(args.batchSize !== undefined ? { batchSize: args.batchSize } : {}),
      ...(args.validationSplit !== undefined ? { validationSplit: args.validationSplit } : {}),
      ...(args.validationData ? { validationData: args.validationData } : {}),
      ...(args.shuffle !== undefined ? { shuffle: args.shuffle } : {}),
      verbose: 0,
      callbacks: {
        onEpochBegin: async () => {
          epochStarted = performance.now();
        },
        onEpochEnd: async (epoch, logs) => {
          const values: Record<string, number> = {};
          for (const [key, value] of Object.entries(logs ?? {})) if (typeof value === 'number' && Number.isFinite(value)) values[key === 'acc' ? 'accuracy' : key.replace(/^val_acc$/, 'val_accuracy')] = value;
          const entry: EpochLog = { epoch: epoch + 1, loss: values['loss'] ?? NaN, values, durationMs: performance.now() - epochStarted };
          history.push(entry);
          update(progressBundle(title, history, args.epochs, context.backend()), displayId);
          if (logEpochs) await log(values, epoch + 1);
        },
      },
    });
    lastFit = { epochs: args.epochs, batchSize: args.batchSize, validationSplit: args.validationSplit, history, model };
    update(progressBundle(title, history, args.epochs, context.backend(), performance.now() - started), displayId);
    return result;
  }

  /** The prototype on the test split of its last toTensors, scored as the trainer scores a job. */
  async function evaluatePrototype(model: tf.LayersModel): Promise<EvaluationMetrics | null> {
    if (!lastPrepared) return null;
    const { prepared } = lastPrepared;
    const width = prepared.preprocessing.inputWidth;
    if (model.inputs[0]?.shape[1] !== width) return null;
    const xs = tf.tensor2d(prepared.test.x, [prepared.test.rows, width]);
    const ys = tf.tensor2d(prepared.test.y, [prepared.test.rows, prepared.targetWidth]);
    try {
      // The compiled loss, as the trainer's evaluation computes it.
      const evaluated = model.evaluate(xs, ys, { batchSize: 4096 });
      const lossTensor = Array.isArray(evaluated) ? evaluated[0] : evaluated;
      const output = model.predict(xs) as tf.Tensor;
      const [outputs, lossValue] = await Promise.all([output.data() as Promise<Float32Array>, lossTensor.data()]);
      tf.dispose([output, ...(Array.isArray(evaluated) ? evaluated : [evaluated])]);
      const target = prepared.preprocessing.target;
      if (target.task === 'classification') {
        const k = target.classes.length;
        const probabilities = outputs.length === prepared.test.rows * k ? outputs : binaryProbabilities(outputs);
        return classificationMetrics({ actual: prepared.test.actual as Int32Array, probabilities, classes: target.classes, loss: lossValue[0] });
      }
      const predicted = Float64Array.from(outputs, (value) => value * target.scale + target.mean);
      return regressionMetrics({ actual: prepared.test.actual as Float64Array, predicted, loss: lossValue[0] });
    } finally {
      tf.dispose([xs, ys]);
    }
  }

  async function submit(model: tf.LayersModel, options: SubmitOptions = {}) {
    if (!(model instanceof tf.LayersModel)) throw new Error('galley.submit(model, options) takes a tfjs layers model (tf.sequential() or tf.model())');
    const exported = await exportModel(model, { includeWeights: options.includeWeights === true });
    const defaults: SubmitDefaults = {
      data: lastPrepared ? { dataset: lastPrepared.dataset, version: lastPrepared.version, data: lastPrepared.data, seed: lastPrepared.seed, validationSplit: lastPrepared.validationSplit } : null,
      fit: lastFit && lastFit.model === model ? lastFit : null,
    };
    const body = buildJobRequest(exported, options, defaults);
    let job;
    try {
      job = await client.training.submitJob(body);
    } catch (error) {
      if (isGalleyApiError(error) && error.status >= 400 && error.status < 500) {
        const refused = new Error(refusalMessage(error.status, error.detail || error.title, error.errors));
        refused.name = 'JobRefused';
        throw refused;
      }
      throw error;
    }
    const displayId = newDisplayId('job');
    const epochs = body.model.fit.epochs ?? 1;
    const serverHistory: EpochLog[] = [];
    let status: string = job.status;
    const title = () => `Job ${job.name} (${job.id.slice(0, 8)}) — ${status}`;
    const render = () => {
      const bundle = progressBundle(title(), serverHistory, epochs, 'server');
      bundle['text/plain'] = `${title()}\n${progressText(serverHistory, epochs)}\n/jobs/${job.id}`;
      return { ...bundle, [JOB_MIME_TYPE]: { id: job.id, name: job.name, status, runId, url: `/jobs/${job.id}` } };
    };
    let runId: string | null = job.runId;
    display(render(), displayId);
    const outcome = await client.training.watchJob(job.id, {
      onEvent: (event: JobStreamEvent) => {
        if (event.type === 'epoch') {
          runId = event.runId;
          if (!serverHistory.some((entry) => entry.epoch === event.log.epoch)) serverHistory.push(event.log);
        } else {
          status = event.job.status;
          runId = event.job.runId ?? runId;
        }
        update(render(), displayId);
      },
    });
    status = outcome.job.status;
    update(render(), displayId);
    if (outcome.job.status !== 'completed') {
      const failed = new Error(`Job ${outcome.job.name} ${outcome.job.status}${outcome.job.error ? `: ${outcome.job.error}` : ''}`);
      failed.name = 'JobFailed';
      throw failed;
    }
    const server = outcome.evaluation ?? (await client.training.getJob(job.id)).evaluation ?? null;
    const prototype = await evaluatePrototype(model);
    const rows = compareEvaluations(prototype, server);
    const heading = `Job ${outcome.job.name}: the server run beside the browser prototype (test split, same seed)`;
    display({
      ...plotBundle(comparisonPlot(rows, heading)),
      'text/plain': `${heading}\n${comparisonTable(rows)}${lastFit?.model === model ? `\nprototype's last epoch: ${progressText(lastFit.history.slice(-1), lastFit.epochs)}` : ''}`,
    });
    return { job: outcome.job, evaluation: server, prototype, comparison: rows };
  }

  /**
   * The model as the trainer would have it: exported exactly as `submit` sends it (with its weights),
   * built by the trainer's `modelFromSpec`, saved as an artifact and loaded back — on `backend` when
   * given (`'wasm'`, the trainer's; the cell stays on it afterwards), else on the backend in use. The
   * weights are read before switching (tfjs moves tensors between backends with a synchronous read,
   * which WebGPU cannot do). Needs a `toTensors` first (the artifact carries its preprocessing).
   */
  async function trainerCopy(model: tf.LayersModel, options: { backend?: string } = {}): Promise<tf.LayersModel> {
    if (!lastPrepared) throw new Error('galley.trainerCopy needs the tensors the model was trained on: call toTensors first');
    const exported = await exportModel(model, { includeWeights: true });
    if (options.backend && !(await tf.setBackend(options.backend))) throw new Error(`galley.trainerCopy: the ${options.backend} backend did not start`);
    const topology = JSON.parse(exported.topology) as Record<string, unknown>;
    const built = await modelFromSpec(topology, { initialWeights: exported.initialWeights }, lastPrepared.seed);
    const { preprocessing } = lastPrepared.prepared;
    const target = preprocessing.target;
    const store = memoryArtifactStore();
    try {
      await saveArtifact(store, {
        model: built,
        preprocessing,
        signature: {
          inputs: preprocessing.features.map((feature) => ({ name: feature.name, kind: feature.kind })),
          target: { name: target.name, task: target.task, ...(target.task === 'classification' ? { classes: target.classes } : {}) },
          inputWidth: preprocessing.inputWidth,
          outputWidth: built.outputs[0]?.shape[1] ?? 1,
        },
      });
    } finally {
      built.dispose();
    }
    return (await loadArtifact(store)).model;
  }

  return {
    dataset,
    plot,
    fit,
    log,
    submit,
    trainerCopy,
    /** Starts a new prototype run for galley.log (one is started on the first log otherwise). */
    startRun,
    /** Shows a mime bundle (`{ 'text/plain': … }`) or a value's text. */
    display(value: unknown) {
      display(typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as MimeBundle) : { 'text/plain': String(value) });
    },
    /** The API client the helper uses (same origin, session cookie). */
    client,
    get run() {
      return run;
    },
  };
}

export type GalleyHelper = ReturnType<typeof createGalleyHelper>;

function progressBundle(title: string, history: readonly EpochLog[], epochs: number, backend: string | null, elapsedMs?: number): MimeBundle {
  const plot: PlotData = epochProgressPlot(title, history, epochs);
  const done = history.length >= epochs || elapsedMs !== undefined;
  const suffix = backend ? ` on ${backend}` : '';
  return { ...plotBundle(plot), 'text/plain': `${title}${suffix}: ${progressText(history, epochs)}${done && elapsedMs !== undefined ? ` in ${(elapsedMs / 1000).toFixed(1)} s` : ''}` };
}

function binaryProbabilities(outputs: Float32Array): Float32Array {
  const probabilities = new Float32Array(outputs.length * 2);
  outputs.forEach((p, r) => {
    probabilities[r * 2] = 1 - p;
    probabilities[r * 2 + 1] = p;
  });
  return probabilities;
}

export { DESCRIBE };
