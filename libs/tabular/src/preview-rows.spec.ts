import { previewRows } from './preview-rows';
import { TabularError } from './tabular.errors';
import { TestTables } from './test-table.builder';

describe('previewRows', () => {
  let tables: TestTables;
  beforeAll(async () => {
    tables = await TestTables.create();
  });
  afterAll(async () => {
    await tables.dispose();
  });

  it('returns the requested page in file order', async () => {
    const path = await tables.csv('page.csv', Array.from({ length: 10 }, (_, i) => ({ n: i, s: `row ${i}` })));
    await expect(previewRows(path, 'csv', 3, 2)).resolves.toEqual([
      { n: 3, s: 'row 3' },
      { n: 4, s: 'row 4' },
    ]);
  });

  it('makes values JSON-safe: big integers as strings, dates and timestamps as ISO strings', async () => {
    const path = await tables.raw(
      'values.jsonl',
      '{"big":9007199254740993,"small":5,"day":"2024-03-01","at":"2024-03-01 12:30:00","x":null}\n',
    );
    await expect(previewRows(path, 'jsonl', 0, 10)).resolves.toEqual([
      { big: '9007199254740993', small: 5, day: '2024-03-01', at: '2024-03-01T12:30:00.000Z', x: null },
    ]);
  });

  it('returns formula-like cells exactly as stored', async () => {
    const path = await tables.csv('formula.csv', [{ note: '=HYPERLINK("http://x")' }, { note: '@SUM(1)' }]);
    await expect(previewRows(path, 'csv', 0, 10)).resolves.toEqual([{ note: '=HYPERLINK("http://x")' }, { note: '@SUM(1)' }]);
  });

  it('rejects a negative offset and an oversized limit', async () => {
    const path = await tables.csv('args.csv', [{ a: 1 }]);
    await expect(previewRows(path, 'csv', -1, 10)).rejects.toBeInstanceOf(TabularError);
    await expect(previewRows(path, 'csv', 0, 100_000)).rejects.toMatchObject({ code: 'invalid_argument' });
  });
});
