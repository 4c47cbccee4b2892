import type { TableFormat } from '@galley/contracts';
import { featureColumnName, pointInTimeJoin } from './point-in-time-join';
import type { PointInTimeResult, PointInTimeView } from './point-in-time-join';
import { outputPath, parquetInRowGroups, readParquetRows, writeTable } from './point-in-time.test-builder';
import type { JsonSafe } from './json-safe';
import { TabularError } from './tabular.errors';
import { TestTables } from './test-table.builder';
import type { TestRow } from './test-table.builder';

/** An instant on 2024-01-01 (UTC), e.g. `at('10:00')`, or on another day with `at('10:00', 2)`. */
const at = (time: string, day = 1): string => `2024-01-${String(day).padStart(2, '0')}T${time}:00Z`;

interface ViewSpec {
  name?: string;
  rows: TestRow[];
  format?: TableFormat;
  joinKey?: string;
  timestampColumn?: string;
  features?: Array<{ name: string; column: string }>;
  ttlSeconds?: number;
}

interface SpineSpec {
  rows: TestRow[];
  format?: TableFormat;
  joinKeys?: string[];
  timestampColumn?: string;
}

let tables: TestTables;
let files = 0;

beforeAll(async () => {
  tables = await TestTables.create();
});
afterAll(() => tables.dispose());

async function viewOf(spec: ViewSpec): Promise<PointInTimeView> {
  const format = spec.format ?? 'csv';
  return {
    name: spec.name ?? 'stats',
    path: await writeTable(tables, `view-${++files}`, format, spec.rows),
    format,
    joinKey: spec.joinKey ?? 'id',
    timestampColumn: spec.timestampColumn ?? 'ts',
    features: spec.features ?? [{ name: 'value', column: 'value' }],
    ttlSeconds: spec.ttlSeconds ?? 0,
  };
}

async function pit(spine: SpineSpec, views: ViewSpec[]): Promise<{ result: PointInTimeResult; rows: Record<string, JsonSafe>[] }> {
  const format = spine.format ?? 'csv';
  const output = outputPath(tables);
  const result = await pointInTimeJoin({
    spine: {
      path: await writeTable(tables, `spine-${++files}`, format, spine.rows),
      format,
      joinKeys: spine.joinKeys ?? ['id'],
      timestampColumn: spine.timestampColumn ?? 'ts',
    },
    views: await Promise.all(views.map(viewOf)),
    outputPath: output,
  });
  return { result, rows: await readParquetRows(output) };
}

/** The one feature column of a single-view join, per entity row. */
async function values(spine: TestRow[], view: ViewSpec): Promise<JsonSafe[]> {
  const { rows } = await pit({ rows: spine }, [view]);
  return rows.map((row) => row['stats__value']);
}

async function failure(promise: Promise<unknown>): Promise<TabularError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TabularError);
  return error as TabularError;
}

describe('pointInTimeJoin: which value an entity row gets', () => {
  const history = [
    { id: 1, ts: at('09:00'), value: 10 },
    { id: 1, ts: at('11:00'), value: 11 },
    { id: 2, ts: at('08:00'), value: 20 },
  ];

  it('takes a value whose event time equals the row time', async () => {
    expect(await values([{ id: 1, ts: at('11:00') }], { rows: history })).toEqual([11]);
  });

  it('takes the latest earlier value and never one from after the row time', async () => {
    expect(await values([{ id: 1, ts: at('10:59') }, { id: 1, ts: at('12:00') }], { rows: history })).toEqual([10, 11]);
  });

  it('is null before the first value of the entity', async () => {
    expect(await values([{ id: 1, ts: at('08:59') }], { rows: history })).toEqual([null]);
  });

  it('is null for an entity the source does not have, and for a null key', async () => {
    expect(await values([{ id: 3, ts: at('12:00') }, { id: null, ts: at('12:00') }, { id: 2, ts: at('12:00') }], { rows: history })).toEqual([null, null, 20]);
  });

  it('does not depend on the order of the source rows', async () => {
    const shuffled = [history[1], history[2], history[0]];
    expect(await values([{ id: 1, ts: at('10:00') }, { id: 1, ts: at('11:30') }], { rows: shuffled })).toEqual([10, 11]);
  });

  it('ignores source rows without an event time', async () => {
    const rows = [...history, { id: 1, ts: null, value: 99 }];
    expect(await values([{ id: 1, ts: at('10:00') }], { rows })).toEqual([10]);
  });

  it('keeps a null feature value of the chosen row rather than an older non-null one', async () => {
    const rows = [...history, { id: 1, ts: at('10:00'), value: null }];
    expect(await values([{ id: 1, ts: at('10:30') }], { rows })).toEqual([null]);
  });
});

