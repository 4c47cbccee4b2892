import { compareRows, curveGroups, curveRows, mergeEpoch, mergePoints, plottedPointCount, type MetricSeries } from './training-curves';

describe('curveGroups', () => {
  it('draws loss first, each metric with its validation twin, and no test metrics', () => {
    expect(curveGroups(['val_accuracy', 'test_accuracy', 'accuracy', 'val_loss', 'loss', 'mae'])).toEqual([
      { metric: 'loss', keys: ['loss', 'val_loss'] },
      { metric: 'accuracy', keys: ['accuracy', 'val_accuracy'] },
      { metric: 'mae', keys: ['mae'] },
    ]);
  });
});

describe('merging history and live epochs', () => {
  const history: MetricSeries = { loss: [{ step: 1, value: 0.9 }, { step: 2, value: 0.8 }] };

  it('adds an epoch that arrived live after the stored history', () => {
    const merged = mergeEpoch(history, { epoch: 3, loss: 0.7, values: { val_loss: 0.75 }, durationMs: 10 });

    expect(merged['loss']).toEqual([{ step: 1, value: 0.9 }, { step: 2, value: 0.8 }, { step: 3, value: 0.7 }]);
    expect(merged['val_loss']).toEqual([{ step: 3, value: 0.75 }]);
  });

  it('plots a step once when the history and the stream both have it, in step order', () => {
    const live = mergeEpoch({}, { epoch: 2, loss: 0.8, values: {}, durationMs: 10 });
    const merged = mergePoints(live, 'loss', history['loss']);

    expect(merged['loss']).toEqual(history['loss']);
    expect(plottedPointCount(merged, ['loss', 'val_loss'])).toBe(2);
  });

  it('skips values that are not finite', () => {
    expect(mergeEpoch({}, { epoch: 1, loss: 0.5, values: { val_loss: Number.NaN }, durationMs: 1 })).toEqual({ loss: [{ step: 1, value: 0.5 }] });
  });
});

describe('chart rows', () => {
  it('puts the keys of one step in one row, leaving out keys without a point there', () => {
    const series: MetricSeries = { loss: [{ step: 1, value: 0.9 }, { step: 2, value: 0.8 }], val_loss: [{ step: 2, value: 0.85 }] };

    expect(curveRows(series, ['loss', 'val_loss'])).toEqual([{ step: 1, loss: 0.9 }, { step: 2, loss: 0.8, val_loss: 0.85 }]);
  });

  it('lines runs up by step for a comparison, a shorter run ending early', () => {
    expect(compareRows({ a: [{ step: 1, value: 1 }, { step: 2, value: 0.5 }], b: [{ step: 1, value: 2 }] })).toEqual([{ step: 1, a: 1, b: 2 }, { step: 2, a: 0.5 }]);
  });
});
