// Safe for browsers: nothing here imports a Node module. The wasm backend setup, directory artifacts
// and DuckDB rows are in `@galley/ml/node`.
export { validateModelSpec, assertValidModelSpec, resolveDataFeatures } from './validate-model-spec';
export type { DataColumn, DataSchema, ModelSpecValidation, ResolvedFeature, ValidatedSpec } from './validate-model-spec';
export { inspectTopology, parseTopology, ALLOWED_LAYERS, ALLOWED_ACTIVATIONS, MAX_LAYERS } from './topology';
export type { TopologySummary } from './topology';
export { prepareData, prepareRows, splitSizes } from './prepare-data';
export type { PreparedData, PreparedSplit, PrepareRowsOptions, RowSource, SplitSizes } from './prepare-data';
export { transformRows, NULL_CATEGORY_NAME } from './preprocessing';
export type { Row } from './preprocessing';
export { trainModel } from './train-model';
export type { TrainModelOptions, TrainingResult } from './train-model';
export { classificationMetrics, regressionMetrics, rocAuc, quantile, argmaxRows } from './metrics';
export type { ClassificationInput, RegressionInput } from './metrics';
export { predict, predictOutputs } from './predict';
export type { Prediction, TrainedModel } from './predict';
export { saveArtifact, loadArtifact, memoryArtifactStore, isArtifactFileName, ARTIFACT_FILES } from './model-artifact';
export type { ArtifactStore, LoadedArtifact, SavedArtifact } from './model-artifact';
export { deriveSeed, mulberry32, permutation } from './seeded-random';
export { MlError } from './ml.errors';
export type { MlErrorCode, MlErrorDetails, SpecIssue } from './ml.errors';
export { exportModel, exportWeights, compileSpecOf, modelFromSpec, bytesToBase64, base64ToBytes } from './model-transfer';
export type { ExportedModel } from './model-transfer';