describe('pointInTimeJoin: TTL', () => {
  const history = [{ id: 1, ts: at('09:00'), value: 10 }];

  it('keeps a value exactly ttlSeconds old (the boundary is inclusive) and drops one a second older', async () => {
    const spine = [{ id: 1, ts: at('10:00') }, { id: 1, ts: '2024-01-01T10:00:01Z' }];
    expect(await values(spine, { rows: history, ttlSeconds: 3600 })).toEqual([10, null]);
  });

  it('never expires a value when ttlSeconds is 0', async () => {
    expect(await values([{ id: 1, ts: at('09:00', 31) }], { rows: history, ttlSeconds: 0 })).toEqual([10]);
  });

  it('expires the latest value rather than falling back to anything older', async () => {
    const rows = [...history, { id: 1, ts: at('05:00'), value: 5 }];
    expect(await values([{ id: 1, ts: at('11:00') }], { rows, ttlSeconds: 3600 })).toEqual([null]);
  });

  it('rejects a negative or fractional ttl', async () => {
    const error = await failure(pit({ rows: [{ id: 1, ts: at('10:00') }] }, [{ rows: history, ttlSeconds: -1 }]));
    expect(error).toMatchObject({ code: 'invalid_argument', details: { view: 'stats' } });
    await expect(pit({ rows: [{ id: 1, ts: at('10:00') }] }, [{ rows: history, ttlSeconds: 1.5 }])).rejects.toMatchObject({ code: 'invalid_argument' });
  });
});

describe('pointInTimeJoin: ties (same key, same event time)', () => {
  it.each(['csv', 'jsonl', 'parquet'] as const)('takes the row that comes last in the %s source file', async (format) => {
    const rows = [
      { id: 1, ts: at('09:00'), value: 1 },
      { id: 1, ts: at('09:00'), value: 3 },
      { id: 2, ts: at('09:00'), value: 5 },
      { id: 1, ts: at('09:00'), value: 2 },
      { id: 2, ts: at('09:00'), value: 4 },
    ];
    expect(await values([{ id: 1, ts: at('10:00') }, { id: 2, ts: at('09:00') }], { rows, format })).toEqual([2, 4]);
  });

  it('takes the last row even when its feature is null', async () => {
    const rows = [
      { id: 1, ts: at('09:00'), value: 1 },
      { id: 1, ts: at('09:00'), value: null },
    ];
    expect(await values([{ id: 1, ts: at('10:00') }], { rows })).toEqual([null]);
  });

  it('takes all features of a view from the same winning row', async () => {
    const rows = [
      { id: 1, ts: at('09:00'), a: 1, b: 'x' },
      { id: 1, ts: at('09:00'), a: 2, b: null },
    ];
    const features = [
      { name: 'a', column: 'a' },
      { name: 'b', column: 'b' },
    ];
    const { rows: out } = await pit({ rows: [{ id: 1, ts: at('10:00') }] }, [{ rows, features }]);
    expect(out).toEqual([{ id: 1, ts: at('10:00').replace('Z', '.000Z'), stats__a: 2, stats__b: null }]);
  });
});

