import type { Expectation } from '@galley/contracts';
import { aReport, aResult } from '../catalog.test-builders';
import { describeExpectation, validationHeading, validationResultLines } from './format-validation';

describe('validation formatting', () => {
  it.each<[Expectation, string]>([
    [{ kind: 'column_exists', column: 'date', severity: 'blocking' }, 'column date exists'],
    [{ kind: 'column_type', column: 'date', type: 'date', severity: 'blocking' }, 'date is date'],
    [{ kind: 'not_null', column: 'date', maxNullFraction: 0, severity: 'blocking' }, 'date has no nulls'],
    [{ kind: 'not_null', column: 'sex', maxNullFraction: 0.05, severity: 'warning' }, 'sex at most 5% null'],
    [{ kind: 'between', column: 'temp_max', min: -30, max: 50, severity: 'blocking' }, 'temp_max between -30 and 50'],
    [{ kind: 'between', column: 'wind', min: 0, severity: 'blocking' }, 'wind ≥ 0'],
    [{ kind: 'in_set', column: 'weather', values: ['rain', 'sun'], severity: 'blocking' }, 'weather in {rain, sun}'],
    [{ kind: 'unique', column: 'id', severity: 'blocking' }, 'id is unique'],
    [{ kind: 'matches_regex', column: 'code', pattern: '^[A-Z]+$', severity: 'blocking' }, 'code matches /^[A-Z]+$/'],
    [{ kind: 'row_count_between', max: 10, severity: 'blocking' }, 'row count ≤ 10'],
  ])('describes %o as "%s"', (expectation, text) => {
    expect(describeExpectation(expectation)).toBe(text);
  });

  it('heads a report with its outcome and how many expectations were met', () => {
    const report = aReport({ outcome: 'failed', status: 'rejected', results: [aResult(), aResult({ success: false })] });
    expect(validationHeading(report)).toBe('Validation failed: 1 of 2 expectations met (suite revision 1, checked 2025-03-04 05:06)');
  });

  it('shows a failure with its row count, what was observed and example rows', () => {
    const failing = aResult({
      success: false,
      observed: { min: -1.6, max: 61.2 },
      unexpectedCount: 2,
      failingExamples: [
        { row: 181, value: 61.2 },
        { row: 200, value: 55 },
      ],
    });
    const report = aReport({ results: [aResult({ expectation: { kind: 'unique', column: 'date', severity: 'blocking' } }), failing] });

    expect(validationResultLines(report, 'failing')).toEqual([
      '  ✗ temp_max between -30 and 50: 2 rows; observed {"min":-1.6,"max":61.2}; e.g. row 181: 61.2, row 200: 55',
    ]);
    expect(validationResultLines(report, 'all')[0]).toBe('  ✓ date is unique');
  });

  it('marks a failed warning apart from a blocking failure', () => {
    const warning = aResult({
      expectation: { kind: 'not_null', column: 'sex', maxNullFraction: 0, severity: 'warning' },
      success: false,
      observed: 0.03,
      unexpectedCount: 11,
    });
    expect(validationResultLines(aReport({ results: [warning] }), 'failing')).toEqual(['  ! sex has no nulls (warning): 11 rows; observed 0.03']);
  });
});
