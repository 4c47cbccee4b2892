import { z } from 'zod';
import { ColumnNameSchema } from '../features/features.schemas';

/**
 * What a training job asks for (the model, the data, the fit settings, a seed) and what a trained
 * model carries (its fitted preprocessing, signature and evaluation). These are the structural
 * checks; libs/ml's validateModelSpec adds the checks that need the data's schema (feature count,
 * target type) or the topology's layers. See libs/ml/README.md for every definition.
 */

/** UTF-8 bytes of the Keras JSON topology. */
export const MAX_TOPOLOGY_BYTES = 1_000_000;
/** Trainable and non-trainable parameters together (40 MB of float32). */
export const MAX_MODEL_PARAMETERS = 10_000_000;
export const MAX_FEATURES = 1000;
/** A pinned categorical vocabulary, or the vocabulary learned from the training split. */
export const MAX_CATEGORIES = 10_000;

const finite = (what: string) => z.number({ error: `${what} must be a finite number` });

// ---------------------------------------------------------------------------------------------
// The model

export const OptimizerNameSchema = z.enum(['sgd', 'adam', 'adamax', 'adagrad', 'adadelta', 'rmsprop']);
export type OptimizerName = z.infer<typeof OptimizerNameSchema>;

export const ClassificationLossSchema = z.enum([
  'binaryCrossentropy',
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
]);
export const RegressionLossSchema = z.enum(['meanSquaredError', 'meanAbsoluteError']);
export const LossNameSchema = z.enum([...ClassificationLossSchema.options, ...RegressionLossSchema.options]);
export type LossName = z.infer<typeof LossNameSchema>;

/** Metrics tfjs reports per batch and epoch while training (evaluation metrics are computed separately). */
export const TrainingMetricNameSchema = z.enum(['accuracy', 'mse', 'mae']);
export type TrainingMetricName = z.infer<typeof TrainingMetricNameSchema>;

export const CompileSpecSchema = z.strictObject({
  optimizer: z.strictObject({
    name: OptimizerNameSchema,
    learningRate: finite('learningRate').positive('learningRate must be > 0').max(10, 'learningRate must be at most 10'),
  }),
  loss: LossNameSchema,
  metrics: z.array(TrainingMetricNameSchema).max(3).default([]),
});
export type CompileSpec = z.infer<typeof CompileSpecSchema>;

/** `loss`, `val_loss`, or a training metric with or without the `val_` prefix. */
export const EarlyStoppingMonitorSchema = z.enum(['loss', 'val_loss', 'accuracy', 'val_accuracy', 'mse', 'val_mse', 'mae', 'val_mae']);
export type EarlyStoppingMonitor = z.infer<typeof EarlyStoppingMonitorSchema>;

export const EarlyStoppingSpecSchema = z.strictObject({
  monitor: EarlyStoppingMonitorSchema.default('val_loss'),
  /** Epochs without an improvement larger than minDelta before training stops. */
  patience: z.number().int().min(0).max(1000),
  minDelta: finite('minDelta').min(0).default(0),
  /** Put back the weights of the best epoch when training stops (Keras' restore_best_weights). */
  restoreBestWeights: z.boolean().default(false),
});
export type EarlyStoppingSpec = z.infer<typeof EarlyStoppingSpecSchema>;

export const FitSpecSchema = z.strictObject({
  epochs: z.number().int().min(1).max(10_000),
  batchSize: z.number().int().min(1).max(65_536),
  /** Fraction of the non-test rows held out for val_loss; 0 means no validation split. */
  validationSplit: finite('validationSplit').min(0).max(0.5).default(0),
  earlyStopping: EarlyStoppingSpecSchema.optional(),
});
export type FitSpec = z.infer<typeof FitSpecSchema>;

export const WeightDtypeSchema = z.enum(['float32', 'int32']);

/** One entry of a tfjs weights manifest (quantized weights are not accepted). */
export const WeightSpecSchema = z.strictObject({
  name: z.string().min(1).max(500),
  shape: z.array(z.number().int().min(0).max(MAX_MODEL_PARAMETERS)).max(8),
  dtype: WeightDtypeSchema,
});
export type WeightSpec = z.infer<typeof WeightSpecSchema>;

/** Weights to start from (a browser prototype's), as tfjs weight specs plus their bytes in base64. */
export const InitialWeightsSchema = z.strictObject({
  specs: z.array(WeightSpecSchema).min(1).max(10_000),
  data: z.base64().max(Math.ceil((MAX_MODEL_PARAMETERS * 4) / 3) + 4),
});
export type InitialWeights = z.infer<typeof InitialWeightsSchema>;