describe('pointInTimeJoin: the output', () => {
  it('keeps every entity-row column and row, in order, and appends <view>__<feature> columns', async () => {
    const spine = [
      { id: 2, ts: at('12:00'), label: 'b' },
      { id: 1, ts: at('10:00'), label: 'a' },
      { id: 2, ts: at('07:00'), label: 'c' },
      { id: 1, ts: at('10:00'), label: 'd' },
    ];
    const rows = [
      { id: 1, ts: at('09:00'), value: 10, other: 'x' },
      { id: 2, ts: at('08:00'), value: 20, other: 'y' },
    ];
    const features = [
      { name: 'other_feature', column: 'other' },
      { name: 'value', column: 'value' },
    ];
    const { result, rows: out } = await pit({ rows: spine }, [{ name: 'driver-stats', rows, features }]);
    expect(out.map((row) => Object.keys(row))).toEqual(Array(4).fill(['id', 'ts', 'label', 'driver-stats__other_feature', 'driver-stats__value']));
    expect(out.map((row) => [row.label, row['driver-stats__other_feature'], row['driver-stats__value']])).toEqual([
      ['b', 'y', 20],
      ['a', 'x', 10],
      ['c', null, null],
      ['d', 'x', 10],
    ]);
    expect(result).toEqual({
      rowCount: 4,
      columns: [
        { name: 'id', type: 'BIGINT', logicalType: 'integer', nullable: false },
        { name: 'ts', type: 'TIMESTAMP WITH TIME ZONE', logicalType: 'timestamp', nullable: false },
        { name: 'label', type: 'VARCHAR', logicalType: 'string', nullable: false },
        { name: 'driver-stats__other_feature', type: 'VARCHAR', logicalType: 'string', nullable: true },
        { name: 'driver-stats__value', type: 'BIGINT', logicalType: 'integer', nullable: true },
      ],
    });
  });

  it('keeps the order of a large Parquet spine (many row groups, several threads)', async () => {
    const spine = Array.from({ length: 5000 }, (_, i) => ({ id: (i * 7919) % 13, ts: `2024-01-01T00:${String(Math.floor(i / 100) % 60).padStart(2, '0')}:00Z`, n: i }));
    const rows = Array.from({ length: 13 }, (_, id) => ({ id, ts: at('00:00'), value: id * 10 }));
    const output = outputPath(tables);
    await pointInTimeJoin({
      spine: { path: await parquetInRowGroups(tables, 'long-spine', spine, 100), format: 'parquet', joinKeys: ['id'], timestampColumn: 'ts' },
      views: [await viewOf({ rows, format: 'parquet' })],
      outputPath: output,
    });
    const out = await readParquetRows(output);
    expect(out.map((row) => row.n)).toEqual(spine.map((row) => row.n));
    expect(out.map((row) => row.stats__value)).toEqual(spine.map((row) => row.id * 10));
  });

  it('names feature columns <view>__<feature>, keeping the hyphens of the view name', () => {
    expect(featureColumnName('driver-hourly', 'trips_today')).toBe('driver-hourly__trips_today');
  });

  it('refuses a feature column that would clash with an entity-row column', async () => {
    const error = await failure(pit({ rows: [{ id: 1, ts: at('10:00'), STATS__VALUE: 0 }] }, [{ rows: [{ id: 1, ts: at('09:00'), value: 1 }] }]));
    expect(error).toMatchObject({ code: 'duplicate_column', details: { column: 'stats__value', view: 'stats' } });
  });

  it('refuses a view that joins on a column that is not one of the spine join keys', async () => {
    const view = { rows: [{ id: 1, ts: at('09:00'), value: 1 }], joinKey: 'user_id' };
    await expect(pit({ rows: [{ id: 1, ts: at('10:00') }] }, [view])).rejects.toMatchObject({ code: 'invalid_argument', details: { column: 'user_id' } });
  });

  it('adds no column for a view without features', async () => {
    const { rows } = await pit({ rows: [{ id: 1, ts: at('10:00') }] }, [{ rows: [{ id: 1, ts: at('09:00'), value: 1 }], features: [] }]);
    expect(rows).toEqual([{ id: 1, ts: '2024-01-01T10:00:00.000Z' }]);
  });

  it('writes the spine unchanged when no view is requested', async () => {
    const { result, rows } = await pit({ rows: [{ id: 1, ts: at('10:00') }] }, []);
    expect(result.rowCount).toBe(1);
    expect(rows).toEqual([{ id: 1, ts: '2024-01-01T10:00:00.000Z' }]);
  });
});

