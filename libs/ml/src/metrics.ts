import { MAX_ROC_POINTS } from '@galley/contracts';
import type { ClassLabel, ClassificationMetrics, ClassMetrics, RegressionMetrics, RocCurve } from '@galley/contracts';

/**
 * Evaluation metrics on a held-out split, each with one definition (libs/ml/README.md). Pure
 * functions over plain arrays, so the browser, the trainer and monitoring compute the same numbers.
 */

export interface ClassificationInput {
  /** Class index of each row. */
  actual: ArrayLike<number>;
  /** rows × classes, row-major: the probability of each class. */
  probabilities: ArrayLike<number>;
  classes: readonly ClassLabel[];
  loss?: number | null;
}

/** The predicted class of each row: the most probable (the first of equals). */
export function argmaxRows(probabilities: ArrayLike<number>, width: number): Int32Array {
  const rows = probabilities.length / width;
  const predicted = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < width; c++) if (probabilities[r * width + c] > probabilities[r * width + best]) best = c;
    predicted[r] = best;
  }
  return predicted;
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative,
 * ties counting one half (the Mann–Whitney U statistic with average ranks). Null without positives
 * or without negatives.
 */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]] === scores[order[start]]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (positive[order[k]]) {
        positives++;
        rankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * The ROC curve: true- and false-positive rates as the threshold falls from the highest score to the
 * lowest, one point per distinct score (tied scores move together, the diagonal step the AUC's
 * one-half for ties measures), from (0, 0) to (1, 1). Its trapezoid area is `rocAuc`. More points
 * than `maxPoints` are thinned evenly, keeping both ends. Null without positives or without negatives.
 */
export function rocCurve(scores: ArrayLike<number>, positive: ArrayLike<boolean>, maxPoints = MAX_ROC_POINTS): RocCurve | null {
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) if (positive[i]) positives++;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const fpr = [0];
  const tpr = [0];
  let truePositives = 0;
  let falsePositives = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]] === scores[order[start]]) end++;
    for (let k = start; k <= end; k++) {
      if (positive[order[k]]) truePositives++;
      else falsePositives++;
    }
    fpr.push(falsePositives / negatives);
    tpr.push(truePositives / positives);
    start = end + 1;
  }
  return thinCurve({ fpr, tpr }, Math.max(2, maxPoints));
}

function thinCurve(curve: RocCurve, maxPoints: number): RocCurve {
  const length = curve.fpr.length;
  if (length <= maxPoints) return curve;
  const kept = new Set<number>();
  for (let i = 0; i < maxPoints; i++) kept.add(Math.round((i * (length - 1)) / (maxPoints - 1)));
  const indices = [...kept].sort((a, b) => a - b);
  return { fpr: indices.map((i) => curve.fpr[i]), tpr: indices.map((i) => curve.tpr[i]) };
}

export function classificationMetrics({ actual, probabilities, classes, loss = null }: ClassificationInput): ClassificationMetrics {
  const k = classes.length;
  const rows = actual.length;
  const predicted = argmaxRows(probabilities, k);
  const confusionMatrix = classes.map(() => new Array<number>(k).fill(0));
  for (let r = 0; r < rows; r++) confusionMatrix[actual[r]][predicted[r]]++;

  const perClass: ClassMetrics[] = classes.map((label, c) => {
    const truePositives = confusionMatrix[c][c];
    const support = confusionMatrix[c].reduce((sum, count) => sum + count, 0);
    const predictedCount = confusionMatrix.reduce((sum, row) => sum + row[c], 0);
    const precision = predictedCount === 0 ? 0 : truePositives / predictedCount;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    const scores = Float64Array.from({ length: rows }, (_, r) => probabilities[r * k + c]);
    const isClass = Array.from({ length: rows }, (_, r) => actual[r] === c);
    return { label, precision, recall, f1, support, rocAuc: rocAuc(scores, isClass), rocCurve: rocCurve(scores, isClass) };
  });

  // Averages run over the classes that occur in the split, as actual or predicted (scikit-learn's labels).
  const present = perClass.filter((_, c) => perClass[c].support > 0 || confusionMatrix.some((row) => row[c] > 0));
  const mean = (values: number[]): number => (values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length);
  const aucs = perClass.map((metrics) => metrics.rocAuc).filter((auc): auc is number => auc !== null);
  const correct = confusionMatrix.reduce((sum, row, c) => sum + row[c], 0);
  return {
    task: 'classification',
    rows,
    loss,
    accuracy: rows === 0 ? 0 : correct / rows,
    macroPrecision: mean(present.map((metrics) => metrics.precision)),
    macroRecall: mean(present.map((metrics) => metrics.recall)),
    macroF1: mean(present.map((metrics) => metrics.f1)),
    rocAuc: k === 2 ? perClass[1].rocAuc : aucs.length === 0 ? null : mean(aucs),
    perClass,
    confusionMatrix,
    rocCurve: k === 2 ? (perClass[1].rocCurve ?? null) : microAverageRocCurve(actual, probabilities, k),
  };
}

/** Every (row, class) pair as one one-vs-rest decision: the curve of all classes pooled. */
function microAverageRocCurve(actual: ArrayLike<number>, probabilities: ArrayLike<number>, k: number): RocCurve | null {
  const rows = actual.length;
  const isClass = Array.from({ length: rows * k }, (_, i) => actual[Math.floor(i / k)] === i % k);
  return rocCurve(Float64Array.from({ length: rows * k }, (_, i) => probabilities[i]), isClass);
}

/** Linear interpolation between closest ranks (numpy's default, DuckDB's quantile_cont). */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const h = (sorted.length - 1) * p;
  const lower = Math.floor(h);
  const upper = Math.ceil(h);
  return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
}

export interface RegressionInput {
  actual: ArrayLike<number>;
  predicted: ArrayLike<number>;
  loss?: number | null;
}

export function regressionMetrics({ actual, predicted, loss = null }: RegressionInput): RegressionMetrics {
  const rows = actual.length;
  const residuals = Float64Array.from({ length: rows }, (_, r) => actual[r] - predicted[r]);
  let squared = 0;
  let absolute = 0;
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    squared += residuals[r] ** 2;
    absolute += Math.abs(residuals[r]);
    sum += actual[r];
  }
  const mean = rows === 0 ? 0 : sum / rows;
  let total = 0;
  for (let r = 0; r < rows; r++) total += (actual[r] - mean) ** 2;
  const sorted = Float64Array.from(residuals).sort();
  const q = (p: number): number => quantile(sorted, p);
  return {
    task: 'regression',
    rows,
    loss,
    rmse: rows === 0 ? 0 : Math.sqrt(squared / rows),
    mae: rows === 0 ? 0 : absolute / rows,
    r2: total === 0 ? null : 1 - squared / total,
    residualQuantiles: { p01: q(0.01), p05: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95), p99: q(0.99) },
  };
}
