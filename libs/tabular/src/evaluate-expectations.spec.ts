import type { Expectation } from '@galley/contracts';
import { evaluateExpectations, findInvalidPatterns } from './evaluate-expectations';
import { TestTables } from './test-table.builder';

const rows = [
  { id: 1, city: 'Oslo', temp: 4.5, day: '2024-01-01', code: 'A-1' },
  { id: 2, city: 'Lima', temp: 21.0, day: '2024-01-02', code: 'B-2' },
  { id: 2, city: null, temp: -12.25, day: '2024-01-03', code: 'bad' },
  { id: 4, city: 'Oslo', temp: null, day: '2024-02-29', code: 'C-3' },
  { id: 5, city: 'Rome', temp: 38.0, day: '2024-03-01', code: 'D-4' },
];

let tables: TestTables;
let csv: string;

beforeAll(async () => {
  tables = await TestTables.create();
  csv = await tables.csv('weather.csv', rows);
});
afterAll(() => tables.dispose());

async function check(expectation: Record<string, unknown>) {
  const [result] = await evaluateExpectations(csv, 'csv', [{ severity: 'blocking', ...expectation } as Expectation]);
  return result;
}

describe('evaluateExpectations', () => {
  it('answers nothing without reading when the suite is empty', async () => {
    expect(await evaluateExpectations('/no/such/file.csv', 'csv', [])).toEqual([]);
  });

  it('column_exists and column_type read the schema', async () => {
    expect(await check({ kind: 'column_exists', column: 'city' })).toMatchObject({ success: true });
    expect(await check({ kind: 'column_exists', column: 'country' })).toMatchObject({ success: false, observed: { exists: false } });
    expect(await check({ kind: 'column_type', column: 'temp', type: 'float' })).toMatchObject({ success: true, observed: { logicalType: 'float', type: 'DOUBLE' } });
    expect(await check({ kind: 'column_type', column: 'day', type: 'string' })).toMatchObject({ success: false, observed: { logicalType: 'date' } });
  });

  it('not_null counts nulls, honours maxNullFraction and names the failing rows', async () => {
    const strict = await check({ kind: 'not_null', column: 'city', maxNullFraction: 0 });
    expect(strict).toMatchObject({ success: false, unexpectedCount: 1, observed: { nullCount: 1, nullFraction: 0.2 } });
    expect(strict.failingExamples).toEqual([{ row: 2, value: null }]);
    expect(await check({ kind: 'not_null', column: 'city', maxNullFraction: 0.2 })).toMatchObject({ success: true });
  });

  it('between compares numbers, ignores nulls and reports the observed range', async () => {
    const result = await check({ kind: 'between', column: 'temp', min: -10, max: 35 });
    expect(result).toMatchObject({ success: false, unexpectedCount: 2, observed: { min: -12.25, max: 38 } });
    expect(result.failingExamples).toEqual([
      { row: 2, value: -12.25 },
      { row: 4, value: 38 },
    ]);
    expect(await check({ kind: 'between', column: 'temp', min: -20 })).toMatchObject({ success: true, unexpectedCount: 0 });
  });

  it('between compares dates as dates', async () => {
    const result = await check({ kind: 'between', column: 'day', max: '2024-02-28' });
    expect(result).toMatchObject({ success: false, unexpectedCount: 2, observed: { min: '2024-01-01', max: '2024-03-01' } });
    expect(result.failingExamples.map((example) => example.value)).toEqual(['2024-02-29', '2024-03-01']);
  });

  it('between with a text bound on a numeric column fails with the reason', async () => {
    const result = await check({ kind: 'between', column: 'temp', min: 'cold' });
    expect(result.success).toBe(false);
    expect(result.observed).toEqual({ error: expect.stringContaining('not a number') });
  });

  it('in_set finds values outside the set, numeric and text', async () => {
    const cities = await check({ kind: 'in_set', column: 'city', values: ['Oslo', 'Lima'] });
    expect(cities).toMatchObject({ success: false, unexpectedCount: 1, failingExamples: [{ row: 4, value: 'Rome' }] });
    expect(await check({ kind: 'in_set', column: 'id', values: [1, 2, 4, 5] })).toMatchObject({ success: true });
  });

  it('unique reports every row holding a duplicated value', async () => {
    const result = await check({ kind: 'unique', column: 'id' });
    expect(result).toMatchObject({ success: false, unexpectedCount: 2, observed: { duplicatedValues: 1 } });
    expect(result.failingExamples).toEqual([
      { row: 1, value: 2 },
      { row: 2, value: 2 },
    ]);
    expect(await check({ kind: 'unique', column: 'code' })).toMatchObject({ success: true });
  });

  it('matches_regex uses search semantics with RE2', async () => {
    const result = await check({ kind: 'matches_regex', column: 'code', pattern: '^[A-Z]-[0-9]$' });
    expect(result).toMatchObject({ success: false, unexpectedCount: 1, failingExamples: [{ row: 2, value: 'bad' }] });
    expect(await check({ kind: 'matches_regex', column: 'code', pattern: '[a-z]' })).toMatchObject({ success: false, unexpectedCount: 4 });
  });

  it('row_count_between checks the table size', async () => {
    expect(await check({ kind: 'row_count_between', min: 1, max: 5 })).toMatchObject({ success: true, observed: { rowCount: 5 }, unexpectedCount: null });
    expect(await check({ kind: 'row_count_between', min: 6 })).toMatchObject({ success: false });
  });

  it('a column-based expectation on a missing column fails with the reason', async () => {
    expect(await check({ kind: 'unique', column: 'nope' })).toMatchObject({ success: false, observed: { error: 'column "nope" does not exist' } });
  });

  it('checks JSON Lines the same way', async () => {
    const jsonl = await tables.jsonl('weather.jsonl', rows);
    const [result] = await evaluateExpectations(jsonl, 'jsonl', [{ kind: 'unique', column: 'id', severity: 'warning' }]);
    expect(result).toMatchObject({ success: false, unexpectedCount: 2 });
  });
});

describe('findInvalidPatterns', () => {
  it('names the patterns RE2 cannot compile, by index', async () => {
    const invalid = await findInvalidPatterns(['^ok$', '(unclosed', '(?<=lookbehind)x']);
    expect([...invalid.keys()]).toEqual([1, 2]);
    expect(invalid.get(1)).toMatch(/missing|paren/i);
  });
});