describe('pointInTimeJoin: several views at once', () => {
  it('joins two views of the same entity and one of another entity, each with its own TTL', async () => {
    // driver-trips expires after an hour (inclusive); the others never do.
    const spine = [
      { driver: 1, rider: 'r1', ts: at('10:00') },
      { driver: 2, rider: 'r2', ts: at('10:00') },
      { driver: 1, rider: 'r2', ts: at('12:00') },
    ];
    const driverRows = [
      { driver: 1, ts: at('09:30'), trips: 3, rating: 4.5 },
      { driver: 1, ts: at('11:00'), trips: 4, rating: 4.6 },
      { driver: 2, ts: at('07:00'), trips: 9, rating: 3.9 },
    ];
    const riderRows = [
      { rider: 'r1', ts: at('09:59'), spend: 12.5 },
      { rider: 'r2', ts: at('10:01'), spend: 40 },
    ];
    const { rows } = await pit({ rows: spine, joinKeys: ['driver', 'rider'] }, [
      { name: 'driver-trips', rows: driverRows, joinKey: 'driver', features: [{ name: 'trips', column: 'trips' }], ttlSeconds: 3600 },
      { name: 'driver-rating', rows: driverRows, joinKey: 'driver', features: [{ name: 'rating', column: 'rating' }], format: 'parquet' },
      { name: 'rider', rows: riderRows, joinKey: 'rider', features: [{ name: 'spend', column: 'spend' }], format: 'jsonl' },
    ]);
    expect(rows.map((row) => [row['driver-trips__trips'], row['driver-rating__rating'], row['rider__spend']])).toEqual([
      [3, 4.5, 12.5],
      [null, 3.9, null],
      [4, 4.6, 40],
    ]);
  });
});

