import { DuckDBInstance } from '@duckdb/node-api';
import { inspectTable } from './inspect-table';
import { TestTables } from './test-table.builder';
import type { Cell, TestRow } from './test-table.builder';

// --- independent reference statistics, plain JS on the same arrays -------------------------------
const present = (values: Cell[]): Cell[] => values.filter((v) => v !== null);
const numbers = (values: Cell[]): number[] => present(values).map(Number);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const populationStd = (xs: number[]): number => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
};
/** Linear interpolation between closest ranks: h = (n - 1) p. */
const quantile = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * (sorted[Math.ceil(h)] - sorted[lo]);
};
const histogramCounts = (xs: number[]): number[] => {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const counts = new Array<number>(20).fill(0);
  for (const x of xs) counts[hi === lo ? 0 : Math.min(Math.floor(((x - lo) / (hi - lo)) * 20), 19)]++;
  return counts;
};
const topValues = (values: Cell[]): { value: Cell; count: number }[] => {
  const counts = new Map<Cell, number>();
  for (const v of present(values)) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (String(a.value) < String(b.value) ? -1 : 1))
    .slice(0, 10);
};

// --- a small table with nulls, ties and more than ten distinct strings ----------------------------
const CITIES = ['Oslo', 'Lima', 'Kyiv', 'Baku', 'Bern', 'Doha', 'Riga', 'Rome', 'Sofia', 'Tunis', 'Vaduz', 'Minsk'];
const rows: TestRow[] = Array.from({ length: 40 }, (_, i) => ({
  id: i % 9 === 4 ? null : i * 3 - 20,
  score: i % 7 === 3 ? null : ((i * 37) % 101) / 8,
  city: i % 11 === 10 ? null : CITIES[i < 24 ? i % 12 : (i * 7) % 12],
  active: i % 6 === 5 ? null : i % 3 === 0,
  day: `2024-02-${String((i % 28) + 1).padStart(2, '0')}`,
}));
const column = (name: string): Cell[] => rows.map((row) => row[name]);

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so a failure can be reproduced. */
const randomSource = (seed: number): (() => number) => {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
};

/** DuckDB's own quantile_cont over the same file: the quantiles must be exactly these numbers. */
const duckdbQuantiles = async (path: string, name: string): Promise<number[]> => {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(
      `SELECT quantile_cont(CAST("${name}" AS DOUBLE), [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]) AS q FROM read_csv('${path}')`,
    );
    connection.closeSync();
    const q = reader.getRowObjectsJS()[0].q;
    return Array.isArray(q) ? q.map(Number) : [];
  } finally {
    instance.closeSync();
  }
};

