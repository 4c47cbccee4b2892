import { existsSync, readFileSync } from 'node:fs';

/** How many tests (or checks) one step passed, failed and skipped. */
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  /** A short remark for the summary table (flaky tests, suites that did not run, …). */
  note?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(record: Record<string, unknown>, key: string): number {
  const value = record[key];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

/** A step that crashed before it wrote a report: one failure, with the reason. */
export function crashed(note: string): Counts {
  return { passed: 0, failed: 1, skipped: 0, note };
}

function readJson(path: string): unknown {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Counts from Jest's `--json` output. A suite that could not run (a syntax error, a failing import)
 * has no failed tests, so it counts as one failure of its own; a non-zero exit with nothing failed
 * (an open handle, a crash after the tests) counts as one failure too.
 */
export function countJest(report: unknown, exitCode: number): Counts {
  if (!isRecord(report) || typeof report['numTotalTests'] !== 'number') {
    return crashed(`jest wrote no report (exit ${exitCode})`);
  }
  const brokenSuites = count(report, 'numRuntimeErrorTestSuites');
  const counts: Counts = {
    passed: count(report, 'numPassedTests'),
    failed: count(report, 'numFailedTests') + brokenSuites,
    skipped: count(report, 'numPendingTests') + count(report, 'numTodoTests'),
  };
  const notes: string[] = [];
  if (brokenSuites > 0) notes.push(`${brokenSuites} suite${brokenSuites === 1 ? '' : 's'} failed to run`);
  if (counts.failed === 0 && (exitCode !== 0 || report['success'] === false)) {
    counts.failed = 1;
    notes.push(`jest exited with code ${exitCode} although no test failed`);
  }
  if (notes.length > 0) counts.note = notes.join('; ');
  return counts;
}

export function countJestFile(path: string, exitCode: number): Counts {
  return countJest(readJson(path), exitCode);
}

/**
 * Counts from Playwright's JSON reporter: `expected` passed, `unexpected` failed, `flaky` passed on a
 * retry (counted as passed and named in the note). Errors outside tests (a global setup that threw)
 * or a non-zero exit with nothing failed count as one failure.
 */
export function countPlaywright(report: unknown, exitCode: number): Counts {
  const stats = isRecord(report) ? report['stats'] : undefined;
  if (!isRecord(report) || !isRecord(stats)) return crashed(`playwright wrote no report (exit ${exitCode})`);
  const flaky = count(stats, 'flaky');
  const counts: Counts = {
    passed: count(stats, 'expected') + flaky,
    failed: count(stats, 'unexpected'),
    skipped: count(stats, 'skipped'),
  };
  const notes: string[] = [];
  if (flaky > 0) notes.push(`${flaky} flaky (passed on retry)`);
  const errors = Array.isArray(report['errors']) ? report['errors'].length : 0;
  if (counts.failed === 0 && (errors > 0 || exitCode !== 0)) {
    counts.failed = 1;
    notes.push(errors > 0 ? `${errors} error${errors === 1 ? '' : 's'} outside tests` : `playwright exited with code ${exitCode}`);
  }
  if (notes.length > 0) counts.note = notes.join('; ');
  return counts;
}

export function countPlaywrightFile(path: string, exitCode: number): Counts {
  return countPlaywright(readJson(path), exitCode);
}
