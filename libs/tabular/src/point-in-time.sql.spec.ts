import { orderPlan } from './point-in-time.sql';
import type { EventTimes } from './point-in-time.sources';

const YEAR_US = 365n * 86_400n * 1_000_000n;
const times = (rows: bigint, spanUs: bigint, unitUs: bigint): EventTimes => ({
  rows,
  unparsed: 0,
  example: null,
  missing: 0,
  minUs: 1_704_067_200_000_000n,
  maxUs: 1_704_067_200_000_000n + spanUs,
  unitUs,
  unitVerified: true,
});

describe('orderPlan: when the ASOF order key packs into a BIGINT', () => {
  it('packs a year of whole seconds over 10M rows (25 + 24 bits)', () => {
    expect(orderPlan(times(10_000_000n, YEAR_US, 1_000_000n))).toEqual({
      kind: 'packed',
      minUs: 1_704_067_200_000_000n,
      unitUs: 1_000_000n,
      spanUnits: 365n * 86_400n,
      rowBits: 24,
      verify: false,
    });
  });

  it('asks the join to check every time when the unit was only guessed from a sample', () => {
    expect(orderPlan({ ...times(10n, YEAR_US, 1_000_000n), unitVerified: false })).toMatchObject({ kind: 'packed', verify: true });
  });

  it('packs a year of milliseconds over 10M rows (35 + 24 bits)', () => {
    expect(orderPlan(times(10_000_000n, YEAR_US, 1_000n))).toMatchObject({ kind: 'packed', unitUs: 1_000n });
  });

  it('falls back to fetching the winner for a year of microseconds over 10M rows (45 + 24 bits)', () => {
    expect(orderPlan(times(10_000_000n, YEAR_US, 1n))).toEqual({ kind: 'fetch' });
  });

  it('packs right up to 63 bits and not one unit more', () => {
    // (span + 1) · 2^rowBits must stay ≤ 2^63 − 1; 4 rows take 3 bits.
    const largest = 2n ** 60n - 2n;
    expect(orderPlan(times(4n, largest, 1n)).kind).toBe('packed');
    expect(orderPlan(times(4n, largest + 1n, 1n)).kind).toBe('fetch');
  });

  it('packs a source without any event time', () => {
    expect(orderPlan({ ...times(3n, 0n, 1n), minUs: null, maxUs: null })).toMatchObject({ kind: 'packed', spanUnits: 0n });
  });
});
