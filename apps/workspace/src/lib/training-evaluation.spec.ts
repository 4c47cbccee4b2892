import { confusionCells, curveArea, heatColor, perClassRows, residualQuantileRows, rocSeries } from './training-evaluation';
import { aClassification } from './training-test-builders';

describe('confusion matrix heatmap', () => {
  it('shades each cell by its share of the actual class', () => {
    expect(confusionCells([[4, 0], [2, 4]])).toEqual([
      { actual: 0, predicted: 0, count: 4, share: 1 },
      { actual: 0, predicted: 1, count: 0, share: 0 },
      { actual: 1, predicted: 0, count: 2, share: 2 / 6 },
      { actual: 1, predicted: 1, count: 4, share: 4 / 6 },
    ]);
    expect(confusionCells([[0, 0]])[0].share).toBe(0);
  });

  it('runs from white to the accent, with white text on dark cells', () => {
    expect(heatColor(0)).toEqual({ fill: 'rgb(255, 255, 255)', text: '#1d2330' });
    expect(heatColor(1)).toEqual({ fill: 'rgb(67, 56, 202)', text: '#ffffff' });
  });
});

describe('ROC curves', () => {
  it('draws the positive class for two classes', () => {
    const series = rocSeries(aClassification());
    expect(series).toEqual([{ label: 'sun (positive class)', auc: 0.9, points: [{ fpr: 0, tpr: 0 }, { fpr: 0.5, tpr: 1 }, { fpr: 1, tpr: 1 }] }]);
  });

  it('draws the micro-average and each class one-vs-rest for more classes', () => {
    const three = aClassification({ perClass: [...aClassification().perClass, { label: 'fog', precision: 0, recall: 0, f1: 0, support: 0, rocAuc: null, rocCurve: null }] });
    expect(rocSeries(three).map((series) => series.label)).toEqual(['micro-average', 'rain', 'sun']);
  });

  it('has nothing to draw for a record kept before curves were', () => {
    const { rocCurve: _curve, ...older } = aClassification({ perClass: [] });
    expect(rocSeries({ ...older, perClass: [] })).toEqual([]);
  });

  it('measures the area under a curve', () => {
    expect(curveArea([{ fpr: 0, tpr: 0 }, { fpr: 0, tpr: 0.5 }, { fpr: 0.5, tpr: 1 }, { fpr: 1, tpr: 1 }])).toBe(0.875);
  });
});

describe('tables as chart rows', () => {
  it('lists residual quantiles in order', () => {
    const rows = residualQuantileRows({ task: 'regression', rows: 3, loss: null, rmse: 1, mae: 1, r2: null, residualQuantiles: { p01: -3, p05: -2, p25: -1, p50: 0, p75: 1, p95: 2, p99: 3 } });
    expect(rows.map((row) => [row.quantile, row.residual])).toEqual([['p01', -3], ['p05', -2], ['p25', -1], ['p50', 0], ['p75', 1], ['p95', 2], ['p99', 3]]);
  });

  it('gives precision, recall and F1 per class', () => {
    expect(perClassRows(aClassification())[0]).toEqual({ label: 'rain', precision: 0.8, recall: 1, f1: 0.889, support: 4 });
  });
});
