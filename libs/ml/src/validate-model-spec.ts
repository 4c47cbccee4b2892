import { ClassificationLossSchema, TrainingSpecSchema } from '@galley/contracts';
import type { FeatureKind, LogicalType, LossName, ModelTask, TrainingSpec, WeightSpec } from '@galley/contracts';
import { MlError } from './ml.errors';
import type { SpecIssue } from './ml.errors';
import { inspectTopology, parseTopology } from './topology';
import type { JsonObject, TopologySummary } from './topology';

/**
 * Everything that can be checked before a job is queued: the spec's structure, the topology's
 * classes, shapes and size, and how the model fits the data's schema (feature count after
 * preprocessing, target type, loss, output layer). What needs the rows themselves (the vocabulary
 * learned from the training split, the exact classes) is checked again when training starts.
 */

/** One column of the data as the catalog describes it; a dataset version's profile fits as is. */
export interface DataColumn {
  name: string;
  logicalType: LogicalType;
  /** Distinct non-null values, when known (the catalog profile's `distinctCount`). */
  distinctCount?: number | null;
}

export interface DataSchema {
  columns: readonly DataColumn[];
}

export interface ResolvedFeature {
  name: string;
  kind: FeatureKind;
  /** A pinned vocabulary from the spec; otherwise learned from the training split. */
  categories?: string[];
}

export interface ValidatedSpec {
  spec: TrainingSpec;
  topology: JsonObject;
  summary: TopologySummary;
  features: ResolvedFeature[];
  /** The input width the schema implies, or null when a categorical's distinct count is unknown. */
  expectedInputWidth: number | null;
  /** Classes the schema implies (the target's distinct count), or null when unknown or regression. */
  expectedClassCount: number | null;
}

export type ModelSpecValidation = { ok: true; value: ValidatedSpec } | { ok: false; issues: SpecIssue[] };

const NUMERIC_TYPES: readonly LogicalType[] = ['integer', 'float'];
const CATEGORICAL_TYPES: readonly LogicalType[] = ['string', 'boolean', 'integer'];
const CLASSIFICATION_LOSSES: readonly LossName[] = ClassificationLossSchema.options;

export function validateModelSpec(spec: unknown, dataSchema: DataSchema): ModelSpecValidation {
  const parsed = TrainingSpecSchema.safeParse(spec);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(spec)', message: issue.message })),
    };
  }
  const value = parsed.data;
  const issues: SpecIssue[] = [];
  const { topology, issues: parseIssues } = parseTopology(value.model.topology, 'model.topology');
  issues.push(...parseIssues);
  const inspected = topology ? inspectTopology(topology, 'model.topology') : { issues: [] };
  issues.push(...inspected.issues);

  const columns = new Map(dataSchema.columns.map((column) => [column.name, column]));
  const features = resolveFeatures(value.data.features, columns, issues);
  const target = columns.get(value.data.target);
  if (!target) {
    issues.push({ path: 'data.target', message: `the target column ${value.data.target} is not in the data (columns: ${listColumns(dataSchema)})` });
  } else {
    checkTarget(value, target, issues);
  }
  checkFit(value, issues);
  if (value.model.initialWeights) checkInitialWeights(value.model.initialWeights.specs, value.model.initialWeights.data, issues);

  const expectedInputWidth = features ? inputWidthFromSchema(features, columns) : null;
  const expectedClassCount =
    value.data.task === 'classification' && target?.distinctCount != null ? target.distinctCount : null;
  const summary = 'summary' in inspected ? inspected.summary : undefined;
  if (summary) {
    if (expectedInputWidth !== null && features && expectedInputWidth !== summary.inputWidth) {
      issues.push({
        path: 'model.topology',
        message:
          `the model's input shape is [null, ${summary.inputWidth}] but the features give ${expectedInputWidth} ` +
          `columns after preprocessing (${describeWidths(features, columns)})`,
      });
    }
    checkOutput(value.data.task, value.model.compile.loss, value.data.standardizeTarget, summary, expectedClassCount, issues);
  }
  if (issues.length > 0 || !topology || !summary || !features) return { ok: false, issues };
  return { ok: true, value: { spec: value, topology, summary, features, expectedInputWidth, expectedClassCount } };
}

/** validateModelSpec, throwing an `invalid_spec` MlError that lists every issue. */
export function assertValidModelSpec(spec: unknown, dataSchema: DataSchema): ValidatedSpec {
  const result = validateModelSpec(spec, dataSchema);
  if (!result.ok) throw specError(result.issues);
  return result.value;
}

