export { inspectTable, HISTOGRAM_BINS, TOP_VALUES } from './inspect-table';
export type { TableInspection } from './inspect-table';
export { previewRows, MAX_PREVIEW_ROWS } from './preview-rows';
export type { JsonSafe } from './json-safe';
export { TabularError } from './tabular.errors';
export type { TabularErrorCode, TabularErrorDetails } from './tabular.errors';
export { evaluateExpectations, findInvalidPatterns } from './evaluate-expectations';
export { pointInTimeJoin, pointInTimeJoinWith, featureColumnName } from './point-in-time-join';
export type { PointInTimeOptions, PointInTimeRequest, PointInTimeResult, PointInTimeView } from './point-in-time-join';
