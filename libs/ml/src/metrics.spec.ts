import { classificationMetrics, quantile, regressionMetrics, rocAuc, rocCurve } from './metrics';

describe('rocAuc', () => {
  it('is the share of positive–negative pairs ranked right, ties counting one half', () => {
    // Pairs (pos, neg): (0.8,0.3) right, (0.8,0.5) right, (0.5,0.3) right, (0.5,0.5) tie → (3 + 0.5) / 4.
    expect(rocAuc([0.3, 0.5, 0.5, 0.8], [false, true, false, true])).toBe(0.875);
  });

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc([0.1, 0.2, 0.9], [false, false, true])).toBe(1);
    expect(rocAuc([0.9, 0.2, 0.1], [false, false, true])).toBe(0);
  });

  it('is null without negatives', () => {
    expect(rocAuc([0.1, 0.2], [true, true])).toBeNull();
  });
});

/** Area under straight lines between the points, which must equal the rank-based AUC. */
function trapezoidArea(curve: { fpr: number[]; tpr: number[] }): number {
  let area = 0;
  for (let i = 1; i < curve.fpr.length; i++) area += ((curve.fpr[i] - curve.fpr[i - 1]) * (curve.tpr[i] + curve.tpr[i - 1])) / 2;
  return area;
}

describe('rocCurve', () => {
  it('steps through each distinct threshold from the highest score, tied scores moving together', () => {
    // Positives 0.8 and 0.5, negatives 0.5 and 0.3. Threshold 0.8: 1 of 2 positives, no negative;
    // 0.5: both positives and 1 of 2 negatives (the tie is one diagonal step); 0.3: everything.
    expect(rocCurve([0.3, 0.5, 0.5, 0.8], [false, true, false, true])).toEqual({ fpr: [0, 0, 0.5, 1], tpr: [0, 0.5, 1, 1] });
  });

  it('has the rank-based AUC as its trapezoid area', () => {
    const scores = [0.3, 0.5, 0.5, 0.8];
    const positive = [false, true, false, true];
    expect(trapezoidArea(rocCurve(scores, positive)!)).toBe(rocAuc(scores, positive));
  });

  it('hugs the top-left corner for a perfect ranking', () => {
    expect(rocCurve([0.1, 0.2, 0.9], [false, false, true])).toEqual({ fpr: [0, 0, 0.5, 1], tpr: [0, 1, 1, 1] });
  });

  it('is null without positives or without negatives', () => {
    expect(rocCurve([0.1, 0.2], [true, true])).toBeNull();
    expect(rocCurve([0.1, 0.2], [false, false])).toBeNull();
  });

  it('thins a long curve evenly to at most maxPoints, keeping both ends', () => {
    const scores = Array.from({ length: 1000 }, (_, i) => i / 1000);
    const positive = scores.map((_, i) => i % 3 === 0);
    const curve = rocCurve(scores, positive, 50)!;
    expect(curve.fpr).toHaveLength(50);
    expect([curve.fpr[0], curve.tpr[0]]).toEqual([0, 0]);
    expect([curve.fpr.at(-1), curve.tpr.at(-1)]).toEqual([1, 1]);
    expect(curve.fpr.every((value, i) => i === 0 || value >= curve.fpr[i - 1])).toBe(true);
  });
});