export function specError(issues: SpecIssue[]): MlError {
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new MlError('invalid_spec', `Invalid training spec: ${first.path}: ${first.message}${more}`, { issues });
}

function resolveFeatures(features: TrainingSpec['data']['features'], columns: Map<string, DataColumn>, issues: SpecIssue[]): ResolvedFeature[] | null {
  const resolved: ResolvedFeature[] = [];
  let failed = false;
  features.forEach((feature, i) => {
    const path = `data.features[${i}]`;
    const column = columns.get(feature.name);
    if (!column) {
      issues.push({ path, message: `the feature column ${feature.name} is not in the data` });
      failed = true;
      return;
    }
    const kind = feature.kind ?? defaultKind(column.logicalType);
    if (kind === null) {
      issues.push({ path, message: `${feature.name} is a ${column.logicalType} column; only numbers, strings and booleans can be features` });
      failed = true;
      return;
    }
    const allowed = kind === 'numeric' ? NUMERIC_TYPES : CATEGORICAL_TYPES;
    if (!allowed.includes(column.logicalType)) {
      issues.push({ path: `${path}.kind`, message: `${feature.name} is a ${column.logicalType} column and cannot be ${kind}` });
      failed = true;
      return;
    }
    if (feature.categories && kind !== 'categorical') {
      issues.push({ path: `${path}.categories`, message: 'only a categorical feature has categories' });
      failed = true;
      return;
    }
    if (feature.categories && new Set(feature.categories).size !== feature.categories.length) {
      issues.push({ path: `${path}.categories`, message: 'categories must be unique' });
      failed = true;
      return;
    }
    // A boolean's vocabulary is known without looking at the data.
    const categories = feature.categories ?? (column.logicalType === 'boolean' ? ['false', 'true'] : undefined);
    resolved.push({ name: feature.name, kind, ...(categories ? { categories } : {}) });
  });
  return failed ? null : resolved;
}

/** Each feature's kind (from the column type unless given) and pinned vocabulary; throws `invalid_spec`. */
export function resolveDataFeatures(features: TrainingSpec['data']['features'], dataSchema: DataSchema): ResolvedFeature[] {
  const issues: SpecIssue[] = [];
  const resolved = resolveFeatures(features, new Map(dataSchema.columns.map((column) => [column.name, column])), issues);
  if (!resolved) throw specError(issues);
  return resolved;
}

function defaultKind(type: LogicalType): FeatureKind | null {
  if (NUMERIC_TYPES.includes(type)) return 'numeric';
  if (type === 'string' || type === 'boolean') return 'categorical';
  return null;
}

function checkTarget(spec: TrainingSpec, target: DataColumn, issues: SpecIssue[]): void {
  const { task, target: name } = spec.data;
  const loss = spec.model.compile.loss;
  const classificationLoss = CLASSIFICATION_LOSSES.includes(loss);
  if (task === 'regression') {
    if (!NUMERIC_TYPES.includes(target.logicalType)) {
      issues.push({ path: 'data.target', message: `regression needs a numeric target; ${name} is a ${target.logicalType} column` });
    }
    if (classificationLoss) {
      issues.push({
        path: 'model.compile.loss',
        message: `${loss} does not fit the numeric regression target ${name}: use meanSquaredError or meanAbsoluteError`,
      });
    }
    return;
  }
  if (!CATEGORICAL_TYPES.includes(target.logicalType)) {
    issues.push({
      path: 'data.target',
      message: `${name} is a ${target.logicalType} column: a numeric target is regression (classification needs a string, boolean or integer target)`,
    });
  }
  if (!classificationLoss) {
    issues.push({
      path: 'model.compile.loss',
      message: `${loss} is a regression loss; the classification target ${name} needs binaryCrossentropy, categoricalCrossentropy or sparseCategoricalCrossentropy`,
    });
  }
  const classes = target.distinctCount;
  if (classes != null) {
    if (classes < 2) issues.push({ path: 'data.target', message: `classification needs at least 2 classes; ${name} has ${classes}` });
    else if (loss === 'binaryCrossentropy' && classes !== 2) {
      issues.push({
        path: 'model.compile.loss',
        message: `binaryCrossentropy needs a 2-class target; ${name} has ${classes} classes: use categoricalCrossentropy or sparseCategoricalCrossentropy`,
      });
    }
  }
}

