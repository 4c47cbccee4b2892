import type {
  ColumnProfile,
  EarlyStoppingMonitor,
  FeatureKind,
  LossName,
  ModelTask,
  OptimizerName,
  SubmitJobRequestInput,
  TrainingMetricName,
  ValidationIssue,
} from '@galley/contracts';

/**
 * The job submission form as plain data: what the user picked and typed (numbers stay text until
 * submitted, so a half-typed "0." is not lost), turned into a SubmitJobRequest with the model's Keras
 * JSON built from the layer list, exactly as tfjs `model.toJSON()` writes it.
 */

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'selu' | 'gelu' | 'linear' | 'softmax';
export const HIDDEN_ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'elu', 'selu', 'gelu', 'linear'];

export type LayerDraft = { kind: 'dense'; units: string; activation: Activation } | { kind: 'dropout'; rate: string };

export interface JobDraft {
  name: string;
  experiment: string;
  dataset: string;
  /** `latest` or a version number, as the picker's value. */
  version: string;
  task: ModelTask;
  target: string;
  features: string[];
  testFraction: string;
  /** `builder`: hidden layers from the list, the output layer derived from the target; `json`: a pasted topology. */
  modelMode: 'builder' | 'json';
  layers: LayerDraft[];
  topologyJson: string;
  optimizer: OptimizerName;
  learningRate: string;
  loss: LossName;
  metrics: TrainingMetricName[];
  epochs: string;
  batchSize: string;
  validationSplit: string;
  earlyStopping: boolean;
  monitor: EarlyStoppingMonitor;
  patience: string;
  seed: string;
}

/** The form's fields: where a problem, from this module or from the server, is shown. */
export type JobFormField =
  | 'name'
  | 'experiment'
  | 'source'
  | 'task'
  | 'target'
  | 'features'
  | 'testFraction'
  | 'topology'
  | 'optimizer'
  | 'learningRate'
  | 'loss'
  | 'metrics'
  | 'epochs'
  | 'batchSize'
  | 'validationSplit'
  | 'earlyStopping'
  | 'seed'
  | 'form';

export type JobFormErrors = Partial<Record<JobFormField, string>>;

export function defaultJobDraft(experiment = ''): JobDraft {
  return {
    name: '',
    experiment,
    dataset: '',
    version: 'latest',
    task: 'classification',
    target: '',
    features: [],
    testFraction: '0.2',
    modelMode: 'builder',
    layers: [{ kind: 'dense', units: '16', activation: 'relu' }],
    topologyJson: '',
    optimizer: 'adam',
    learningRate: '0.01',
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
    epochs: '10',
    batchSize: '32',
    validationSplit: '0.1',
    earlyStopping: false,
    monitor: 'val_loss',
    patience: '3',
    seed: '42',
  };
}

/** The column facts the form needs: a dataset version's profile gives them as they are. */
export type DataColumnInfo = Pick<ColumnProfile, 'name' | 'logicalType' | 'distinctCount'>;

/** How the trainer encodes a column when the job names no kind; null for columns that cannot be features. */
export function defaultFeatureKind(column: DataColumnInfo): FeatureKind | null {
  if (column.logicalType === 'integer' || column.logicalType === 'float') return 'numeric';
  if (column.logicalType === 'string' || column.logicalType === 'boolean') return 'categorical';
  return null;
}

/** Columns that can be a target for the task: numbers for regression; text, booleans and integers for classes. */
export function targetCandidates(columns: readonly DataColumnInfo[], task: ModelTask): DataColumnInfo[] {
  const allowed = task === 'regression' ? ['integer', 'float'] : ['string', 'boolean', 'integer'];
  return columns.filter((column) => allowed.includes(column.logicalType));
}

/** The model's input width: 1 per numeric feature, one per category plus one for null per categorical one. */
export function inputWidth(features: readonly string[], columns: readonly DataColumnInfo[]): number | null {
  let width = 0;
  for (const name of features) {
    const column = columns.find((candidate) => candidate.name === name);
    if (!column) return null;
    const kind = defaultFeatureKind(column);
    if (kind === null) return null;
    // A boolean's vocabulary is false/true whatever the data holds (libs/ml resolves it the same way).
    width += kind === 'numeric' ? 1 : (column.logicalType === 'boolean' ? 2 : column.distinctCount) + 1;
  }
  return width;
}

export function classCount(target: string, columns: readonly DataColumnInfo[]): number | null {
  return columns.find((column) => column.name === target)?.distinctCount ?? null;
}

/** The loss a task starts with: softmax over the classes (also for two), squared error for numbers. */
export function defaultLoss(task: ModelTask): LossName {
  return task === 'regression' ? 'meanSquaredError' : 'categoricalCrossentropy';
}

