import fc from 'fast-check';
import type { TableFormat } from '@galley/contracts';
import { pointInTimeJoin, pointInTimeJoinWith } from './point-in-time-join';
import { referencePointInTime } from './point-in-time.reference';
import type { ReferenceView } from './point-in-time.reference';
import { outputPath, readParquetRows, writeTable } from './point-in-time.test-builder';
import { TabularError } from './tabular.errors';
import { TestTables } from './test-table.builder';
import type { Cell } from './test-table.builder';

// Small domains on purpose: few keys and few distinct seconds make ties, exact-time matches, TTL
// boundaries and missing entities common in every generated case.
const SECONDS = 12;
const iso = (second: number): string => `2024-01-01T00:00:${String(second).padStart(2, '0')}Z`;

const format = fc.constantFrom<TableFormat>('csv', 'jsonl', 'parquet');
/** Integer keys, or text keys some of which look like numbers (a CSV reader types those BIGINT). */
const keyKind = fc.constantFrom('integer', 'text');
const keyOf = (kind: string): fc.Arbitrary<Cell> => {
  const key: fc.Arbitrary<Cell> = kind === 'integer' ? fc.integer({ min: 0, max: 3 }) : fc.constantFrom('a', 'b', '1', '2');
  return fc.option(key, { freq: 6, nil: null });
};
const second = fc.integer({ min: 0, max: SECONDS });

const scenario = keyKind.chain((kind) =>
  fc.record({
    spineFormat: format,
    spine: fc.array(
      fc.record({
        k1: keyOf(kind),
        k2: keyOf(kind),
        // Rarely null: a null entity time is an error, checked as such.
        time: fc.option(second, { freq: 25, nil: null }),
      }),
      { minLength: 1, maxLength: 15 },
    ),
    views: fc.array(
      fc.record({
        format,
        joinKey: fc.constantFrom('k1', 'k2'),
        ttl: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 })),
        rows: fc.array(
          fc.record({
            key: keyOf(kind),
            time: fc.option(second, { freq: 8, nil: null }),
            value: fc.option(fc.integer({ min: 0, max: 1000 }), { freq: 8, nil: null }),
          }),
          { minLength: 1, maxLength: 20 },
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  }),
);

let tables: TestTables;
let files = 0;

beforeAll(async () => {
  tables = await TestTables.create();
});
afterAll(() => tables.dispose());

describe('pointInTimeJoin against a brute-force reference', () => {
  // `auto` packs the ASOF order key (always possible for such small files); `fetch` is the path for
  // files whose time range and row count do not fit 63 bits. Both must give the same answers.
  it.each(['auto', 'fetch'] as const)('gives every entity row the value the documented semantics give it (%s)', async (strategy) => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ spineFormat, spine, views }) => {
        const spinePath = await writeTable(
          tables,
          `spine-${++files}`,
          spineFormat,
          spine.map((row, n) => ({ n, k1: row.k1, k2: row.k2, ts: row.time === null ? null : iso(row.time) })),
        );
        const joinViews = await Promise.all(
          views.map(async (view, i) => ({
            name: `view-${i}`,
            path: await writeTable(
              tables,
              `view-${++files}`,
              view.format,
              view.rows.map((row) => ({ [view.joinKey]: row.key, ts: row.time === null ? null : iso(row.time), value: row.value })),
            ),
            format: view.format,
            joinKey: view.joinKey,
            timestampColumn: 'ts',
            features: [{ name: 'value', column: 'value' }],
            ttlSeconds: view.ttl,
          })),
        );
        const output = outputPath(tables);
        const request = { spine: { path: spinePath, format: spineFormat, joinKeys: ['k1', 'k2'], timestampColumn: 'ts' }, views: joinViews, outputPath: output };

        const untimed = spine.filter((row) => row.time === null).length;
        if (untimed > 0) {
          await expect(pointInTimeJoinWith(request, { strategy })).rejects.toMatchObject({ code: 'missing_timestamp', details: { rows: untimed } });
          return;
        }
        const result = await pointInTimeJoinWith(request, { strategy });
        const rows = await readParquetRows(output);
        const expected = referencePointInTime(
          spine.map((row) => ({ keys: { k1: row.k1, k2: row.k2 }, time: row.time ?? 0 })),
          views.map((view): ReferenceView => ({ joinKey: view.joinKey, ttl: view.ttl, rows: view.rows })),
        );
        expect(result.rowCount).toBe(spine.length);
        expect(rows.map((row) => row.n)).toEqual(spine.map((_, n) => n));
        expect(rows.map((row) => views.map((_, i) => row[`view-${i}__value`]))).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  }, 180_000);

  it('refuses entity rows without times whatever else the files hold', async () => {
    const error = await pointInTimeJoin({
      spine: { path: await writeTable(tables, 'untimed', 'jsonl', [{ k1: 1, ts: null }]), format: 'jsonl', joinKeys: ['k1'], timestampColumn: 'ts' },
      views: [],
      outputPath: outputPath(tables),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TabularError);
    expect(error).toMatchObject({ code: 'missing_timestamp', details: { rows: 1 } });
  });
});
