import { MAX_MODEL_PARAMETERS, MAX_TOPOLOGY_BYTES } from '@galley/contracts';
import type { ModelTopologyInput } from '@galley/contracts';
import type { SpecIssue } from './ml.errors';
import { deriveSeed, SEED_PURPOSE } from './seeded-random';

/**
 * Reads a Keras JSON topology (what tfjs `model.toJSON()` gives) without building it: checks every
 * class name against an allowlist and infers shapes and the parameter count layer by layer, so a
 * topology that would allocate a billion weights is refused before tfjs allocates anything.
 */

export type JsonObject = Record<string, unknown>;

/** Shape of one example, without the batch dimension. */
type Shape = number[];

export interface TopologySummary {
  className: 'Sequential' | 'Model';
  /** Width of the single rank-1 input: the feature count after preprocessing. */
  inputWidth: number;
  /** Width of the single rank-1 output. */
  outputWidth: number;
  /** The activation applied last (`linear` when the output layer has none). */
  outputActivation: string;
  parameterCount: number;
  layerCount: number;
  /** Names of the Dropout layers, which training re-seeds per batch. */
  dropoutLayers: string[];
}

export const MAX_LAYERS = 500;
const MAX_JSON_DEPTH = 32;
const MAX_DIMENSION = 10_000_000;

export const ALLOWED_ACTIVATIONS = [
  'linear',
  'relu',
  'relu6',
  'elu',
  'selu',
  'sigmoid',
  'hard_sigmoid',
  'hardSigmoid',
  'softplus',
  'softsign',
  'tanh',
  'softmax',
  'swish',
  'mish',
  'gelu',
  'gelu_new',
];

const INITIALIZERS = new Set([
  'Zeros',
  'Ones',
  'Constant',
  'Identity',
  'RandomUniform',
  'RandomNormal',
  'TruncatedNormal',
  'VarianceScaling',
  'GlorotUniform',
  'GlorotNormal',
  'HeNormal',
  'HeUniform',
  'LeCunNormal',
  'LeCunUniform',
  'Orthogonal',
]);
const SEEDED_INITIALIZERS = new Set([...INITIALIZERS].filter((name) => !['Zeros', 'Ones', 'Constant', 'Identity'].includes(name)));
const REGULARIZERS = new Set(['L1L2']);
const CONSTRAINTS = new Set(['MaxNorm', 'UnitNorm', 'NonNeg', 'MinMaxNorm']);

/** Layers whose randomness tfjs draws without a seed: a run with them could not be repeated. */
const UNSEEDED_LAYERS = new Set(['GaussianNoise', 'GaussianDropout', 'AlphaDropout']);

interface LayerOutput {
  shape: Shape;
  activation: string;
}
type LayerRule = (inputs: LayerOutput[], config: JsonObject) => { output: LayerOutput; parameters: number } | string;

const passThrough: LayerRule = (inputs) => single(inputs, (input) => ({ output: input, parameters: 0 }));