export function lossesFor(task: ModelTask): LossName[] {
  return task === 'regression' ? ['meanSquaredError', 'meanAbsoluteError'] : ['categoricalCrossentropy', 'sparseCategoricalCrossentropy', 'binaryCrossentropy'];
}

export function metricsFor(task: ModelTask): TrainingMetricName[] {
  return task === 'regression' ? ['mae', 'mse'] : ['accuracy'];
}

/** The output layer the task and loss need (what libs/ml's checkOutput accepts). */
export function outputLayer(task: ModelTask, loss: LossName, classes: number | null): { units: number; activation: Activation } | null {
  if (task === 'regression') return { units: 1, activation: 'linear' };
  if (loss === 'binaryCrossentropy') return { units: 1, activation: 'sigmoid' };
  return classes === null || classes < 2 ? null : { units: classes, activation: 'softmax' };
}

type DenseConfig = { units: number; activation: Activation };
type LayerSpec = ({ kind: 'dense' } & DenseConfig) | { kind: 'dropout'; rate: number };

/** Keras JSON of a Sequential model, byte for byte what tfjs 4 `model.toJSON()` gives for the same layers. */
export function kerasTopology(layers: readonly LayerSpec[], width: number): string {
  const counters = { dense: 0, dropout: 0 };
  const configs = layers.map((layer, index) => {
    const input = index === 0 ? { batch_input_shape: [null, width], dtype: 'float32' } : {};
    if (layer.kind === 'dropout') {
      counters.dropout += 1;
      return { class_name: 'Dropout', config: { rate: layer.rate, noise_shape: null, seed: null, name: `dropout_Dropout${counters.dropout}`, trainable: true, ...input } };
    }
    counters.dense += 1;
    return {
      class_name: 'Dense',
      config: {
        units: layer.units,
        activation: layer.activation,
        use_bias: true,
        kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null } },
        bias_initializer: { class_name: 'Zeros', config: {} },
        kernel_regularizer: null,
        bias_regularizer: null,
        activity_regularizer: null,
        kernel_constraint: null,
        bias_constraint: null,
        name: `dense_Dense${counters.dense}`,
        trainable: true,
        ...input,
      },
    };
  });
  return JSON.stringify({ class_name: 'Sequential', config: { name: 'sequential_1', layers: configs }, keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' });
}

/** A one-line picture of the builder's model, e.g. `4 → Dense(16, relu) → Dense(5, softmax)`. */
export function describeModel(layers: readonly LayerDraft[], width: number | null, output: { units: number; activation: Activation } | null): string {
  const parts = layers.map((layer) => (layer.kind === 'dense' ? `Dense(${layer.units || '?'}, ${layer.activation})` : `Dropout(${layer.rate || '?'})`));
  return [String(width ?? '?'), ...parts, output ? `Dense(${output.units}, ${output.activation})` : 'output ?'].join(' → ');
}

export type BuiltJob = { ok: true; request: SubmitJobRequestInput } | { ok: false; errors: JobFormErrors };

/** The request the draft describes, or the problems that keep it from being one (each on its field). */
export function buildJobRequest(draft: JobDraft, columns: readonly DataColumnInfo[]): BuiltJob {
  const errors: JobFormErrors = {};
  const number = (field: JobFormField, text: string, check: (n: number) => string | null): number => {
    const value = Number(text.trim());
    const problem = text.trim() === '' || !Number.isFinite(value) ? 'must be a number' : check(value);
    if (problem) errors[field] ??= problem;
    return value;
  };
  const integer = (min: number, max: number) => (n: number) => (!Number.isInteger(n) || n < min || n > max ? `must be a whole number from ${min} to ${max}` : null);
  const between = (min: number, max: number) => (n: number) => (n < min || n > max ? `must be from ${min} to ${max}` : null);

  if (!draft.experiment.trim()) errors.experiment = 'name the experiment to record the run in';
  if (!draft.dataset) errors.source = 'choose a dataset';
  if (!draft.target) errors.target = 'choose the column to predict';
  if (draft.features.length === 0) errors.features = 'choose at least one feature';
  const testFraction = number('testFraction', draft.testFraction, between(0.05, 0.5));
  const learningRate = number('learningRate', draft.learningRate, (n) => (n <= 0 || n > 10 ? 'must be above 0 and at most 10' : null));
  const epochs = number('epochs', draft.epochs, integer(1, 10_000));
  const batchSize = number('batchSize', draft.batchSize, integer(1, 65_536));
  const validationSplit = number('validationSplit', draft.validationSplit, between(0, 0.5));
  const seed = number('seed', draft.seed, integer(0, 0xffff_ffff));
  const patience = draft.earlyStopping ? number('earlyStopping', draft.patience, integer(0, 1000)) : 0;
  if (draft.earlyStopping && draft.monitor.startsWith('val_') && validationSplit === 0) {
    errors.earlyStopping ??= `${draft.monitor} needs a validation split above 0`;
  }

  const topology = draft.modelMode === 'json' ? jsonTopology(draft.topologyJson, errors) : builtTopology(draft, columns, errors);
  if (Object.keys(errors).length > 0 || topology === null) return { ok: false, errors };

  const request: SubmitJobRequestInput = {
    ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
    experiment: draft.experiment.trim(),
    source: { dataset: draft.dataset, version: draft.version === 'latest' ? 'latest' : Number(draft.version) },
    data: { task: draft.task, target: draft.target, features: draft.features.map((name) => ({ name })), testFraction },
    model: {
      topology,
      compile: { optimizer: { name: draft.optimizer, learningRate }, loss: draft.loss, metrics: draft.metrics },
      fit: {
        epochs,
        batchSize,
        validationSplit,
        ...(draft.earlyStopping ? { earlyStopping: { monitor: draft.monitor, patience } } : {}),
      },
    },
    seed,
  };
  return { ok: true, request };
}

function jsonTopology(text: string, errors: JobFormErrors): string | null {
  if (!text.trim()) {
    errors.topology = 'paste the Keras JSON of a tfjs model (model.toJSON())';
    return null;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
  } catch (error) {
    errors.topology = `not JSON: ${error instanceof Error ? error.message : String(error)}`;
    return null;
  }
  // Sent as written: the server reads and checks every layer.
  return text.trim();
}

function builtTopology(draft: JobDraft, columns: readonly DataColumnInfo[], errors: JobFormErrors): string | null {
  const layers: LayerSpec[] = [];
  for (const [index, layer] of draft.layers.entries()) {
    if (layer.kind === 'dense') {
      const units = Number(layer.units);
      if (!Number.isInteger(units) || units < 1 || units > 100_000) {
        errors.topology ??= `layer ${index + 1}: units must be a whole number from 1 to 100000`;
        return null;
      }
      layers.push({ kind: 'dense', units, activation: layer.activation });
    } else {
      const rate = Number(layer.rate);
      if (!(rate > 0 && rate < 1)) {
        errors.topology ??= `layer ${index + 1}: a dropout rate is above 0 and below 1`;
        return null;
      }
      layers.push({ kind: 'dropout', rate });
    }
  }
  const width = inputWidth(draft.features, columns);
  if (width === null || width === 0) {
    errors.features ??= width === null ? 'a chosen feature is not a column of this version' : 'choose at least one feature';
    return null;
  }
  const output = outputLayer(draft.task, draft.loss, classCount(draft.target, columns));
  if (output === null) {
    errors.target ??= 'the target needs at least 2 classes';
    return null;
  }
  return kerasTopology([...layers, { kind: 'dense', ...output }], width);
}

/**
 * The form field a server problem belongs to. The server names fields by path, both as
 * `data.features.0.kind` (request validation) and `data.features[0].kind` (the model check).
 */
export function jobFormField(path: string): JobFormField {
  const normalized = path.replace(/\[(\d+)\]/g, '.$1');
  const rules: Array<[RegExp, JobFormField]> = [
    [/^name$/, 'name'],
    [/^experiment\b/, 'experiment'],
    [/^source\b/, 'source'],
    [/^data\.(task|standardizeTarget)\b/, 'task'],
    [/^data\.target\b/, 'target'],
    [/^data\.features\b/, 'features'],
    [/^data\.testFraction\b/, 'testFraction'],
    [/^model\.(topology|initialWeights)\b/, 'topology'],
    [/^model\.compile\.optimizer\.learningRate\b/, 'learningRate'],
    [/^model\.compile\.optimizer\b/, 'optimizer'],
    [/^model\.compile\.loss\b/, 'loss'],
    [/^model\.compile\.metrics\b/, 'metrics'],
    [/^model\.fit\.epochs\b/, 'epochs'],
    [/^model\.fit\.batchSize\b/, 'batchSize'],
    [/^model\.fit\.validationSplit\b/, 'validationSplit'],
    [/^model\.fit\.earlyStopping\b/, 'earlyStopping'],
    [/^seed\b/, 'seed'],
  ];
  return rules.find(([pattern]) => pattern.test(normalized))?.[1] ?? 'form';
}

/** Every server problem on its field; several on one field are joined, none is dropped. */
export function jobFormErrors(issues: readonly ValidationIssue[]): JobFormErrors {
  const errors: JobFormErrors = {};
  for (const issue of issues) {
    const field = jobFormField(issue.field);
    const message = field === 'form' ? `${issue.field}: ${issue.message}` : issue.message;
    errors[field] = errors[field] ? `${errors[field]}; ${message}` : message;
  }
  return errors;
}
