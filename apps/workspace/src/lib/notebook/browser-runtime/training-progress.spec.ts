import { epochProgressPlot, progressText } from './training-progress';

const epoch = (n: number, values: Record<string, number>) => ({ epoch: n, loss: values['loss'] ?? 0, values, durationMs: 10 });

describe('epochProgressPlot', () => {
  it('draws a line per metric, validation after training, with the epoch count', () => {
    const plot = epochProgressPlot('fit', [epoch(1, { val_loss: 2, loss: 1 }), epoch(2, { val_loss: 1.5, loss: 0.5 })], 10);
    expect(plot.series.map((series) => [series.name, series.x, series.y])).toEqual([
      ['loss', [1, 2], [1, 0.5]],
      ['val_loss', [1, 2], [2, 1.5]],
    ]);
    expect(plot.progress).toEqual({ current: 2, total: 10, label: 'epoch 2 of 10' });
  });
});

describe('progressText', () => {
  it('says the epoch and its values', () => {
    expect(progressText([epoch(3, { loss: 0.41317, accuracy: 0.88 })], 10)).toBe('epoch 3/10 — loss 0.4132, accuracy 0.8800');
  });

  it('says it is waiting before the first epoch', () => {
    expect(progressText([], 5)).toBe('waiting for the first epoch (of 5)');
  });
});
