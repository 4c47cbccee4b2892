import { normalizePlot, plotBundle, plotRows, PLOT_MIME_TYPE } from './plot-spec';

describe('normalizePlot', () => {
  it('takes one series with y alone, numbering x from 0', () => {
    expect(normalizePlot({ y: [3, 1], title: 'loss' })).toEqual({
      version: 1,
      title: 'loss',
      xLabel: null,
      yLabel: null,
      series: [{ name: 'y', type: 'line', x: [0, 1], y: [3, 1] }],
    });
  });

  it('takes several series, typed arrays from tensors, and a kind per series', () => {
    const plot = normalizePlot({ type: 'scatter', series: [{ name: 'a', x: new Float32Array([1, 2]), y: new Float32Array([3, 4]) }, { type: 'line', y: [5, 6] }] });
    expect(plot.series.map((series) => [series.name, series.type, series.x, series.y])).toEqual([
      ['a', 'scatter', [1, 2], [3, 4]],
      ['series 2', 'line', [0, 1], [5, 6]],
    ]);
  });

  it('keeps a gap where a value is not finite', () => {
    expect(normalizePlot({ y: [1, NaN, 2] }).series[0].y).toEqual([1, null, 2]);
  });

  it.each([
    [{}, /give y/],
    [{ y: [1], series: [{ y: [1] }] }, /either y/],
    [{ x: [1, 2], y: [1] }, /x has 2 values and y has 1/],
    [{ type: 'pie', y: [1] }, /type/],
  ])('refuses %j with a message saying what to give', (spec, message) => {
    expect(() => normalizePlot(spec)).toThrow(message);
  });
});

describe('plotBundle and plotRows', () => {
  it('carries the chart and a text line for viewers without the renderer', () => {
    const bundle = plotBundle(normalizePlot({ title: 'fit', series: [{ name: 'loss', y: [1, 0.5] }] }));
    expect(Object.keys(bundle)).toEqual([PLOT_MIME_TYPE, 'text/plain']);
    expect(bundle['text/plain']).toBe('Plot "fit": line of loss (2 points)');
  });

  it('gives one row per x with a column per series, in x order', () => {
    const plot = normalizePlot({ series: [{ x: [2, 1], y: [20, 10] }, { x: [1], y: [5] }] });
    expect(plotRows(plot)).toEqual([
      { x: 1, s0: 10, s1: 5 },
      { x: 2, s0: 20 },
    ]);
  });
});