/** The tfjs core layers that work on a vector of features (and reshape it); nothing custom, no Lambda. */
const LAYER_RULES: Record<string, LayerRule> = {
  Dense: (inputs, config) =>
    single(inputs, (input) => {
      const units = config['units'];
      if (!isDimension(units)) return '`units` must be a positive integer';
      const inputDim = input.shape[input.shape.length - 1];
      const bias = config['use_bias'] === false ? 0 : units;
      return {
        output: { shape: [...input.shape.slice(0, -1), units], activation: activationOf(config) },
        parameters: inputDim * units + bias,
      };
    }),
  Dropout: (inputs, config) => {
    const rate = config['rate'];
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate >= 1) return '`rate` must be in [0, 1)';
    return passThrough(inputs, config);
  },
  Activation: (inputs, config) => single(inputs, (input) => ({ output: { shape: input.shape, activation: activationOf(config) }, parameters: 0 })),
  ReLU: (inputs) => single(inputs, (input) => ({ output: { shape: input.shape, activation: 'relu' }, parameters: 0 })),
  LeakyReLU: (inputs) => single(inputs, (input) => ({ output: { shape: input.shape, activation: 'leakyRelu' }, parameters: 0 })),
  ELU: (inputs) => single(inputs, (input) => ({ output: { shape: input.shape, activation: 'elu' }, parameters: 0 })),
  ThresholdedReLU: (inputs) =>
    single(inputs, (input) => ({ output: { shape: input.shape, activation: 'thresholdedRelu' }, parameters: 0 })),
  Softmax: (inputs, config) =>
    single(inputs, (input) => {
      const axis = config['axis'] ?? -1;
      const last = axis === -1 || axis === input.shape.length;
      return { output: { shape: input.shape, activation: last ? 'softmax' : 'softmax(axis)' }, parameters: 0 };
    }),
  PReLU: (inputs, config) =>
    single(inputs, (input) => {
      const shared = config['shared_axes'];
      const sharedAxes = shared == null ? [] : Array.isArray(shared) ? shared : [shared];
      const alphaShape = input.shape.map((dim, i) => (sharedAxes.includes(i + 1) ? 1 : dim));
      return { output: { shape: input.shape, activation: 'prelu' }, parameters: product(alphaShape) };
    }),
  BatchNormalization: (inputs, config) =>
    single(inputs, (input) => {
      const axis = featureAxis(config['axis'] ?? -1, input.shape);
      if (axis === null) return '`axis` must name a non-batch axis';
      const perUnit = 2 + (config['center'] === false ? 0 : 1) + (config['scale'] === false ? 0 : 1);
      return { output: { shape: input.shape, activation: 'linear' }, parameters: perUnit * input.shape[axis] };
    }),
  LayerNormalization: (inputs, config) =>
    single(inputs, (input) => {
      const raw = config['axis'] ?? -1;
      const axes = (Array.isArray(raw) ? raw : [raw]).map((axis) => featureAxis(axis, input.shape));
      if (axes.length === 0 || axes.some((axis) => axis === null)) return '`axis` must name non-batch axes';
      const perParameter = (config['center'] === false ? 0 : 1) + (config['scale'] === false ? 0 : 1);
      const size = product(axes.map((axis) => input.shape[axis as number]));
      return { output: { shape: input.shape, activation: 'linear' }, parameters: perParameter * size };
    }),
  Flatten: (inputs) => single(inputs, (input) => ({ output: { shape: [product(input.shape)], activation: input.activation }, parameters: 0 })),
  Reshape: (inputs, config) =>
    single(inputs, (input) => {
      const target = config['target_shape'];
      if (!Array.isArray(target) || target.length === 0 || target.length > 8) return '`target_shape` must be a list of dimensions';
      const free = target.filter((dim) => dim === -1).length;
      if (free > 1 || target.some((dim) => dim !== -1 && !isDimension(dim))) return '`target_shape` must be positive integers and at most one -1';
      const known = product(target.filter((dim): dim is number => dim !== -1));
      const size = product(input.shape);
      if (free === 0 ? known !== size : size % known !== 0) return `cannot reshape ${size} values to [${target.join(', ')}]`;
      const shape = target.map((dim) => (dim === -1 ? size / known : (dim as number)));
      return { output: { shape, activation: input.activation }, parameters: 0 };
    }),
  RepeatVector: (inputs, config) =>
    single(inputs, (input) => {
      if (input.shape.length !== 1) return 'RepeatVector needs a rank-1 input';
      if (!isDimension(config['n'])) return '`n` must be a positive integer';
      return { output: { shape: [config['n'], input.shape[0]], activation: input.activation }, parameters: 0 };
    }),
  Permute: (inputs, config) =>
    single(inputs, (input) => {
      const raw: unknown = config['dims'];
      const rank = input.shape.length;
      const dims = Array.isArray(raw) && raw.every((dim): dim is number => Number.isInteger(dim) && dim >= 1 && dim <= rank) ? raw : [];
      if (dims.length !== rank || new Set(dims).size !== rank) return '`dims` must be a permutation of 1..rank';
      return { output: { shape: dims.map((dim) => input.shape[dim - 1]), activation: input.activation }, parameters: 0 };
    }),
  Masking: passThrough,
  Add: elementwiseMerge,
  Multiply: elementwiseMerge,
  Average: elementwiseMerge,
  Maximum: elementwiseMerge,
  Minimum: elementwiseMerge,
  Concatenate: (inputs, config) => {
    if (inputs.length < 2) return 'Concatenate needs at least two inputs';
    const rank = inputs[0].shape.length;
    const axis = featureAxis(config['axis'] ?? -1, inputs[0].shape);
    if (axis === null) return '`axis` must name a non-batch axis';
    for (const input of inputs) {
      if (input.shape.length !== rank || input.shape.some((dim, i) => i !== axis && dim !== inputs[0].shape[i])) {
        return `inputs of shapes ${inputs.map((other) => `[${other.shape.join(', ')}]`).join(', ')} cannot be concatenated`;
      }
    }
    const shape = [...inputs[0].shape];
    shape[axis] = inputs.reduce((sum, input) => sum + input.shape[axis], 0);
    return { output: { shape, activation: 'linear' }, parameters: 0 };
  },
};

