import type { FittedPreprocessing } from '@galley/contracts';
import { categoryCell, fitFeatures, fittedPreprocessing, numericCell, transformRows } from './preprocessing';

const training = [
  { size: 1, colour: 'red' },
  { size: 3, colour: 'blue' },
  { size: null, colour: null },
  { size: 5, colour: 'red' },
];

function fitted(): FittedPreprocessing {
  const features = fitFeatures(training, [
    { name: 'size', kind: 'numeric' },
    { name: 'colour', kind: 'categorical' },
  ]);
  return fittedPreprocessing(features, { name: 'y', task: 'classification', classes: ['a', 'b'] });
}

describe('fitted preprocessing', () => {
  it('standardizes with the mean and population std of the non-missing training values', () => {
    const [size] = fitted().features;
    // values 1, 3, 5: mean 3, population std √(8/3)
    expect(size).toEqual({ name: 'size', kind: 'numeric', mean: 3, scale: Math.sqrt(8 / 3) });
  });

  it('learns a sorted vocabulary and names one column per category plus one for null', () => {
    const preprocessing = fitted();
    expect(preprocessing.features[1]).toEqual({ name: 'colour', kind: 'categorical', categories: ['blue', 'red'] });
    expect(preprocessing.encodedNames).toEqual(['size', 'colour=blue', 'colour=red', 'colour=<null>']);
    expect(preprocessing.inputWidth).toBe(4);
  });

  it('imputes a missing number with the mean, encodes null in its own column, and an unseen category as zeros', () => {
    const x = transformRows(fitted(), [
      { size: 3, colour: 'blue' },
      { size: null, colour: null },
      { size: 6, colour: 'green' },
    ]);
    const scale = Math.fround(3 / Math.sqrt(8 / 3));
    expect(Array.from(x)).toEqual([0, 1, 0, 0, 0, 0, 0, 1, scale, 0, 0, 0]);
  });

  it('keeps a pinned vocabulary instead of learning one', () => {
    const [colour] = fitFeatures(training, [{ name: 'colour', kind: 'categorical', categories: ['red', 'green'] }]);
    expect(colour).toEqual({ name: 'colour', kind: 'categorical', categories: ['red', 'green'] });
  });

  it('does not divide by zero for a constant column', () => {
    const [constant] = fitFeatures([{ v: 2 }, { v: 2 }], [{ name: 'v', kind: 'numeric' }]);
    expect(constant).toMatchObject({ mean: 2, scale: 1 });
  });
});

describe('cells', () => {
  it('reads numbers, numeric text and missing values', () => {
    expect(numericCell(2.5, 'v', 0)).toBe(2.5);
    expect(numericCell('9007199254740993', 'v', 0)).toBe(Number('9007199254740993'));
    expect(numericCell('', 'v', 0)).toBeNull();
    expect(numericCell(Number.NaN, 'v', 0)).toBeNull();
    expect(numericCell('Infinity', 'v', 0)).toBeNull();
  });

  it('names the row and column of text in a numeric feature', () => {
    expect(() => numericCell('tall', 'height', 7)).toThrow(expect.objectContaining({ code: 'invalid_data', message: 'Row 7: height is numeric but holds the text "tall"' }));
  });

  it('compares categories as text', () => {
    expect(categoryCell(true, 'flag', 0)).toBe('true');
    expect(categoryCell(3, 'code', 0)).toBe('3');
    expect(categoryCell(undefined, 'code', 0)).toBeNull();
  });
});
