import { parseDatasetAddress } from './dataset-address';

describe('parseDatasetAddress', () => {
  it('means the latest version when none is named', () => {
    expect(parseDatasetAddress('weather')).toEqual({ name: 'weather', version: 'latest' });
  });

  it('reads a version number after @', () => {
    expect(parseDatasetAddress('weather@12')).toEqual({ name: 'weather', version: 12 });
  });

  it('reads @latest', () => {
    expect(parseDatasetAddress('weather@latest')).toEqual({ name: 'weather', version: 'latest' });
  });

  it.each(['weather@0', 'weather@-1', 'weather@1.5', 'weather@', 'weather@newest'])('refuses %s with an example of what works', (text) => {
    expect(() => parseDatasetAddress(text)).toThrow(/is not a version: write a number from 1 or latest, e\.g\. weather@3/);
  });

  it('refuses an address with no name', () => {
    expect(() => parseDatasetAddress('@3')).toThrow('"@3" names no dataset');
  });
});
