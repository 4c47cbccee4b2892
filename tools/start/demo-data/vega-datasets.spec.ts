import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_DATASETS } from './demo-datasets';
import { vegaDataFile, vegaDatasetsRoot } from './vega-datasets';

describe('vega-datasets', () => {
  it('finds the installed package root although its exports hide package.json', () => {
    const root = vegaDatasetsRoot();

    expect(existsSync(join(root, 'data'))).toBe(true);
    expect(existsSync(join(root, 'package.json'))).toBe(true);
  });

  it.each(DEMO_DATASETS.map((demo) => demo.sourceFile))('ships %s, which the demo seed uploads', (fileName) => {
    expect(existsSync(vegaDataFile(fileName))).toBe(true);
  });

  it('names the missing file and what to do', () => {
    expect(() => vegaDataFile('no-such.csv')).toThrow(/does not ship no-such\.csv .*run npm ci/);
  });
});