/**
 * The Keras JSON topology exactly as tfjs `model.toJSON()` returns it (a string), or that string
 * parsed (`model.toJSON(null, false)`).
 */
export const ModelTopologyInputSchema = z.union([
  z.string().min(2).max(MAX_TOPOLOGY_BYTES, `the topology JSON is over ${MAX_TOPOLOGY_BYTES} bytes`),
  z.record(z.string(), z.unknown()),
]);
export type ModelTopologyInput = z.infer<typeof ModelTopologyInputSchema>;

export const ModelSpecSchema = z.strictObject({
  topology: ModelTopologyInputSchema,
  compile: CompileSpecSchema,
  fit: FitSpecSchema,
  initialWeights: InitialWeightsSchema.optional(),
});
export type ModelSpec = z.infer<typeof ModelSpecSchema>;

// ---------------------------------------------------------------------------------------------
// The data

export const ModelTaskSchema = z.enum(['classification', 'regression']);
export type ModelTask = z.infer<typeof ModelTaskSchema>;

export const FeatureKindSchema = z.enum(['numeric', 'categorical']);
export type FeatureKind = z.infer<typeof FeatureKindSchema>;

export const FeatureSpecSchema = z.strictObject({
  name: ColumnNameSchema,
  /** Defaults from the column's type: integer/float → numeric, string/boolean → categorical. */
  kind: FeatureKindSchema.optional(),
  /**
   * A fixed vocabulary instead of the one learned from the training split, for when the input width
   * must be known before the split exists (values are compared as strings).
   */
  categories: z.array(z.string().max(1000)).min(1).max(MAX_CATEGORIES).optional(),
});
export type FeatureSpec = z.infer<typeof FeatureSpecSchema>;

export const DataSpecSchema = z
  .strictObject({
    task: ModelTaskSchema,
    target: ColumnNameSchema,
    features: z.array(FeatureSpecSchema).min(1, 'name at least one feature').max(MAX_FEATURES),
    /** Fraction of rows held out for evaluation, chosen by the seeded shuffle. */
    testFraction: finite('testFraction').min(0.05).max(0.5).default(0.2),
    /** Regression only: train on (y − mean) / std of the training split; predictions are mapped back. */
    standardizeTarget: z.boolean().default(true),
  })
  .refine((data) => new Set(data.features.map((feature) => feature.name)).size === data.features.length, {
    message: 'feature names must be unique',
    path: ['features'],
  })
  .refine((data) => !data.features.some((feature) => feature.name === data.target), {
    message: 'the target cannot also be a feature',
    path: ['features'],
  });
export type DataSpec = z.infer<typeof DataSpecSchema>;

export const TrainingSpecSchema = z.strictObject({
  model: ModelSpecSchema,
  data: DataSpecSchema,
  /** Seeds the split, the weight initializers, dropout and the batch order. */
  seed: z.number().int().min(0).max(0xffff_ffff),
});
export type TrainingSpec = z.infer<typeof TrainingSpecSchema>;
/** What a caller writes (defaults not yet applied). */
export type TrainingSpecInput = z.input<typeof TrainingSpecSchema>;

// ---------------------------------------------------------------------------------------------
// What a trained model carries

/** A class label as it appeared in the target column. */
export const ClassLabelSchema = z.union([z.string(), z.number(), z.boolean()]);
export type ClassLabel = z.infer<typeof ClassLabelSchema>;

export const FittedFeatureSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    name: z.string(),
    kind: z.literal('numeric'),
    /** Mean of the training split's non-missing values; a missing value is imputed with it. */
    mean: z.number(),
    /** Population std of the same values; 1 where that is 0, so a constant column becomes 0. */
    scale: z.number().positive(),
  }),
  z.strictObject({
    name: z.string(),
    kind: z.literal('categorical'),
    /** One column per category, then one for null; an unseen value is all zeros. */
    categories: z.array(z.string()).max(MAX_CATEGORIES),
  }),
]);
export type FittedFeature = z.infer<typeof FittedFeatureSchema>;

export const FittedTargetSchema = z.discriminatedUnion('task', [
  z.strictObject({
    name: z.string(),
    task: z.literal('classification'),
    /** Sorted; the model's output i is classes[i] (for one sigmoid output, the probability of classes[1]). */
    classes: z.array(ClassLabelSchema).min(2).max(MAX_CATEGORIES),
  }),
  z.strictObject({
    name: z.string(),
    task: z.literal('regression'),
    /** The model predicts (y − mean) / scale; 0 and 1 when the target is not standardized. */
    mean: z.number(),
    scale: z.number().positive(),
  }),
]);
export type FittedTarget = z.infer<typeof FittedTargetSchema>;

