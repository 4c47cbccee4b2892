import * as tf from '@tensorflow/tfjs';
import {
  EvaluationMetricsSchema,
  FittedPreprocessingSchema,
  MAX_MODEL_PARAMETERS,
  MAX_TOPOLOGY_BYTES,
  ModelSignatureSchema,
  WeightSpecSchema,
} from '@galley/contracts';
import type { EvaluationMetrics, FittedPreprocessing, ModelSignature, WeightSpec } from '@galley/contracts';
import { z } from 'zod';
import { MlError } from './ml.errors';
import type { TrainedModel } from './predict';
import { inspectTopology } from './topology';
import type { JsonObject } from './topology';
import { weightBytes } from './validate-model-spec';

/**
 * A trained model on disk or in memory: tfjs `model.json` (topology + weights manifest) and its
 * weight file, plus the preprocessing, signature and metrics as JSON. Written and read through
 * custom IOHandlers, never tfjs's URL or file:// loaders: the loader checks every manifest path
 * (a plain file name of this artifact) and every size before it reads a byte of weights.
 */

export const ARTIFACT_FILES = {
  model: 'model.json',
  weights: 'weights.bin',
  preprocessing: 'preprocessing.json',
  signature: 'signature.json',
  metrics: 'metrics.json',
} as const;

/** Where an artifact's files live: a directory (`@galley/ml/node`), a map, a blob store. */
export interface ArtifactStore {
  /** Bytes in the file, or null when there is none; never reads the file. */
  size(name: string): Promise<number | null>;
  /** Exactly `expectedBytes` bytes of the file; fails when it holds any other number. */
  read(name: string, expectedBytes: number): Promise<Uint8Array>;
  write(name: string, bytes: Uint8Array): Promise<void>;
}

const MAX_MODEL_JSON_BYTES = MAX_TOPOLOGY_BYTES + 2_000_000;
const MAX_SIDECAR_BYTES = 64_000_000;
const MAX_WEIGHT_BYTES = MAX_MODEL_PARAMETERS * 4;

/**
 * A plain file name inside one artifact: letters, digits, `.`, `_`, `-`, starting with a letter or
 * digit. No separators, no `..`, no scheme, no percent-encoding, so no path or URL can hide in it.
 */
export function isArtifactFileName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(name) && !name.includes('..');
}

export function memoryArtifactStore(files: Map<string, Uint8Array> = new Map()): ArtifactStore & { files: Map<string, Uint8Array> } {
  return {
    files,
    async size(name) {
      return files.get(name)?.byteLength ?? null;
    },
    async read(name, expectedBytes) {
      const bytes = files.get(name);
      if (!bytes || bytes.byteLength !== expectedBytes) {
        throw new MlError('invalid_artifact', `${name} does not hold the ${expectedBytes} bytes expected`, { file: name });
      }
      return bytes;
    },
    async write(name, bytes) {
      if (!isArtifactFileName(name)) throw new MlError('invalid_artifact', `Not an artifact file name: ${name}`, { file: name });
      files.set(name, bytes);
    },
  };
}

export interface LoadedArtifact extends TrainedModel {
  metrics: EvaluationMetrics | null;
}

export interface SavedArtifact {
  files: { name: string; bytes: number }[];
}

const encoder = new TextEncoder();
const jsonBytes = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));

/** Writes model.json, weights.bin, preprocessing.json, signature.json and (when given) metrics.json. */
export async function saveArtifact(store: ArtifactStore, trained: TrainedModel, metrics?: EvaluationMetrics): Promise<SavedArtifact> {
  const written: { name: string; bytes: number }[] = [];
  const write = async (name: string, bytes: Uint8Array): Promise<void> => {
    await store.write(name, bytes);
    written.push({ name, bytes: bytes.byteLength });
  };
  await trained.model.save({
    save: async (artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> => {
      const weightData = artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0);
      const modelJson = {
        format: 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: 'galley',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [ARTIFACT_FILES.weights], weights: artifacts.weightSpecs ?? [] }],
      };
      await write(ARTIFACT_FILES.weights, new Uint8Array(weightData));
      await write(ARTIFACT_FILES.model, jsonBytes(modelJson));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  });
  await write(ARTIFACT_FILES.preprocessing, jsonBytes(trained.preprocessing));
  await write(ARTIFACT_FILES.signature, jsonBytes(trained.signature));
  if (metrics) await write(ARTIFACT_FILES.metrics, jsonBytes(metrics));
  return { files: written };
}

const ModelJsonSchema = z.object({
  format: z.literal('layers-model').optional(),
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z
    .array(z.object({ paths: z.array(z.string()).min(1).max(1000), weights: z.array(z.looseObject(WeightSpecSchema.shape)) }))
    .max(1000),
});

async function readChecked(store: ArtifactStore, name: string, maxBytes: number, required: true): Promise<Uint8Array>;
async function readChecked(store: ArtifactStore, name: string, maxBytes: number, required: false): Promise<Uint8Array | null>;
async function readChecked(store: ArtifactStore, name: string, maxBytes: number, required: boolean): Promise<Uint8Array | null> {
  const size = await store.size(name);
  if (size === null) {
    if (!required) return null;
    throw new MlError('invalid_artifact', `The artifact has no ${name}`, { file: name });
  }
  if (size > maxBytes) throw new MlError('invalid_artifact', `${name} is ${size} bytes, over the limit of ${maxBytes}`, { file: name });
  return store.read(name, size);
}

