import type { Expectation, ExpectationResult, ValidationOutcome, ValidationReport } from '@galley/contracts';
import { formatTime } from './format-units';

/** An expectation in words: `temp_max between -30 and 50`, `weather in {rain, sun}`. */
export function describeExpectation(expectation: Expectation): string {
  switch (expectation.kind) {
    case 'column_exists':
      return `column ${expectation.column} exists`;
    case 'column_type':
      return `${expectation.column} is ${expectation.type}`;
    case 'not_null':
      return expectation.maxNullFraction > 0
        ? `${expectation.column} at most ${percent(expectation.maxNullFraction)} null`
        : `${expectation.column} has no nulls`;
    case 'between':
      return `${expectation.column} ${range(expectation.min, expectation.max)}`;
    case 'in_set':
      return `${expectation.column} in {${listSome(expectation.values.map(String), 6)}}`;
    case 'unique':
      return `${expectation.column} is unique`;
    case 'matches_regex':
      return `${expectation.column} matches /${expectation.pattern}/`;
    case 'row_count_between':
      return `row count ${range(expectation.min, expectation.max)}`;
  }
}

export const OUTCOME_TEXT: Record<ValidationOutcome, string> = {
  passed: 'validation passed',
  warnings: 'validation passed with warnings',
  failed: 'validation failed',
  not_validated: 'not validated: no expectation suite',
};

/** The heading of a report: `Validation passed: 3 of 3 expectations met (suite revision 1, checked …)`. */
export function validationHeading(report: ValidationReport): string {
  const outcome = capitalise(OUTCOME_TEXT[report.outcome]);
  if (report.outcome === 'not_validated') return outcome;
  const met = report.results.filter((result) => result.success).length;
  return `${outcome}: ${met} of ${report.results.length} expectations met (suite revision ${report.suiteRevision}, checked ${formatTime(report.validatedAt)})`;
}

export const NOT_VALIDATED_HEADING = capitalise(OUTCOME_TEXT.not_validated);

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** One line per result (or per failing result), with what was observed and example rows for failures. */
export function validationResultLines(report: ValidationReport, which: 'all' | 'failing'): string[] {
  const results = which === 'all' ? report.results : report.results.filter((result) => !result.success);
  return results.map(resultLine);
}

function resultLine(result: ExpectationResult): string {
  const { expectation } = result;
  const mark = result.success ? '✓' : expectation.severity === 'blocking' ? '✗' : '!';
  const line = `  ${mark} ${describeExpectation(expectation)}${expectation.severity === 'warning' ? ' (warning)' : ''}`;
  if (result.success) return line;
  const details: string[] = [];
  if (result.unexpectedCount !== null) details.push(`${result.unexpectedCount} row${result.unexpectedCount === 1 ? '' : 's'}`);
  if (result.observed !== undefined && result.observed !== null) details.push(`observed ${compact(result.observed)}`);
  if (result.failingExamples.length > 0) {
    const examples = result.failingExamples.slice(0, 3).map((example) => `row ${example.row}: ${compact(example.value)}`);
    details.push(`e.g. ${examples.join(', ')}`);
  }
  return details.length > 0 ? `${line}: ${details.join('; ')}` : line;
}

function range(min: number | string | undefined, max: number | string | undefined): string {
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  if (min !== undefined) return `≥ ${min}`;
  return `≤ ${String(max)}`;
}

function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(3))}%`;
}

function listSome(values: readonly string[], shown: number): string {
  const head = values.slice(0, shown).join(', ');
  return values.length > shown ? `${head}, … ${values.length - shown} more` : head;
}

function compact(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