function checkFit(spec: TrainingSpec, issues: SpecIssue[]): void {
  const { compile, fit } = spec.model;
  if (spec.data.task === 'regression' && compile.metrics.includes('accuracy')) {
    issues.push({ path: 'model.compile.metrics', message: 'accuracy has no meaning for a regression target: use mse or mae' });
  }
  const stopping = fit.earlyStopping;
  if (!stopping) return;
  const monitored = stopping.monitor.replace(/^val_/, '');
  if (stopping.monitor.startsWith('val_') && fit.validationSplit === 0) {
    issues.push({ path: 'model.fit.earlyStopping.monitor', message: `${stopping.monitor} needs a validation split: set fit.validationSplit above 0` });
  }
  if (monitored !== 'loss' && !compile.metrics.includes(monitored as (typeof compile.metrics)[number])) {
    issues.push({ path: 'model.fit.earlyStopping.monitor', message: `${stopping.monitor} is not computed: add ${monitored} to compile.metrics` });
  }
}

const DTYPE_BYTES: Record<WeightSpec['dtype'], number> = { float32: 4, int32: 4 };

export function weightBytes(specs: readonly WeightSpec[]): number {
  return specs.reduce((sum, spec) => sum + spec.shape.reduce((size, dim) => size * dim, 1) * DTYPE_BYTES[spec.dtype], 0);
}

/** Bytes that a base64 string decodes to, without decoding it. */
export function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}

function checkInitialWeights(specs: readonly WeightSpec[], data: string, issues: SpecIssue[]): void {
  if (new Set(specs.map((spec) => spec.name)).size !== specs.length) {
    issues.push({ path: 'model.initialWeights.specs', message: 'weight names must be unique' });
  }
  const expected = weightBytes(specs);
  const actual = base64Bytes(data);
  if (expected !== actual) {
    issues.push({ path: 'model.initialWeights.data', message: `the weight specs describe ${expected} bytes but the data holds ${actual}` });
  }
}

function categoricalWidth(feature: ResolvedFeature, column: DataColumn | undefined): number | null {
  if (feature.categories) return feature.categories.length + 1;
  return column?.distinctCount != null ? column.distinctCount + 1 : null;
}

/** Numeric → 1 column; categorical → one per category plus one for null. */
function inputWidthFromSchema(features: ResolvedFeature[], columns: Map<string, DataColumn>): number | null {
  let width = 0;
  for (const feature of features) {
    const columnWidth = feature.kind === 'numeric' ? 1 : categoricalWidth(feature, columns.get(feature.name));
    if (columnWidth === null) return null;
    width += columnWidth;
  }
  return width;
}

function describeWidths(features: ResolvedFeature[], columns: Map<string, DataColumn>): string {
  return features
    .map((feature) => {
      if (feature.kind === 'numeric') return `${feature.name}: 1`;
      const width = categoricalWidth(feature, columns.get(feature.name)) as number;
      return `${feature.name}: ${width - 1} categories + null = ${width}`;
    })
    .join(', ');
}

/** The output layer must fit the task and loss: width, and the activation the loss expects. */
export function checkOutput(
  task: ModelTask,
  loss: LossName,
  standardizeTarget: boolean,
  summary: Pick<TopologySummary, 'outputWidth' | 'outputActivation'>,
  classCount: number | null,
  issues: SpecIssue[],
): void {
  const { outputWidth, outputActivation } = summary;
  const path = 'model.topology';
  if (task === 'regression') {
    if (outputWidth !== 1) issues.push({ path, message: `a regression model needs 1 output unit, this one has ${outputWidth}` });
    if (standardizeTarget && outputActivation !== 'linear') {
      issues.push({ path, message: `the target is standardized (it can be negative), so the output activation must be linear, not ${outputActivation}` });
    }
    return;
  }
  if (loss === 'binaryCrossentropy') {
    if (outputWidth !== 1 || outputActivation !== 'sigmoid') {
      issues.push({ path, message: `binaryCrossentropy needs 1 output unit with a sigmoid activation, this model has ${outputWidth} with ${outputActivation}` });
    }
    return;
  }
  if (outputActivation !== 'softmax') {
    issues.push({ path, message: `${loss} needs a softmax output layer, this model ends with ${outputActivation}` });
  }
  if (classCount !== null && outputWidth !== classCount) {
    issues.push({ path, message: `the target has ${classCount} classes but the model has ${outputWidth} output units` });
  }
}

function listColumns(dataSchema: DataSchema): string {
  const names = dataSchema.columns.map((column) => column.name);
  return names.length > 20 ? `${names.slice(0, 20).join(', ')}, …` : names.join(', ');
}
