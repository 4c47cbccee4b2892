import { classificationMetrics, quantile, regressionMetrics, rocAuc } from './metrics';

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

  it('reports the AUC of the second class for a binary target', () => {
    const binary = classificationMetrics({ actual: [0, 1, 0, 1], probabilities: [0.9, 0.1, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8], classes: [false, true] });
    expect(binary.rocAuc).toBe(binary.perClass[1].rocAuc);
    expect(binary.rocAuc).toBe(0.75); // positives 0.6, 0.8; negatives 0.1, 0.7 → 3 of 4 pairs
    expect(binary.accuracy).toBe(0.75);
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
