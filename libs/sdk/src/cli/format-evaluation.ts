import type { ClassificationMetrics, EvaluationMetrics, RegressionMetrics } from '@galley/contracts';
import { formatMetric } from './job-progress';
import { formatTable } from './format-table';
import { formatCount } from './format-units';

/** A completed job's evaluation on its held-out test split, as terminal text. */
export function formatEvaluation(evaluation: EvaluationMetrics): string {
  switch (evaluation.task) {
    case 'classification':
      return classificationText(evaluation);
    case 'regression':
      return regressionText(evaluation);
  }
}

const optional = (value: number | null) => (value === null ? '—' : formatMetric(value));

function classificationText(metrics: ClassificationMetrics): string {
  const labels = metrics.perClass.map((row) => String(row.label));
  const summary = [
    `Evaluation on the test split (${formatCount(metrics.rows)} rows, classification)`,
    `  accuracy         ${formatMetric(metrics.accuracy)}`,
    `  macro precision  ${formatMetric(metrics.macroPrecision)}`,
    `  macro recall     ${formatMetric(metrics.macroRecall)}`,
    `  macro F1         ${formatMetric(metrics.macroF1)}`,
    `  ROC AUC          ${optional(metrics.rocAuc)}`,
    `  loss             ${optional(metrics.loss)}`,
  ];
  const perClass = formatTable(metrics.perClass, [
    { header: 'CLASS', cell: (row) => String(row.label), maxWidth: 24 },
    { header: 'PRECISION', cell: (row) => formatMetric(row.precision) },
    { header: 'RECALL', cell: (row) => formatMetric(row.recall) },
    { header: 'F1', cell: (row) => formatMetric(row.f1) },
    { header: 'AUC', cell: (row) => optional(row.rocAuc) },
    { header: 'SUPPORT', cell: (row) => formatCount(row.support) },
  ]);
  const matrix = formatTable(
    metrics.confusionMatrix.map((counts, actual) => ({ actual, counts })),
    [
      { header: 'ACTUAL \\ PREDICTED', cell: (row) => labels[row.actual] ?? String(row.actual), maxWidth: 24 },
      ...labels.map((label, predicted) => ({ header: label.slice(0, 12), cell: (row: { counts: number[] }) => formatCount(row.counts[predicted] ?? 0) })),
    ],
  );
  return [...summary, '', perClass, '', 'Confusion matrix (rows: actual, columns: predicted)', matrix].join('\n');
}

function regressionText(metrics: RegressionMetrics): string {
  const q = metrics.residualQuantiles;
  return [
    `Evaluation on the test split (${formatCount(metrics.rows)} rows, regression)`,
    `  RMSE  ${formatMetric(metrics.rmse)}`,
    `  MAE   ${formatMetric(metrics.mae)}`,
    `  R²    ${optional(metrics.r2)}`,
    `  loss  ${optional(metrics.loss)}`,
    '',
    'Residuals (actual − predicted) by quantile',
    formatTable(
      [{ q }],
      (['p01', 'p05', 'p25', 'p50', 'p75', 'p95', 'p99'] as const).map((key) => ({ header: key.toUpperCase(), cell: (row: { q: typeof q }) => formatMetric(row.q[key]) })),
    ),
  ].join('\n');
}
