import type { ClassificationMetrics, RegressionMetrics, RocCurve } from '@galley/contracts';

/** Evaluation plots as data: the confusion matrix as heatmap cells, ROC curves, residual quantiles. */

export interface HeatmapCell {
  actual: number;
  predicted: number;
  count: number;
  /** Share of the actual class's rows (its recall on the diagonal); 0 for a class without rows. */
  share: number;
}

/** Cells of confusionMatrix[actual][predicted], shaded by each row's share so small classes stay readable. */
export function confusionCells(matrix: readonly (readonly number[])[]): HeatmapCell[] {
  return matrix.flatMap((row, actual) => {
    const total = row.reduce((sum, count) => sum + count, 0);
    return row.map((count, predicted) => ({ actual, predicted, count, share: total === 0 ? 0 : count / total }));
  });
}

/** A cell's fill: white to the accent colour by share; text turns white on the dark end. */
export function heatColor(share: number): { fill: string; text: string } {
  const clamped = Math.max(0, Math.min(1, share));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * clamped);
  return { fill: `rgb(${mix(255, 67)}, ${mix(255, 56)}, ${mix(255, 202)})`, text: clamped > 0.55 ? '#ffffff' : '#1d2330' };
}

export interface RocSeries {
  /** `micro-average`, `positive class …`, or a class label (one-vs-rest). */
  label: string;
  auc: number | null;
  points: Array<{ fpr: number; tpr: number }>;
}

function points(curve: RocCurve): Array<{ fpr: number; tpr: number }> {
  return curve.fpr.map((fpr, i) => ({ fpr, tpr: curve.tpr[i] ?? 0 }));
}

/**
 * The ROC curves an evaluation carries: for two classes the positive class's, for more the
 * micro-average and then each class one-vs-rest. Empty for a record written before curves were kept.
 */
export function rocSeries(metrics: ClassificationMetrics): RocSeries[] {
  const series: RocSeries[] = [];
  const binary = metrics.perClass.length === 2;
  if (metrics.rocCurve) {
    const label = binary ? `${String(metrics.perClass[1]?.label)} (positive class)` : 'micro-average';
    series.push({ label, auc: binary ? metrics.rocAuc : null, points: points(metrics.rocCurve) });
  }
  if (!binary) {
    for (const row of metrics.perClass) if (row.rocCurve) series.push({ label: String(row.label), auc: row.rocAuc, points: points(row.rocCurve) });
  }
  return series;
}

/** The trapezoid area of a curve: the micro-average's AUC, which the record does not carry. */
export function curveArea(curve: ReadonlyArray<{ fpr: number; tpr: number }>): number {
  let area = 0;
  for (let i = 1; i < curve.length; i++) area += ((curve[i].fpr - curve[i - 1].fpr) * (curve[i].tpr + curve[i - 1].tpr)) / 2;
  return area;
}

/** Residual quantiles in order, for a plot of how far predictions miss and to which side. */
export function residualQuantileRows(metrics: RegressionMetrics): Array<{ quantile: string; p: number; residual: number }> {
  const q = metrics.residualQuantiles;
  return [
    { quantile: 'p01', p: 1, residual: q.p01 },
    { quantile: 'p05', p: 5, residual: q.p05 },
    { quantile: 'p25', p: 25, residual: q.p25 },
    { quantile: 'p50', p: 50, residual: q.p50 },
    { quantile: 'p75', p: 75, residual: q.p75 },
    { quantile: 'p95', p: 95, residual: q.p95 },
    { quantile: 'p99', p: 99, residual: q.p99 },
  ];
}

/** Precision, recall and F1 per class, as rows of a grouped bar chart. */
export function perClassRows(metrics: ClassificationMetrics): Array<{ label: string; precision: number; recall: number; f1: number; support: number }> {
  return metrics.perClass.map((row) => ({ label: String(row.label), precision: row.precision, recall: row.recall, f1: row.f1, support: row.support }));
}