describe('classificationMetrics', () => {
  // Three classes, six rows. Predicted (argmax): a, a, b, b, c, a for actual a, a, b, b, c, c.
  const probabilities = [
    [0.7, 0.2, 0.1],
    [0.5, 0.4, 0.1],
    [0.2, 0.6, 0.2],
    [0.1, 0.8, 0.1],
    [0.1, 0.1, 0.8],
    [0.6, 0.1, 0.3],
  ].flat();
  const metrics = classificationMetrics({ actual: [0, 0, 1, 1, 2, 2], probabilities, classes: ['a', 'b', 'c'], loss: 0.5 });

  it('counts the confusion matrix as [actual][predicted]', () => {
    expect(metrics.confusionMatrix).toEqual([
      [2, 0, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
  });

  it('computes accuracy and per-class precision, recall and F1 by hand', () => {
    expect(metrics.accuracy).toBeCloseTo(5 / 6, 15);
    const [a, b, c] = metrics.perClass;
    expect(a).toMatchObject({ label: 'a', precision: 2 / 3, recall: 1, support: 2 });
    expect(a.f1).toBeCloseTo(0.8, 15); // 2·(2/3)·1 / (2/3 + 1)
    expect(b).toMatchObject({ precision: 1, recall: 1, f1: 1, support: 2 });
    expect(c).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(c.f1).toBeCloseTo(2 / 3, 15);
  });

  it('macro-averages over the classes', () => {
    expect(metrics.macroPrecision).toBeCloseTo((2 / 3 + 1 + 1) / 3, 15);
    expect(metrics.macroRecall).toBeCloseTo((1 + 1 + 0.5) / 3, 15);
    expect(metrics.macroF1).toBeCloseTo((0.8 + 1 + 2 / 3) / 3, 15);
    expect(metrics.loss).toBe(0.5);
  });

  it('averages the one-vs-rest AUCs for several classes', () => {
    // Class c: scores of c rows 0.8, 0.3; others 0.1 0.1 0.2 0.1 → 0.8 beats 4, 0.3 beats 4: AUC 1.
    // Class a: a rows 0.7, 0.5; others 0.2 0.1 0.1 0.6 → 0.7 beats 4, 0.5 beats 3 → 7/8.
    const [a, b, c] = metrics.perClass;
    expect(a.rocAuc).toBe(7 / 8);
    expect(b.rocAuc).toBe(1);
    expect(c.rocAuc).toBe(1);
    expect(metrics.rocAuc).toBeCloseTo((7 / 8 + 1 + 1) / 3, 15);
  });

  it('keeps the one-vs-rest curve of each class beside its AUC', () => {
    // Class a: scores 0.7, 0.5 (a rows) and 0.2, 0.1, 0.1, 0.6 (others). Thresholds 0.7, 0.6, 0.5, 0.2, 0.1.
    const [a] = metrics.perClass;
    expect(a.rocCurve).toEqual({ fpr: [0, 0, 0.25, 0.25, 0.5, 1], tpr: [0, 0.5, 0.5, 1, 1, 1] });
    expect(trapezoidArea(a.rocCurve!)).toBe(a.rocAuc);
  });

  it('pools every row × class decision into a micro-average curve for several classes', () => {
    // 18 decisions, 6 positive: the scores of each row's own class, 0.7 0.5 0.6 0.8 0.8 0.3.
    const curve = metrics.rocCurve!;
    expect([curve.fpr[0], curve.tpr[0], curve.fpr.at(-1), curve.tpr.at(-1)]).toEqual([0, 0, 1, 1]);
    // At threshold 0.5 the positives 0.8 0.8 0.7 0.6 0.5 are in, and of the 12 negatives only the last
    // row's 0.6 for class a; the next threshold, 0.4, adds a negative (row 2, class b) but no positive.
    const atHalf = curve.tpr.indexOf(5 / 6);
    expect(curve.fpr[atHalf]).toBeCloseTo(1 / 12, 15);
    expect(curve.fpr[atHalf + 1]).toBeCloseTo(2 / 12, 15);
    expect(curve.tpr[atHalf + 1]).toBeCloseTo(5 / 6, 15);
  });

  it('reports the AUC of the second class for a binary target', () => {
    const binary = classificationMetrics({ actual: [0, 1, 0, 1], probabilities: [0.9, 0.1, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8], classes: [false, true] });
    expect(binary.rocAuc).toBe(binary.perClass[1].rocAuc);
    expect(binary.rocAuc).toBe(0.75); // positives 0.6, 0.8; negatives 0.1, 0.7 → 3 of 4 pairs
    expect(binary.accuracy).toBe(0.75);
    expect(binary.rocCurve).toEqual(binary.perClass[1].rocCurve);
  });

  it('leaves classes that neither occur nor are predicted out of the macro averages', () => {
    const partial = classificationMetrics({ actual: [0, 0], probabilities: [1, 0, 0, 1, 0, 0], classes: ['a', 'b', 'c'] });
    expect(partial.macroRecall).toBe(1);
    expect(partial.perClass[2]).toMatchObject({ support: 0, recall: 0, rocAuc: null });
  });
});

describe('regressionMetrics', () => {
  it('computes RMSE, MAE, R² and residual quantiles by hand', () => {
    // residuals 1 − 1.5 = −0.5, 2 − 2 = 0, 3 − 2 = 1, 4 − 5 = −1
    const metrics = regressionMetrics({ actual: [1, 2, 3, 4], predicted: [1.5, 2, 2, 5] });
    expect(metrics.rmse).toBeCloseTo(Math.sqrt((0.25 + 0 + 1 + 1) / 4), 15);
    expect(metrics.mae).toBeCloseTo(2.5 / 4, 15);
    expect(metrics.r2).toBeCloseTo(1 - 2.25 / 5, 15); // SS_tot = 2.25 + 0.25 + 0.25 + 2.25
    // sorted residuals −1, −0.5, 0, 1: p50 at h = 1.5 → −0.25; p25 at h = 0.75 → −0.625
    expect(metrics.residualQuantiles.p50).toBeCloseTo(-0.25, 15);
    expect(metrics.residualQuantiles.p25).toBeCloseTo(-0.625, 15);
    expect(metrics.residualQuantiles.p99).toBeCloseTo(1 - 0.03 * 1, 15);
  });

  it('has no R² when the target is constant', () => {
    expect(regressionMetrics({ actual: [2, 2], predicted: [1, 3] }).r2).toBeNull();
  });
});

describe('quantile', () => {
  it('interpolates linearly between closest ranks, as numpy and DuckDB quantile_cont', () => {
    expect(quantile([10, 20, 30, 40, 50], 0.1)).toBeCloseTo(14, 12);
    expect(quantile([10, 20, 30, 40, 50], 1)).toBe(50);
  });
});