export const FittedPreprocessingSchema = z.strictObject({
  format: z.literal('galley-preprocessing/1'),
  features: z.array(FittedFeatureSchema).min(1).max(MAX_FEATURES),
  target: FittedTargetSchema,
  /** Columns after encoding: the model's input width. */
  inputWidth: z.number().int().min(1),
  /** Names of the encoded columns, e.g. `island=Biscoe`, `island=<null>`. */
  encodedNames: z.array(z.string()),
});
export type FittedPreprocessing = z.infer<typeof FittedPreprocessingSchema>;

export const ModelSignatureSchema = z.strictObject({
  inputs: z.array(z.strictObject({ name: z.string(), kind: FeatureKindSchema })).min(1),
  target: z.strictObject({
    name: z.string(),
    task: ModelTaskSchema,
    classes: z.array(ClassLabelSchema).optional(),
  }),
  inputWidth: z.number().int().min(1),
  outputWidth: z.number().int().min(1),
});
export type ModelSignature = z.infer<typeof ModelSignatureSchema>;

export const ResidualQuantilesSchema = z.strictObject({
  p01: z.number(),
  p05: z.number(),
  p25: z.number(),
  p50: z.number(),
  p75: z.number(),
  p95: z.number(),
  p99: z.number(),
});

/**
 * Points of a ROC curve, from (0, 0) to (1, 1), one per distinct score threshold (highest first), thinned
 * evenly to at most MAX_ROC_POINTS so a large test split stays a small record.
 */
export const RocCurveSchema = z.strictObject({
  fpr: z.array(z.number().min(0).max(1)),
  tpr: z.array(z.number().min(0).max(1)),
});
export type RocCurve = z.infer<typeof RocCurveSchema>;
export const MAX_ROC_POINTS = 200;

export const ClassMetricsSchema = z.strictObject({
  label: ClassLabelSchema,
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  /** Rows of this class in the evaluated split. */
  support: z.number().int().min(0),
  /** One-vs-rest; null when the split has no rows of this class, or only rows of this class. */
  rocAuc: z.number().nullable(),
  /** The one-vs-rest curve behind rocAuc; null where rocAuc is, absent in records older than it. */
  rocCurve: RocCurveSchema.nullable().optional(),
});
export type ClassMetrics = z.infer<typeof ClassMetricsSchema>;

export const ClassificationMetricsSchema = z.strictObject({
  task: z.literal('classification'),
  rows: z.number().int().min(0),
  /** The compiled loss on this split; null when not computed. */
  loss: z.number().nullable(),
  accuracy: z.number(),
  macroPrecision: z.number(),
  macroRecall: z.number(),
  macroF1: z.number(),
  /** Binary: AUC of classes[1]; multi-class: mean of the per-class one-vs-rest AUCs that exist. */
  rocAuc: z.number().nullable(),
  perClass: z.array(ClassMetricsSchema),
  /** confusionMatrix[actual][predicted], indices into the class list. */
  confusionMatrix: z.array(z.array(z.number().int().min(0))),
  /**
   * Binary: the curve of classes[1]; multi-class: the micro-average (every row × class pair scored
   * as one one-vs-rest decision). Absent in records older than it.
   */
  rocCurve: RocCurveSchema.nullable().optional(),
});
export type ClassificationMetrics = z.infer<typeof ClassificationMetricsSchema>;

export const RegressionMetricsSchema = z.strictObject({
  task: z.literal('regression'),
  rows: z.number().int().min(0),
  loss: z.number().nullable(),
  rmse: z.number(),
  mae: z.number(),
  /** 1 − SS_res / SS_tot; null when the split's target is constant. */
  r2: z.number().nullable(),
  /** Of actual − predicted, in the target's units. */
  residualQuantiles: ResidualQuantilesSchema,
});
export type RegressionMetrics = z.infer<typeof RegressionMetricsSchema>;

export const EvaluationMetricsSchema = z.discriminatedUnion('task', [
  ClassificationMetricsSchema,
  RegressionMetricsSchema,
]);
export type EvaluationMetrics = z.infer<typeof EvaluationMetricsSchema>;

/** One epoch's training log: `loss`, `val_loss` and the compiled metrics under the same names. */
export const EpochLogSchema = z.strictObject({
  epoch: z.number().int().min(1),
  loss: z.number(),
  values: z.record(z.string(), z.number()),
  durationMs: z.number().min(0),
});
export type EpochLog = z.infer<typeof EpochLogSchema>;
