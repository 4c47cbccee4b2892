import { finalLine, formatDuration, statusOf, summaryTable, totals, type StepOutcome } from './summary';

const outcome = (overrides: Partial<StepOutcome>): StepOutcome => ({
  title: 'step',
  status: 'passed',
  passed: 0,
  failed: 0,
  skipped: 0,
  durationMs: 1000,
  ...overrides,
});

describe('finalLine', () => {
  it('names passed and failed, and skipped only when some were', () => {
    expect(finalLine({ passed: 12, failed: 0, skipped: 0 })).toBe('12 passed, 0 failed');
    expect(finalLine({ passed: 12, failed: 1, skipped: 3 })).toBe('12 passed, 1 failed, 3 skipped');
  });
});

describe('totals', () => {
  it('adds up every step', () => {
    const steps = [outcome({ passed: 1 }), outcome({ passed: 40, failed: 2, skipped: 1 }), outcome({ skipped: 1, status: 'skipped' })];
    expect(totals(steps)).toEqual({ passed: 41, failed: 2, skipped: 2 });
  });
});

describe('statusOf', () => {
  it('fails a step with any failure and skips a step that only skipped', () => {
    expect(statusOf({ passed: 9, failed: 1, skipped: 0 })).toBe('failed');
    expect(statusOf({ passed: 0, failed: 0, skipped: 1 })).toBe('skipped');
    expect(statusOf({ passed: 3, failed: 0, skipped: 1 })).toBe('passed');
  });
});

describe('summaryTable', () => {
  it('lists each step with its counts, time and note, and a total row', () => {
    const table = summaryTable([
      outcome({ title: 'Lint', passed: 1, durationMs: 12_300 }),
      outcome({ title: 'Integration (PostgreSQL)', status: 'skipped', skipped: 1, note: 'no PostgreSQL at 127.0.0.1:5432' }),
    ]).split('\n');
    expect(table[0]).toMatch(/^step\s+result\s+passed\s+failed\s+skipped\s+time\s+note$/);
    expect(table[2]).toMatch(/^Lint\s+ok\s+1\s+0\s+0\s+12\.3 s$/);
    expect(table[3]).toMatch(/^Integration \(PostgreSQL\)\s+skip\s+0\s+0\s+1\s+1\.0 s\s+no PostgreSQL at 127\.0\.0\.1:5432$/);
    expect(table[5]).toMatch(/^total\s+ok\s+1\s+0\s+1\s+13\.3 s$/);
  });
});

describe('formatDuration', () => {
  it('uses seconds under a minute and minutes above', () => {
    expect(formatDuration(4_250)).toBe('4.3 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
  });
});
