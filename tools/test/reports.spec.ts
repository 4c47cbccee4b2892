import { countJest, countPlaywright } from './reports';

const jestReport = (overrides: Record<string, unknown> = {}) => ({
  success: true,
  numTotalTests: 12,
  numPassedTests: 10,
  numFailedTests: 0,
  numPendingTests: 1,
  numTodoTests: 1,
  numRuntimeErrorTestSuites: 0,
  ...overrides,
});

const playwrightReport = (stats: Record<string, unknown>, errors: unknown[] = []) => ({
  config: {},
  suites: [],
  errors,
  stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0, ...stats },
});

describe('countJest', () => {
  it('counts passed, failed and pending/todo tests as skipped', () => {
    expect(countJest(jestReport(), 0)).toEqual({ passed: 10, failed: 0, skipped: 2 });
  });

  it('counts failed tests', () => {
    expect(countJest(jestReport({ success: false, numPassedTests: 8, numFailedTests: 2 }), 1)).toMatchObject({ passed: 8, failed: 2 });
  });

  it('counts a suite that failed to run as a failure', () => {
    const counts = countJest(jestReport({ success: false, numRuntimeErrorTestSuites: 1 }), 1);
    expect(counts.failed).toBe(1);
    expect(counts.note).toMatch(/1 suite failed to run/);
  });

  it('counts a non-zero exit with no failed test as one failure', () => {
    expect(countJest(jestReport(), 1)).toMatchObject({ passed: 10, failed: 1 });
  });

  it('counts a missing or malformed report as one failure', () => {
    expect(countJest(undefined, 1)).toEqual({ passed: 0, failed: 1, skipped: 0, note: 'jest wrote no report (exit 1)' });
    expect(countJest({ numPassedTests: 'many' }, 0).failed).toBe(1);
  });
});

describe('countPlaywright', () => {
  it('counts expected as passed, unexpected as failed and skipped', () => {
    expect(countPlaywright(playwrightReport({ expected: 7, unexpected: 2, skipped: 1 }), 1)).toEqual({ passed: 7, failed: 2, skipped: 1 });
  });

  it('counts flaky tests as passed and says so', () => {
    expect(countPlaywright(playwrightReport({ expected: 3, flaky: 1 }), 0)).toEqual({
      passed: 4,
      failed: 0,
      skipped: 0,
      note: '1 flaky (passed on retry)',
    });
  });

  it('counts an error outside tests as one failure', () => {
    expect(countPlaywright(playwrightReport({}, [{ message: 'globalSetup threw' }]), 1)).toMatchObject({ failed: 1 });
  });

  it('counts a missing report as one failure', () => {
    expect(countPlaywright(null, 1)).toMatchObject({ passed: 0, failed: 1 });
  });
});
