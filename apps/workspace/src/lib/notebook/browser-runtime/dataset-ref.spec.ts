import { defaultFeatures, inferTask, parseDatasetRef } from './dataset-ref';

describe('parseDatasetRef', () => {
  it('reads a name with a version, or the latest version', () => {
    expect(parseDatasetRef('penguins@2')).toEqual({ name: 'penguins', version: 2 });
    expect(parseDatasetRef('penguins')).toEqual({ name: 'penguins', version: 'latest' });
    expect(parseDatasetRef('penguins@latest')).toEqual({ name: 'penguins', version: 'latest' });
  });

  it.each(['penguins@0', 'penguins@1.5', 'penguins@two', '../etc@1'])('refuses %s', (ref) => {
    expect(() => parseDatasetRef(ref)).toThrow(/galley.dataset/);
  });
});

describe('inferTask and defaultFeatures', () => {
  it('treats text and few distinct integers as classes, floats and many integers as a regression', () => {
    expect(inferTask({ name: 'species', logicalType: 'string' }, 3)).toBe('classification');
    expect(inferTask({ name: 'rings', logicalType: 'integer' }, 5)).toBe('classification');
    expect(inferTask({ name: 'price', logicalType: 'integer' }, 900)).toBe('regression');
    expect(inferTask({ name: 'mass', logicalType: 'float' }, 3)).toBe('regression');
  });

  it('takes every usable column but the target as a feature, in order', () => {
    const columns = [
      { name: 'date', logicalType: 'date' as const },
      { name: 'temp', logicalType: 'float' as const },
      { name: 'weather', logicalType: 'string' as const },
    ];
    expect(defaultFeatures(columns, 'weather')).toEqual([{ name: 'temp' }]);
  });
});