describe('pointInTimeJoin: keys and timestamps of different types', () => {
  it('matches string keys', async () => {
    const rows = [
      { id: 'a', ts: at('09:00'), value: 1 },
      { id: 'b', ts: at('09:00'), value: 2 },
    ];
    expect(await values([{ id: 'b', ts: at('10:00') }, { id: 'A', ts: at('10:00') }], { rows })).toEqual([2, null]);
  });

  it('matches an integer key in the entity rows with a text key in the source by value', async () => {
    const rows = [
      { id: '7', ts: at('09:00'), value: 1 },
      { id: '007', ts: at('09:00'), value: 2 },
      { id: 'x', ts: at('09:00'), value: 3 },
    ];
    // The CSV reader would read '7' as a number; JSON Lines keeps it text.
    expect(await values([{ id: 7, ts: at('10:00') }], { rows, format: 'jsonl' })).toEqual([1]);
  });

  it('matches keys of a JSON column that mixes numbers and strings by their text', async () => {
    const rows = [
      { id: 7, ts: at('09:00'), value: 1 },
      { id: 'k', ts: at('09:00'), value: 2 },
    ];
    expect(await values([{ id: 'k', ts: at('10:00') }, { id: '7', ts: at('10:00') }], { rows, format: 'jsonl' })).toEqual([2, 1]);
  });

  it('reads a DATE entity time as midnight UTC against TIMESTAMP event times', async () => {
    const rows = [
      { id: 1, ts: '2024-01-01 23:59:59', value: 1 },
      { id: 2, ts: '2024-01-02 00:00:00', value: 2 },
      { id: 3, ts: '2024-01-02 00:00:01', value: 3 },
    ];
    const spine = [1, 2, 3].map((id) => ({ id, ts: '2024-01-02' }));
    const { rows: out } = await pit({ rows: spine, format: 'parquet' }, [{ rows, format: 'parquet' }]);
    expect(out).toEqual([
      { id: 1, ts: '2024-01-02', stats__value: 1 },
      { id: 2, ts: '2024-01-02', stats__value: 2 },
      { id: 3, ts: '2024-01-02', stats__value: null },
    ]);
  });

  it('compares times with UTC offsets as instants', async () => {
    const rows = [
      { id: 1, ts: '2024-01-01T11:00:00+02:00', value: 1 },
      { id: 1, ts: '2024-01-01T09:30:00Z', value: 2 },
    ];
    // 11:00+02:00 is 09:00Z, so at 09:15Z only the first has happened.
    expect(await values([{ id: 1, ts: '2024-01-01T09:15:00Z' }, { id: 1, ts: '2024-01-01T04:35:00-05:00' }], { rows })).toEqual([1, 2]);
  });

  it('matches a time between whole seconds to the earlier second', async () => {
    const rows = [
      { id: 1, ts: '2024-01-01T09:00:00Z', value: 1 },
      { id: 1, ts: '2024-01-01T09:00:01Z', value: 2 },
    ];
    const spine = ['2024-01-01T08:59:59.999999Z', '2024-01-01T09:00:00.5Z', '2024-01-01T09:00:00.999999Z', '2024-01-01T09:00:01Z', '2030-01-01T00:00:00Z'].map((ts) => ({ id: 1, ts }));
    expect(await values(spine, { rows, format: 'parquet' })).toEqual([null, 1, 1, 2, 2]);
  });

  it('compares times before 1970', async () => {
    const rows = [
      { id: 1, ts: '1960-01-01T00:00:00Z', value: 1 },
      { id: 1, ts: '1969-12-31T23:59:59Z', value: 2 },
    ];
    const spine = ['1959-12-31T23:59:59Z', '1969-12-31T23:59:58.5Z', '1969-12-31T23:59:59.5Z'].map((ts) => ({ id: 1, ts }));
    expect(await values(spine, { rows })).toEqual([null, 1, 2]);
  });

  it('resolves ties in a source whose microsecond times span too many years to pack the order key', async () => {
    // 9998 years in microseconds (59 bits) and 40 rows (6 bits) do not fit 63 bits: the fetch path.
    const filler = Array.from({ length: 36 }, (_, i) => ({ id: 2, ts: '9999-12-31T00:00:00.000001Z', value: 100 + i }));
    const rows = [
      { id: 1, ts: '0001-01-01T00:00:00.000001Z', value: 1 },
      { id: 1, ts: '2024-01-01T09:00:00.000001Z', value: 2 },
      { id: 1, ts: '2024-01-01T09:00:00.000001Z', value: 3 },
      ...filler,
      { id: 1, ts: '2024-01-01T09:00:00.000002Z', value: 4 },
    ];
    const spine = ['2024-01-01T09:00:00.000001Z', '2024-01-01T09:00:00Z', '9999-12-31T23:59:59Z'].map((ts) => ({ id: 1, ts }));
    expect(await values(spine, { rows })).toEqual([3, 1, 4]);
  });

  it('rereads the source when a late event time is finer than the unit guessed from its first rows', async () => {
    // 5000 whole-second rows make the sample say "seconds"; a half second at the end says otherwise.
    const early = Array.from({ length: 5000 }, (_, i) => ({ id: i % 7, ts: `2024-01-01T08:${String(Math.floor(i / 100) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`, value: i }));
    const rows = [{ id: 99, ts: '2024-01-01T09:00:00Z', value: 0 }, ...early, { id: 99, ts: '2024-01-01T09:00:00.5Z', value: 1 }];
    const spine = ['2024-01-01T09:00:00.25Z', '2024-01-01T09:00:00.5Z'].map((ts) => ({ id: 99, ts }));
    expect(await values(spine, { rows, format: 'parquet' })).toEqual([0, 1]);
  });

  it('parses ISO 8601 text that the reader left as text', async () => {
    // Mixed precision keeps the JSON reader from detecting a timestamp column.
    const rows = [
      { id: 1, ts: '2024-01-01T09:00:00.5Z', value: 1 },
      { id: 1, ts: '2024-01-01T10:00:00Z', value: 2 },
    ];
    expect(await values([{ id: 1, ts: '2024-01-01T09:59:59.999Z' }], { rows, format: 'jsonl' })).toEqual([1]);
  });
});