function parseJson<T>(bytes: Uint8Array, name: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new MlError('invalid_artifact', `${name} is not valid JSON`, { file: name }, { cause });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MlError('invalid_artifact', `${name}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`, { file: name });
  }
  return parsed.data;
}

interface WeightPlan {
  modelTopology: JsonObject;
  specs: WeightSpec[];
  files: { path: string; bytes: number }[];
  total: number;
}

/** Reads model.json and checks every manifest path and size; reads no weight byte. */
async function planModel(store: ArtifactStore): Promise<WeightPlan> {
  const modelJson = parseJson(await readChecked(store, ARTIFACT_FILES.model, MAX_MODEL_JSON_BYTES, true), ARTIFACT_FILES.model, ModelJsonSchema);
  const inspected = inspectTopology(modelJson.modelTopology, 'modelTopology');
  if (inspected.issues.length > 0) {
    const issue = inspected.issues[0];
    throw new MlError('invalid_artifact', `${ARTIFACT_FILES.model}: ${issue.path}: ${issue.message}`, { file: ARTIFACT_FILES.model });
  }
  const sidecars: string[] = Object.values(ARTIFACT_FILES).filter((file) => file !== ARTIFACT_FILES.weights);
  const plan: WeightPlan = { modelTopology: modelJson.modelTopology, specs: [], files: [], total: 0 };
  for (const group of modelJson.weightsManifest) {
    for (const path of group.paths) {
      if (!isArtifactFileName(path) || sidecars.includes(path)) {
        throw new MlError('invalid_artifact', `The weights manifest names ${JSON.stringify(path).slice(0, 100)}, which is not a weight file of this artifact`, {
          file: ARTIFACT_FILES.model,
        });
      }
    }
    const groupSpecs = group.weights.map((weight) => ({ name: weight.name, shape: weight.shape, dtype: weight.dtype }));
    const expected = weightBytes(groupSpecs);
    let actual = 0;
    for (const path of group.paths) {
      const size = await store.size(path);
      if (size === null) throw new MlError('invalid_artifact', `The weight file ${path} is missing`, { file: path });
      plan.files.push({ path, bytes: size });
      actual += size;
    }
    if (actual !== expected) {
      throw new MlError('invalid_artifact', `The weight files ${group.paths.join(', ')} hold ${actual} bytes; the manifest describes ${expected}`, {
        file: group.paths[0],
      });
    }
    plan.total += expected;
    if (plan.total > MAX_WEIGHT_BYTES) throw new MlError('invalid_artifact', `The weights are over the limit of ${MAX_WEIGHT_BYTES} bytes`);
    plan.specs.push(...groupSpecs);
  }
  return plan;
}

/** The weight files in manifest order, as one buffer aligned with the flattened weight specs. */
async function readWeights(store: ArtifactStore, plan: WeightPlan): Promise<tf.io.ModelArtifacts> {
  const weightData = new Uint8Array(plan.total);
  let offset = 0;
  for (const file of plan.files) {
    weightData.set(await store.read(file.path, file.bytes), offset);
    offset += file.bytes;
  }
  return {
    modelTopology: plan.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    weightSpecs: plan.specs,
    weightData: weightData.buffer,
    format: 'layers-model',
  };
}

/** Loads a model saved by saveArtifact, checking every file against its schema and limits. */
export async function loadArtifact(store: ArtifactStore): Promise<LoadedArtifact> {
  const plan = await planModel(store);
  const preprocessing: FittedPreprocessing = parseJson(
    await readChecked(store, ARTIFACT_FILES.preprocessing, MAX_SIDECAR_BYTES, true),
    ARTIFACT_FILES.preprocessing,
    FittedPreprocessingSchema,
  );
  checkPreprocessing(preprocessing);
  const signature: ModelSignature = parseJson(
    await readChecked(store, ARTIFACT_FILES.signature, MAX_SIDECAR_BYTES, true),
    ARTIFACT_FILES.signature,
    ModelSignatureSchema,
  );
  const metricsBytes = await readChecked(store, ARTIFACT_FILES.metrics, MAX_SIDECAR_BYTES, false);
  const metrics = metricsBytes ? parseJson(metricsBytes, ARTIFACT_FILES.metrics, EvaluationMetricsSchema) : null;

  const artifacts = await readWeights(store, plan);
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel({ load: async () => artifacts }, { strict: true });
  } catch (cause) {
    throw new MlError('invalid_artifact', `The model does not load: ${(cause as Error).message}`, { file: ARTIFACT_FILES.model }, { cause });
  }
  const inputWidth = model.inputs[0].shape[1];
  if (inputWidth !== preprocessing.inputWidth || signature.inputWidth !== preprocessing.inputWidth) {
    model.dispose();
    throw new MlError('invalid_artifact', `The model takes ${inputWidth} inputs but the preprocessing gives ${preprocessing.inputWidth}`, {
      file: ARTIFACT_FILES.preprocessing,
    });
  }
  return { model, preprocessing, signature, metrics };
}

function checkPreprocessing(preprocessing: FittedPreprocessing): void {
  const width = preprocessing.features.reduce(
    (sum, feature) => sum + (feature.kind === 'numeric' ? 1 : feature.categories.length + 1),
    0,
  );
  if (width !== preprocessing.inputWidth || preprocessing.encodedNames.length !== width) {
    throw new MlError('invalid_artifact', `${ARTIFACT_FILES.preprocessing} describes ${width} columns but says ${preprocessing.inputWidth}`, {
      file: ARTIFACT_FILES.preprocessing,
    });
  }
}