describe('inspectTable', () => {
  let tables: TestTables;
  beforeAll(async () => {
    tables = await TestTables.create();
  });
  afterAll(async () => {
    await tables.dispose();
  });

  it('infers the schema and counts rows', async () => {
    const { schema, rowCount } = await inspectTable(await tables.csv('schema.csv', rows), 'csv');
    expect(rowCount).toBe(40);
    expect(schema).toEqual([
      { name: 'id', type: 'BIGINT', logicalType: 'integer', nullable: true },
      { name: 'score', type: 'DOUBLE', logicalType: 'float', nullable: true },
      { name: 'city', type: 'VARCHAR', logicalType: 'string', nullable: true },
      { name: 'active', type: 'BOOLEAN', logicalType: 'boolean', nullable: true },
      { name: 'day', type: 'DATE', logicalType: 'date', nullable: false },
    ]);
  });

  it.each(['id', 'score'])('profiles numeric column %s exactly', async (name) => {
    const { profile } = await inspectTable(await tables.csv(`numeric-${name}.csv`, rows), 'csv');
    const col = profile.columns.find((c) => c.name === name);
    const xs = numbers(column(name));
    expect(col).toMatchObject({
      count: xs.length,
      nullCount: 40 - xs.length,
      nullFraction: (40 - xs.length) / 40,
      distinctCount: new Set(xs).size,
      min: Math.min(...xs),
      max: Math.max(...xs),
      topValues: null,
      formulaLikeCount: 0,
    });
    expect(col?.mean).toBeCloseTo(mean(xs), 10);
    expect(col?.std).toBeCloseTo(populationStd(xs), 10);
    const expected = { p01: 0.01, p05: 0.05, p25: 0.25, p50: 0.5, p75: 0.75, p95: 0.95, p99: 0.99 };
    for (const [key, p] of Object.entries(expected)) {
      expect(col?.quantiles?.[key as keyof typeof expected]).toBeCloseTo(quantile(xs, p), 10);
    }
    expect(col?.histogram?.counts).toEqual(histogramCounts(xs));
    expect(col?.histogram?.edges).toHaveLength(21);
    expect(col?.histogram?.edges[0]).toBe(Math.min(...xs));
    expect(col?.histogram?.edges[20]).toBe(Math.max(...xs));
  });

  it('profiles a string column: distinct, min/max and the top ten by count then value', async () => {
    const { profile } = await inspectTable(await tables.csv('strings.csv', rows), 'csv');
    const col = profile.columns.find((c) => c.name === 'city');
    const values = present(column('city')) as string[];
    expect(new Set(values).size).toBeGreaterThan(10);
    expect(col).toMatchObject({
      count: values.length,
      nullCount: 40 - values.length,
      distinctCount: new Set(values).size,
      min: [...values].sort()[0],
      max: [...values].sort()[values.length - 1],
      mean: null,
      std: null,
      quantiles: null,
      histogram: null,
    });
    expect(col?.topValues).toEqual(topValues(column('city')));
  });

  it('profiles a boolean column with top values and no min/max', async () => {
    const { profile } = await inspectTable(await tables.csv('booleans.csv', rows), 'csv');
    const col = profile.columns.find((c) => c.name === 'active');
    expect(col?.topValues).toEqual(topValues(column('active')));
    expect(col).toMatchObject({ min: null, max: null, distinctCount: 2, nullCount: 6 });
  });

  it('reports dates as ISO strings', async () => {
    const { profile } = await inspectTable(await tables.csv('dates.csv', rows), 'csv');
    expect(profile.columns.find((c) => c.name === 'day')).toMatchObject({ min: '2024-02-01', max: '2024-02-28', distinctCount: 28 });
  });

  it('profiles numeric columns longer than one DuckDB chunk exactly, quantiles equal to quantile_cont bit for bit', async () => {
    const random = randomSource(42);
    // 5,003 rows: several 2,048-row chunks; repeated values, nulls, negatives, integers and floats.
    const wide: TestRow[] = Array.from({ length: 5003 }, (_, i) => ({
      amount: i % 17 === 0 ? null : Math.round((random() - 0.3) * 1e6) / 1e3,
      bucket: i % 13 === 0 ? null : Math.floor(random() * 700) - 100,
    }));
    const path = await tables.csv('wide.csv', wide);
    const { profile } = await inspectTable(path, 'csv');
    for (const name of ['amount', 'bucket']) {
      const col = profile.columns.find((c) => c.name === name);
      const xs = numbers(wide.map((row) => row[name]));
      expect(col).toMatchObject({ count: xs.length, distinctCount: new Set(xs).size, min: Math.min(...xs), max: Math.max(...xs) });
      expect(col?.histogram?.counts).toEqual(histogramCounts(xs));
      expect(Object.values(col?.quantiles ?? {})).toEqual(await duckdbQuantiles(path, name));
      for (const [key, p] of Object.entries({ p01: 0.01, p25: 0.25, p50: 0.5, p99: 0.99 })) {
        expect(col?.quantiles?.[key as 'p01']).toBeCloseTo(quantile(xs, p), 9);
      }
    }
  });

  it('counts distinct integers beyond 2^53 exactly, where doubles would merge them', async () => {
    const raw = 'big\n9007199254740992\n9007199254740993\n9007199254740993\n9007199254740995\n';
    const { profile } = await inspectTable(await tables.raw('big.csv', raw), 'csv');
    expect(profile.columns[0]).toMatchObject({ type: 'BIGINT', distinctCount: 3, min: '9007199254740992', max: '9007199254740995' });
  });

  it('counts NaN as one value and -0 as 0, and gives no histogram or non-finite statistics for NaN and Infinity', async () => {
    const { profile } = await inspectTable(await tables.raw('nan.csv', 'x\n1\nnan\n-0.0\ninf\n0\nNaN\n'), 'csv');
    expect(profile.columns[0]).toMatchObject({ type: 'DOUBLE', count: 6, distinctCount: 4, max: null, mean: null, std: null, histogram: null, quantiles: null });
  });

  it('reports the std of values too large for DuckDB stddev_pop instead of failing', async () => {
    const { profile } = await inspectTable(await tables.raw('huge.csv', 'x\n1e300\n-1e300\n1e300\n'), 'csv');
    expect(profile.columns[0]).toMatchObject({ count: 3, std: null });
    const { profile: fine } = await inspectTable(await tables.raw('large.csv', 'x\n1e150\n-1e150\n'), 'csv');
    expect(fine.columns[0].std).toBeCloseTo(1e150, -140);
  });

  it('puts every value of a constant column in the first bin', async () => {
    const { profile } = await inspectTable(await tables.csv('constant.csv', [{ k: 7 }, { k: 7 }, { k: null }]), 'csv');
    const counts = new Array<number>(20).fill(0);
    counts[0] = 2;
    expect(profile.columns[0]).toMatchObject({ std: 0, histogram: { counts, edges: new Array<number>(21).fill(7) } });
  });

  it('counts the maximum in the last, closed bin', async () => {
    const { profile } = await inspectTable(await tables.csv('edges.csv', [0, 1, 19, 20].map((x) => ({ x }))), 'csv');
    expect(profile.columns[0].histogram?.counts[19]).toBe(2);
    expect(profile.columns[0].histogram?.counts[0]).toBe(1);
    expect(profile.columns[0].histogram?.counts[1]).toBe(1);
  });

  it('gives the same profile for the same data as CSV, JSON Lines and Parquet', async () => {
    const csv = await inspectTable(await tables.csv('same.csv', rows), 'csv');
    const jsonl = await inspectTable(await tables.jsonl('same.jsonl', rows), 'jsonl');
    const parquet = await inspectTable(await tables.parquet('same.parquet', rows), 'parquet');
    // DuckDB's JSON reader types integer columns with negative values HUGEINT where CSV says BIGINT;
    // the logical type, and every statistic, is the same.
    const withoutDuckDBType = ({ schema, rowCount, profile }: typeof csv): unknown => ({
      rowCount,
      schema: schema.map(({ type: _type, ...rest }) => rest),
      columns: profile.columns.map(({ type: _type, ...rest }) => rest),
    });
    expect(withoutDuckDBType(jsonl)).toEqual(withoutDuckDBType(csv));
    expect(parquet).toEqual(csv);
    expect(jsonl.schema.map((c) => c.type)).toEqual(['HUGEINT', 'DOUBLE', 'VARCHAR', 'BOOLEAN', 'DATE']);
  });

  it('flags formula-like cells without changing them', async () => {
    const notes = ['=SUM(A1:A2)', '+cmd', '-5', '@x', 'plain', '-', '\tx', 'a=b', '+1.5'];
    const { profile } = await inspectTable(await tables.csv('formulas.csv', notes.map((note) => ({ note }))), 'csv');
    expect(profile.columns[0]).toMatchObject({ logicalType: 'string', formulaLikeCount: 5 });
    expect(profile.columns[0].topValues?.map((t) => t.value)).toContain('=SUM(A1:A2)');
  });

  it('accepts a CSV with only a header as a table of 0 rows', async () => {
    const { rowCount, schema, profile } = await inspectTable(await tables.raw('header.csv', 'a,b\n'), 'csv');
    expect(rowCount).toBe(0);
    expect(schema.map((c) => c.name)).toEqual(['a', 'b']);
    expect(profile.columns[0]).toMatchObject({ count: 0, nullCount: 0, nullFraction: 0, topValues: [] });
  });

  it('reads a path containing a single quote', async () => {
    const { rowCount } = await inspectTable(await tables.csv("it's here.csv", rows), 'csv');
    expect(rowCount).toBe(40);
  });
});
