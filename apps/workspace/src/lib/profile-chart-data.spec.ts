import type { ColumnProfile } from '@galley/contracts';
import { chartKindOf, histogramBars, topValueBars } from './profile-chart-data';

function aColumn(overrides: Partial<ColumnProfile> = {}): ColumnProfile {
  return {
    name: 'x',
    type: 'DOUBLE',
    logicalType: 'float',
    count: 3,
    nullCount: 0,
    nullFraction: 0,
    distinctCount: 3,
    min: 0,
    max: 2,
    mean: 1,
    std: 0.8,
    quantiles: null,
    histogram: null,
    topValues: null,
    formulaLikeCount: 0,
    ...overrides,
  };
}

describe('profile chart data', () => {
  it('makes one bar per bin, bounded by consecutive edges', () => {
    expect(histogramBars({ edges: [0, 0.5, 1], counts: [3, 7] })).toEqual([
      { label: '0', from: 0, to: 0.5, count: 3 },
      { label: '0.5', from: 0.5, to: 1, count: 7 },
    ]);
  });

  it('draws no bar without both of its edges', () => {
    expect(histogramBars({ edges: [0, 1], counts: [3, 7] })).toHaveLength(1);
    expect(histogramBars({ edges: [], counts: [] })).toEqual([]);
  });

  it('labels top values as text, booleans included', () => {
    expect(topValueBars([{ value: true, count: 4 }, { value: 'setosa', count: 2 }])).toEqual([
      { label: 'true', count: 4 },
      { label: 'setosa', count: 2 },
    ]);
  });

  it('draws a histogram for numbers, top values for categories, nothing for an all-null column', () => {
    expect(chartKindOf(aColumn({ histogram: { edges: [0, 1], counts: [1] } }))).toBe('histogram');
    expect(chartKindOf(aColumn({ logicalType: 'string', topValues: [{ value: 'a', count: 1 }] }))).toBe('top-values');
    expect(chartKindOf(aColumn({ count: 0, nullCount: 3 }))).toBe('none');
  });
});
