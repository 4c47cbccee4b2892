import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { FeatureValueType, LogicalType, TableFormat } from '@galley/contracts';
import { tableSource } from '@galley/tabular';
import { onlineKey } from '../online/online-key';
import { decodeOnlineValue, onlineFeatureValues } from '../online/online-value';
import { HELD_TABLE, LATEST_TABLE, latestRowsSql, type LatestRowsSpec } from './latest-rows.query';

/** A spec and the file it reads (the source is opened with libs/tabular, as the runner does). */
type SpecOfFile = LatestRowsSpec & { path: string; format: TableFormat };

interface Latest {
  key: string;
  t: number;
  values: unknown[];
}

describe('latestRowsSql', () => {
  let dir: string;
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'latest-rows-spec-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run(`SET TimeZone = 'UTC'`);
  });
  afterEach(() => {
    connection.closeSync();
    instance.closeSync();
  });

  const csvFile = async (name: string, lines: string[]): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, `${lines.join('\n')}\n`);
    return path;
  };

  const parquetFrom = async (csvPath: string): Promise<string> => {
    const path = `${csvPath}.parquet`;
    await connection.run(`COPY (SELECT * FROM read_csv('${csvPath}')) TO '${path}' (FORMAT parquet)`);
    return path;
  };

  const spec = (path: string, overrides: Partial<SpecOfFile> = {}): SpecOfFile => ({
    path,
    format: 'csv',
    columns: ['id', 'ts', 'x'],
    joinKey: { column: 'id', columnType: 'string', keyType: 'string' },
    timestampColumn: 'ts',
    features: [{ column: 'x', type: 'float' }],
    window: { startMicros: null, endMicros: null },
    revision: 2,
    sourceVersion: 5,
    ...overrides,
  });

  /** Runs both statements with `held` as what the store holds; the latest rows by key, and rowsScanned. */
  const run = async (query: SpecOfFile, held: Array<[string, number]> = []): Promise<{ latest: Latest[]; rowsScanned: number }> => {
    await connection.run(`CREATE TABLE ${HELD_TABLE} (k VARCHAR, t BIGINT)`);
    for (const [key, t] of held) await connection.run(`INSERT INTO ${HELD_TABLE} VALUES ('${onlineKey(key)}', ${t})`);
    const sql = latestRowsSql(query, await tableSource(query.path, query.format));
    await connection.run(sql.createLatest);
    const scanned = await connection.runAndReadAll(`SELECT CAST(coalesce(sum(n), 0) AS DOUBLE) FROM ${LATEST_TABLE}`);
    const rows = (await connection.runAndReadAll(sql.selectValues)).getRowsJS() as Array<[string, number, string]>;
    const latest = rows
      .map(([k, t, text]) => {
        const value = decodeOnlineValue(text);
        if (!value) throw new Error(`not a stored value: ${text}`);
        expect(value).toMatchObject({ t, r: query.revision, s: query.sourceVersion });
        const key = Buffer.from(k, 'base64url').toString('utf8');
        expect(onlineKey(key)).toBe(k);
        return { key, t: value.t, values: onlineFeatureValues(value) };
      })
      .sort((a, b) => a.key.localeCompare(b.key));
    return { latest, rowsScanned: Number(scanned.getRowsJS()[0][0]) };
  };

  const micros = (iso: string): number => Date.parse(iso) * 1000;

  const history = [
    'id,ts,x',
    'a,2024-01-01T00:00:00Z,1.0',
    'b,2024-01-01T00:00:00Z,10.0',
    'a,2024-01-03T00:00:00Z,3.0',
    'a,2024-01-02T00:00:00Z,2.0',
    'b,2024-01-05T00:00:00Z,50.0',
  ];

  it('keeps the latest row of each key, in whatever order the file has them', async () => {
    const { latest, rowsScanned } = await run(spec(await csvFile('history.csv', history)));
    expect(latest).toEqual([
      { key: 'a', t: micros('2024-01-03T00:00:00Z'), values: [3] },
      { key: 'b', t: micros('2024-01-05T00:00:00Z'), values: [50] },
    ]);
    expect(rowsScanned).toBe(5);
  });

  it('reads only rows in the window [start, end)', async () => {
    const window = { startMicros: micros('2024-01-01T00:00:00Z'), endMicros: micros('2024-01-03T00:00:00Z') };
    const { latest, rowsScanned } = await run(spec(await csvFile('window.csv', history), { window }));
    expect(latest).toEqual([
      { key: 'a', t: micros('2024-01-02T00:00:00Z'), values: [2] },
      { key: 'b', t: micros('2024-01-01T00:00:00Z'), values: [10] },
    ]);
    expect(rowsScanned).toBe(3);
  });

  it('scans only rows newer than what the store holds for each key', async () => {
    const path = await csvFile('held.csv', history);
    const { latest, rowsScanned } = await run(spec(path), [
      ['a', micros('2024-01-02T00:00:00Z')],
      ['b', micros('2024-01-05T00:00:00Z')],
    ]);
    expect(latest).toEqual([{ key: 'a', t: micros('2024-01-03T00:00:00Z'), values: [3] }]);
    expect(rowsScanned).toBe(1);
  });

  it('gives rows of one key at the same event time to the last in the file, in CSV and Parquet alike', async () => {
    const path = await csvFile('ties.csv', ['id,ts,x', 'a,2024-01-01T00:00:00Z,1.0', 'a,2024-01-01T00:00:00Z,2.0', 'a,2023-01-01T00:00:00Z,9.0', 'a,2024-01-01T00:00:00Z,3.0']);
    expect((await run(spec(path))).latest).toEqual([{ key: 'a', t: micros('2024-01-01T00:00:00Z'), values: [3] }]);
    await connection.run(`DROP TABLE ${HELD_TABLE}; DROP TABLE ${LATEST_TABLE}`);
    const parquet = await parquetFrom(path);
    expect((await run(spec(parquet, { format: 'parquet' }))).latest).toEqual([{ key: 'a', t: micros('2024-01-01T00:00:00Z'), values: [3] }]);
  });

  it('leaves out rows with no key, an empty key, or no event time', async () => {
    const path = await csvFile('gaps.csv', ['id,ts,x', ',2024-01-01T00:00:00Z,1.0', '"",2024-01-01T00:00:00Z,2.0', 'c,,3.0', 'd,2024-01-01T00:00:00Z,4.0']);
    const { latest, rowsScanned } = await run(spec(path));
    expect(latest.map((row) => row.key)).toEqual(['d']);
    expect(rowsScanned).toBe(1);
  });

  it('writes feature values JSON-safe: NaN and infinities as text, integers beyond 2^53 as decimal text, timestamps in ISO 8601', async () => {
    const path = await csvFile('types.csv', [
      'id,ts,f,i,s,b,when',
      'nan,2024-01-01T00:00:00Z,NaN,9007199254740993,"say ""hi""\\",true,2024-02-03T04:05:06.789Z',
      'inf,2024-01-01T00:00:00Z,Infinity,-3,,false,',
      'ninf,2024-01-01T00:00:00Z,-Infinity,0,é,,2024-02-03T00:00:00Z',
    ]);
    const types: Array<[string, FeatureValueType]> = [
      ['f', 'float'],
      ['i', 'integer'],
      ['s', 'string'],
      ['b', 'boolean'],
      ['when', 'timestamp'],
    ];
    const { latest } = await run(spec(path, { columns: ['id', 'ts', 'f', 'i', 's', 'b', 'when'], features: types.map(([column, type]) => ({ column, type })) }));
    expect(latest).toEqual([
      { key: 'inf', t: expect.any(Number), values: ['Infinity', -3, null, false, null] },
      { key: 'nan', t: expect.any(Number), values: ['NaN', '9007199254740993', 'say "hi"\\', true, '2024-02-03T04:05:06.789Z'] },
      { key: 'ninf', t: expect.any(Number), values: ['-Infinity', 0, 'é', null, '2024-02-03T00:00:00.000Z'] },
    ]);
  });

  it('reads a date as midnight UTC and keeps microseconds of a timestamp', async () => {
    const path = await csvFile('dates.csv', ['id,day', 'a,2024-03-01']);
    const { latest } = await run(spec(path, { columns: ['id', 'day'], timestampColumn: 'day', features: [{ column: 'day', type: 'string' }] }));
    expect(latest).toEqual([{ key: 'a', t: micros('2024-03-01T00:00:00Z'), values: ['2024-03-01'] }]);
    await connection.run(`DROP TABLE ${HELD_TABLE}; DROP TABLE ${LATEST_TABLE}`);
    const precise = await csvFile('precise.csv', ['id,ts,x', 'a,2024-01-01 00:00:00.123456,1']);
    expect((await run(spec(precise))).latest[0].t).toBe(1_704_067_200_123_456);
  });

  it('gives integer entities their canonical decimal key, and no key to a fractional number', async () => {
    const cases: Array<[LogicalType, string[], string[]]> = [
      ['integer', ['id,ts,x', '17,2024-01-01T00:00:00Z,1', '-5,2024-01-01T00:00:00Z,1'], ['-5', '17']],
      ['float', ['id,ts,x', '17.0,2024-01-01T00:00:00Z,1', '17.5,2024-01-01T00:00:00Z,1'], ['17']],
      ['string', ['id,ts,x', '"017",2024-01-01T00:00:00Z,1', '"x",2024-01-01T00:00:00Z,1'], ['17']],
    ];
    for (const [columnType, lines, keys] of cases) {
      const path = await csvFile(`int-${columnType}.csv`, lines);
      const { latest } = await run(spec(path, { joinKey: { column: 'id', columnType, keyType: 'integer' } }));
      expect(latest.map((row) => row.key)).toEqual(keys);
      await connection.run(`DROP TABLE ${HELD_TABLE}; DROP TABLE ${LATEST_TABLE}`);
    }
  });

  it('quotes column names, so any header is read safely', async () => {
    const path = await csvFile('names.csv', ['"the ""id""",ts,"x; DROP TABLE held"', 'a,2024-01-01T00:00:00Z,1.5']);
    const { latest } = await run(
      spec(path, { columns: ['the "id"', 'ts', 'x; DROP TABLE held'], joinKey: { column: 'the "id"', columnType: 'string', keyType: 'string' }, features: [{ column: 'x; DROP TABLE held', type: 'float' }] }),
    );
    expect(latest).toEqual([{ key: 'a', t: micros('2024-01-01T00:00:00Z'), values: [1.5] }]);
  });
});
