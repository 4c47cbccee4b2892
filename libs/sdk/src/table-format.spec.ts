import { formatFromFileName, unknownFormatMessage } from './table-format';

describe('formatFromFileName', () => {
  it.each([
    ['weather.csv', 'csv'],
    ['WEATHER.CSV', 'csv'],
    ['/data/2025/sales.parquet', 'parquet'],
    ['sales.pq', 'parquet'],
    ['C:\\exports\\events.jsonl', 'jsonl'],
    ['events.ndjson', 'jsonl'],
    ['archive.2025.csv', 'csv'],
  ])('reads %s as %s', (fileName, format) => {
    expect(formatFromFileName(fileName)).toBe(format);
  });

  it.each(['notes.txt', 'rows.json', 'weather.csv.gz', 'README', '.csv', 'data.'])('finds no format in %s', (fileName) => {
    expect(formatFromFileName(fileName)).toBeUndefined();
  });
});

describe('unknownFormatMessage', () => {
  it('lists the extensions that do name a format', () => {
    expect(unknownFormatMessage('notes.txt')).toBe(
      'cannot tell the format of notes.txt: .txt is not one of .csv, .parquet, .pq, .jsonl, .ndjson; rename it or name the format (csv, parquet, jsonl)',
    );
  });

  it('says when there is no extension at all', () => {
    expect(unknownFormatMessage('data/README')).toMatch(/^cannot tell the format of data\/README: it has no extension/);
  });

  it('explains that a .json array is not JSON Lines', () => {
    expect(unknownFormatMessage('penguins.json')).toMatch(/^penguins\.json: a \.json file is not JSON Lines; write one JSON object per line/);
  });
});