export const ALLOWED_LAYERS = ['InputLayer', ...Object.keys(LAYER_RULES)];
const MERGE_LAYERS = new Set(['Add', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate']);

function elementwiseMerge(inputs: LayerOutput[]): ReturnType<LayerRule> {
  if (inputs.length < 2) return 'a merge layer needs at least two inputs';
  const shape = inputs[0].shape;
  if (inputs.some((input) => input.shape.length !== shape.length || input.shape.some((dim, i) => dim !== shape[i]))) {
    return `inputs of shapes ${inputs.map((input) => `[${input.shape.join(', ')}]`).join(', ')} differ`;
  }
  return { output: { shape, activation: 'linear' }, parameters: 0 };
}

function single(inputs: LayerOutput[], rule: (input: LayerOutput) => ReturnType<LayerRule>): ReturnType<LayerRule> {
  if (inputs.length !== 1) return 'this layer takes exactly one input';
  return rule(inputs[0]);
}

function activationOf(config: JsonObject): string {
  const activation = config['activation'];
  return typeof activation === 'string' ? activation : 'linear';
}

/** Keras axes count the batch dimension as 0; returns the index into a shape without it. */
function featureAxis(axis: unknown, shape: Shape): number | null {
  if (typeof axis !== 'number' || !Number.isInteger(axis)) return null;
  const index = axis < 0 ? shape.length + axis : axis - 1;
  return index >= 0 && index < shape.length ? index : null;
}

function isDimension(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_DIMENSION;
}

function product(dims: number[]): number {
  return dims.reduce((total, dim) => total * dim, 1);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses the topology (string or object), enforcing the byte limit and a nesting depth limit. */
export function parseTopology(input: ModelTopologyInput, path: string): { topology?: JsonObject; issues: SpecIssue[] } {
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_TOPOLOGY_BYTES) {
    return { issues: [{ path, message: `the topology is ${bytes} bytes of JSON, over the limit of ${MAX_TOPOLOGY_BYTES}` }] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { issues: [{ path, message: `the topology is not valid JSON (${(error as Error).message})` }] };
  }
  if (!isObject(parsed)) return { issues: [{ path, message: 'the topology must be a JSON object, as model.toJSON() gives' }] };
  if (jsonDepth(parsed) > MAX_JSON_DEPTH) {
    return { issues: [{ path, message: `the topology nests deeper than ${MAX_JSON_DEPTH} levels` }] };
  }
  return { topology: parsed, issues: [] };
}

function jsonDepth(root: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    if (typeof value === 'object' && value !== null) {
      for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

interface LayerEntry {
  className: string;
  name: string;
  config: JsonObject;
  inbound: string[] | null;
  path: string;
}

/** Checks classes and shapes of a parsed topology; a summary only when there are no issues. */
export function inspectTopology(topology: JsonObject, path: string): { summary?: TopologySummary; issues: SpecIssue[] } {
  const className = topology['class_name'];
  if ('modelTopology' in topology || 'model_config' in topology) {
    return { issues: [{ path, message: 'pass the Keras topology itself (model.toJSON()), not a model.json or Keras save file' }] };
  }
  if (className !== 'Sequential' && className !== 'Model' && className !== 'Functional') {
    return { issues: [{ path: `${path}.class_name`, message: `the model class must be Sequential or Model (functional), got ${describe(className)}` }] };
  }
  const config = topology['config'];
  const rawLayers = isObject(config) ? config['layers'] : undefined;
  if (!Array.isArray(rawLayers) || rawLayers.length === 0) {
    return { issues: [{ path: `${path}.config.layers`, message: 'the model must list its layers in config.layers' }] };
  }
  if (rawLayers.length > MAX_LAYERS) {
    return { issues: [{ path: `${path}.config.layers`, message: `the model has ${rawLayers.length} layers, over the limit of ${MAX_LAYERS}` }] };
  }
  const functional = className !== 'Sequential';
  const issues: SpecIssue[] = [];
  const layers: LayerEntry[] = [];
  rawLayers.forEach((raw, i) => {
    const layerPath = `${path}.config.layers[${i}]`;
    const layer = readLayer(raw, layerPath, functional, issues);
    if (layer) layers.push(layer);
  });
  if (issues.length > 0) return { issues };

  const result = functional ? walkFunctional(layers, config as JsonObject, path, issues) : walkSequential(layers, issues);
  if (!result || issues.length > 0) return { issues };
  const { input, output, parameters } = result;
  if (input.length !== 1) {
    issues.push({ path, message: `the model input must be a vector of features (shape [null, n]), got [null, ${input.join(', ')}]` });
  }
  if (output.shape.length !== 1) {
    issues.push({ path, message: `the model output must be a vector (shape [null, k]), got [null, ${output.shape.join(', ')}]` });
  }
  if (parameters > MAX_MODEL_PARAMETERS) {
    issues.push({ path, message: `the model has ${parameters} parameters, over the limit of ${MAX_MODEL_PARAMETERS}` });
  }
  if (issues.length > 0) return { issues };
  return {
    issues,
    summary: {
      className: functional ? 'Model' : 'Sequential',
      inputWidth: input[0],
      outputWidth: output.shape[0],
      outputActivation: output.activation,
      parameterCount: parameters,
      layerCount: layers.length,
      dropoutLayers: layers.filter((layer) => layer.className === 'Dropout').map((layer) => layer.name),
    },
  };
}

function readLayer(raw: unknown, path: string, functional: boolean, issues: SpecIssue[]): LayerEntry | null {
  if (!isObject(raw) || !isObject(raw['config'])) {
    issues.push({ path, message: 'a layer must be an object with class_name and config' });
    return null;
  }
  const className = raw['class_name'];
  const config = raw['config'];
  if (typeof className !== 'string' || (className !== 'InputLayer' && !(className in LAYER_RULES))) {
    const why = typeof className === 'string' && UNSEEDED_LAYERS.has(className)
      ? `${className} draws from an unseeded random source in tfjs, so a run could not be repeated`
      : `unknown or disallowed layer class ${describe(className)} (no custom or Lambda layers)`;
    issues.push({ path: `${path}.class_name`, message: `${why}; allowed: ${ALLOWED_LAYERS.join(', ')}` });
    return null;
  }
  const name = (functional ? raw['name'] : undefined) ?? config['name'];
  if (typeof name !== 'string' || name.length === 0) {
    issues.push({ path, message: 'a layer needs a name' });
    return null;
  }
  if (config['dtype'] !== undefined && config['dtype'] !== null && config['dtype'] !== 'float32') {
    issues.push({ path: `${path}.config.dtype`, message: `layers must be float32, got ${describe(config['dtype'])}` });
  }
  checkComponents(config, `${path}.config`, issues);
  let inbound: string[] | null = null;
  if (functional) inbound = readInbound(raw['inbound_nodes'], `${path}.inbound_nodes`, className, issues);
  return { className, name, config, inbound, path };
}

/** Activation, initializer, regularizer and constraint names must be tfjs's own. */
function checkComponents(config: JsonObject, path: string, issues: SpecIssue[]): void {
  for (const [key, value] of Object.entries(config)) {
    if (key === 'activation') {
      if (value != null && (typeof value !== 'string' || !ALLOWED_ACTIVATIONS.includes(value))) {
        issues.push({ path: `${path}.activation`, message: `unknown activation ${describe(value)}; allowed: ${ALLOWED_ACTIVATIONS.join(', ')}` });
      }
      continue;
    }
    const kind = key.endsWith('_initializer')
      ? INITIALIZERS
      : key.endsWith('_regularizer')
        ? REGULARIZERS
        : key.endsWith('_constraint')
          ? CONSTRAINTS
          : null;
    if (kind === null || value === null || value === undefined) continue;
    const componentClass = isObject(value) ? value['class_name'] : value;
    if (typeof componentClass !== 'string' || !kind.has(componentClass) || (isObject(value) && !isObject(value['config']))) {
      issues.push({ path: `${path}.${key}`, message: `unknown ${key.split('_').pop()} ${describe(componentClass)}; allowed: ${[...kind].join(', ')}` });
    }
  }
}

function readInbound(raw: unknown, path: string, className: string, issues: SpecIssue[]): string[] | null {
  if (className === 'InputLayer') return [];
  if (!Array.isArray(raw) || raw.length !== 1 || !Array.isArray(raw[0]) || raw[0].length === 0) {
    issues.push({ path, message: 'each layer must be called exactly once (shared layers are not supported)' });
    return null;
  }
  const names: string[] = [];
  for (const connection of raw[0] as unknown[]) {
    if (!Array.isArray(connection) || typeof connection[0] !== 'string' || connection[1] !== 0 || connection[2] !== 0) {
      issues.push({ path, message: 'an inbound node must be [layerName, 0, 0, {}]' });
      return null;
    }
    names.push(connection[0]);
  }
  return names;
}

function inputShapeOf(config: JsonObject): Shape | string | null {
  const batchShape = config['batch_input_shape'];
  if (Array.isArray(batchShape)) {
    if (batchShape[0] !== null) return 'the batch dimension of batch_input_shape must be null';
    return checkShape(batchShape.slice(1));
  }
  const inputShape = config['input_shape'];
  if (Array.isArray(inputShape)) return checkShape(inputShape);
  return null;
}

function checkShape(dims: unknown[]): Shape | string {
  if (dims.length === 0 || !dims.every(isDimension)) return `input dimensions must be positive integers, got [${dims.map(String).join(', ')}]`;
  return dims;
}

interface Walk {
  input: Shape;
  output: LayerOutput;
  parameters: number;
}

function walkSequential(layers: LayerEntry[], issues: SpecIssue[]): Walk | null {
  const first = layers[0];
  const declared = inputShapeOf(first.config);
  if (declared === null) {
    issues.push({ path: `${first.path}.config`, message: 'the first layer must declare batch_input_shape (or input_shape)' });
    return null;
  }
  if (typeof declared === 'string') {
    issues.push({ path: `${first.path}.config.batch_input_shape`, message: declared });
    return null;
  }
  let current: LayerOutput = { shape: declared, activation: 'linear' };
  let parameters = 0;
  for (const [i, layer] of layers.entries()) {
    if (layer.className === 'InputLayer') {
      if (i !== 0) {
        issues.push({ path: layer.path, message: 'an InputLayer may only come first' });
        return null;
      }
      continue;
    }
    if (MERGE_LAYERS.has(layer.className)) {
      issues.push({ path: layer.path, message: `${layer.className} merges several inputs: it needs a functional model` });
      return null;
    }
    const applied = applyRule(layer, [current], issues);
    if (!applied) return null;
    current = applied.output;
    parameters += applied.parameters;
    if (parameters > MAX_MODEL_PARAMETERS) break;
  }
  return { input: declared, output: current, parameters };
}

function walkFunctional(layers: LayerEntry[], config: JsonObject, path: string, issues: SpecIssue[]): Walk | null {
  const outputs = new Map<string, LayerOutput>();
  const inputShapes = new Map<string, Shape>();
  let parameters = 0;
  for (const layer of layers) {
    if (outputs.has(layer.name)) {
      issues.push({ path: layer.path, message: `the layer name ${layer.name} is used twice` });
      return null;
    }
    if (layer.className === 'InputLayer') {
      const shape = inputShapeOf(layer.config);
      if (shape === null || typeof shape === 'string') {
        issues.push({ path: `${layer.path}.config.batch_input_shape`, message: shape ?? 'an InputLayer must declare batch_input_shape' });
        return null;
      }
      outputs.set(layer.name, { shape, activation: 'linear' });
      inputShapes.set(layer.name, shape);
      continue;
    }
    const inputs: LayerOutput[] = [];
    for (const name of layer.inbound ?? []) {
      const input = outputs.get(name);
      if (!input) {
        issues.push({ path: `${layer.path}.inbound_nodes`, message: `layer ${layer.name} takes ${name}, which is not defined before it` });
        return null;
      }
      inputs.push(input);
    }
    const applied = applyRule(layer, inputs, issues);
    if (!applied) return null;
    outputs.set(layer.name, applied.output);
    parameters += applied.parameters;
    if (parameters > MAX_MODEL_PARAMETERS) break;
  }
  const ends = (key: string): string[] | null => {
    const list = config[key];
    if (!Array.isArray(list) || list.length !== 1 || !Array.isArray(list[0]) || typeof list[0][0] !== 'string') return null;
    return [list[0][0]];
  };
  const inputNames = ends('input_layers');
  const outputNames = ends('output_layers');
  if (!inputNames || !inputShapes.has(inputNames[0])) {
    issues.push({ path: `${path}.config.input_layers`, message: 'the model must have exactly one input, an InputLayer' });
    return null;
  }
  const output = outputNames ? outputs.get(outputNames[0]) : undefined;
  if (!output) {
    issues.push({ path: `${path}.config.output_layers`, message: 'the model must have exactly one output, one of its layers' });
    return null;
  }
  return { input: inputShapes.get(inputNames[0]) as Shape, output, parameters };
}

function applyRule(layer: LayerEntry, inputs: LayerOutput[], issues: SpecIssue[]): { output: LayerOutput; parameters: number } | null {
  const applied = LAYER_RULES[layer.className](inputs, layer.config);
  if (typeof applied === 'string') {
    issues.push({ path: layer.path, message: `${layer.className} ${layer.name}: ${applied}` });
    return null;
  }
  return applied;
}

/**
 * A copy of the topology whose random initializers without a seed get one derived from the job seed
 * (in document order), so the same job starts from the same weights. Explicit seeds are kept.
 */
export function seedTopology(topology: JsonObject, seed: number): JsonObject {
  // A JSON round trip rather than structuredClone: under Jest, structuredClone returns arrays of
  // another realm, which tfjs's `instanceof Array` checks reject.
  const copy = JSON.parse(JSON.stringify(topology)) as JsonObject;
  const layers = (copy['config'] as JsonObject)['layers'] as JsonObject[];
  let counter = 0;
  for (const layer of layers) {
    const config = layer['config'] as JsonObject;
    for (const [key, value] of Object.entries(config)) {
      if (!key.endsWith('_initializer') || !isObject(value)) continue;
      const initializerConfig = value['config'] as JsonObject;
      counter += 1;
      if (SEEDED_INITIALIZERS.has(value['class_name'] as string) && initializerConfig['seed'] == null) {
        initializerConfig['seed'] = deriveSeed(seed, SEED_PURPOSE.initializer, counter);
      }
    }
  }
  return copy;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value.slice(0, 80)}"`;
  return value === undefined ? 'nothing' : (JSON.stringify(value) ?? typeof value).slice(0, 80);
}