describe('pointInTimeJoin: errors', () => {
  const rows = [{ id: 1, ts: at('09:00'), value: 1 }];
  const spine = [{ id: 1, ts: at('10:00') }];

  it('names a missing join key, timestamp or feature column and the view', async () => {
    await expect(pit({ rows: spine }, [{ rows, joinKey: 'id', features: [{ name: 'v', column: 'nope' }] }])).rejects.toMatchObject({
      code: 'missing_column',
      details: { column: 'nope', view: 'stats' },
      message: expect.stringMatching(/"nope" is not in feature view "stats"/),
    });
    await expect(pit({ rows: spine }, [{ rows, timestampColumn: 'event_time' }])).rejects.toMatchObject({ code: 'missing_column', details: { column: 'event_time', view: 'stats' } });
    await expect(pit({ rows: [{ user: 1, ts: at('10:00') }] }, [{ rows }])).rejects.toMatchObject({ code: 'missing_column', details: { column: 'id' }, message: expect.stringMatching(/entity rows/) });
    await expect(pit({ rows: spine, timestampColumn: 'when' }, [{ rows }])).rejects.toMatchObject({ code: 'missing_column', details: { column: 'when' } });
  });

  it('refuses a numeric timestamp column, naming it', async () => {
    const error = await failure(pit({ rows: spine }, [{ rows: [{ id: 1, ts: 1704099600, value: 1 }] }]));
    expect(error).toMatchObject({ code: 'not_a_timestamp', details: { column: 'ts', view: 'stats' } });
    expect(error.message).toMatch(/"ts" of feature view "stats" is BIGINT/);
  });

  it('refuses text that is not a timestamp, quoting a bad value', async () => {
    const error = await failure(pit({ rows: [{ id: 1, ts: 'yesterday' }, { id: 1, ts: at('10:00') }] }, [{ rows }]));
    expect(error).toMatchObject({ code: 'not_a_timestamp', details: { column: 'ts', rows: 1 } });
    expect(error.message).toMatch(/entity rows.*"yesterday"/);
  });

  it('refuses entity rows without a timestamp, counting them', async () => {
    const error = await failure(pit({ rows: [{ id: 1, ts: at('10:00') }, { id: 2, ts: null }, { id: 3, ts: null }] }, [{ rows }]));
    expect(error).toMatchObject({ code: 'missing_timestamp', details: { column: 'ts', rows: 2 } });
    expect(error.message).toMatch(/^2 entity row\(s\) have no timestamp/);
  });

  it('reports a malformed source as malformed_file', async () => {
    const bad = await tables.raw('bad-view.csv', 'id,ts,value\n1,2024-01-01T09:00:00Z,1\n2,"open\n');
    const output = outputPath(tables);
    const spinePath = await writeTable(tables, `spine-${++files}`, 'csv', spine);
    await expect(
      pointInTimeJoin({
        spine: { path: spinePath, format: 'csv', joinKeys: ['id'], timestampColumn: 'ts' },
        views: [{ name: 'bad', path: bad, format: 'csv', joinKey: 'id', timestampColumn: 'ts', features: [{ name: 'value', column: 'value' }], ttlSeconds: 0 }],
        outputPath: output,
      }),
    ).rejects.toMatchObject({ code: 'malformed_file' });
  });
});
