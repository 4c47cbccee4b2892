import { inspectTable } from './inspect-table';
import { TabularError } from './tabular.errors';
import { TestTables } from './test-table.builder';

describe('reading malformed files', () => {
  let tables: TestTables;
  beforeAll(async () => {
    tables = await TestTables.create();
  });
  afterAll(async () => {
    await tables.dispose();
  });

  const failure = async (promise: Promise<unknown>): Promise<TabularError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TabularError);
    return error as TabularError;
  };

  it('rejects an unbalanced quote, naming its line', async () => {
    const path = await tables.raw('quote.csv', 'a,b\n1,x\n2,y\n3,"open\n4,z\n');
    const error = await failure(inspectTable(path, 'csv'));
    expect(error.code).toBe('malformed_file');
    expect(error.details.line).toBe(4);
    expect(error.message).toMatch(/line 4.*unterminated quote/);
  });

  it('rejects a row with too many fields, naming its line', async () => {
    const error = await failure(inspectTable(await tables.raw('wide.csv', 'a,b\n1,x\n2,y,z\n3,w\n'), 'csv'));
    expect(error).toMatchObject({ code: 'malformed_file', details: { line: 3 } });
    expect(error.message).toMatch(/line 3.*Expected Number of Columns: 2 Found: 3/);
  });

  it('rejects a row with too few fields, naming its line', async () => {
    const error = await failure(inspectTable(await tables.raw('short.csv', 'a,b\n1,x\n2,y\n3\n'), 'csv'));
    expect(error).toMatchObject({ code: 'malformed_file', details: { line: 4 } });
  });

  it('rejects an empty file', async () => {
    const error = await failure(inspectTable(await tables.raw('empty.csv', ''), 'csv'));
    expect(error.code).toBe('empty_file');
  });

  it('rejects a binary file sent as CSV', async () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0xfe, 0x0a, 0x2c]);
    const error = await failure(inspectTable(await tables.raw('zip.csv', bytes), 'csv'));
    expect(error.code).toBe('malformed_file');
    expect(error.message).toMatch(/binary/);
  });

  it('rejects a file that is not Parquet', async () => {
    const error = await failure(inspectTable(await tables.raw('text.parquet', 'a,b\n1,2\n'), 'parquet'));
    expect(error.code).toBe('malformed_file');
    expect(error.message).toMatch(/not a readable Parquet file/);
  });

  it('rejects a malformed JSON line, naming its line', async () => {
    const path = await tables.raw('bad.jsonl', '{"a":1}\n{"a":2\n{"a":3}\n');
    const error = await failure(inspectTable(path, 'jsonl'));
    expect(error.code).toBe('malformed_file');
    expect(error.details.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects a missing file and a path DuckDB would expand as a glob', async () => {
    expect((await failure(inspectTable(`${tables.dir}/missing.csv`, 'csv'))).code).toBe('unreadable_file');
    expect((await failure(inspectTable(`${tables.dir}/*.csv`, 'csv'))).code).toBe('unreadable_file');
  });
});
