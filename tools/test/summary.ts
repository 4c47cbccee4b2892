import type { Counts } from './reports';

export type StepStatus = 'passed' | 'failed' | 'skipped';

export interface StepOutcome extends Counts {
  title: string;
  status: StepStatus;
  durationMs: number;
}

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

export function totals(outcomes: readonly StepOutcome[]): Totals {
  return outcomes.reduce<Totals>(
    (sum, outcome) => ({
      passed: sum.passed + outcome.passed,
      failed: sum.failed + outcome.failed,
      skipped: sum.skipped + outcome.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
}

/** The status a step gets from its counts: any failure fails it; nothing run and something skipped skips it. */
export function statusOf(counts: Counts): StepStatus {
  if (counts.failed > 0) return 'failed';
  if (counts.passed === 0 && counts.skipped > 0) return 'skipped';
  return 'passed';
}

/** The very last line of `npm test`: `N passed, N failed`, plus `, N skipped` only when some were. */
export function finalLine(sum: Totals): string {
  return `${sum.passed} passed, ${sum.failed} failed${sum.skipped > 0 ? `, ${sum.skipped} skipped` : ''}`;
}

export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

const MARK: Record<StepStatus, string> = { passed: 'ok', failed: 'FAIL', skipped: 'skip' };

/** A plain-text table of every step: status, counts, time and a note. */
export function summaryTable(outcomes: readonly StepOutcome[]): string {
  const header = ['step', 'result', 'passed', 'failed', 'skipped', 'time', 'note'];
  const rows = outcomes.map((outcome) => [
    outcome.title,
    MARK[outcome.status],
    String(outcome.passed),
    String(outcome.failed),
    String(outcome.skipped),
    formatDuration(outcome.durationMs),
    outcome.note ?? '',
  ]);
  const sum = totals(outcomes);
  const totalMs = outcomes.reduce((ms, outcome) => ms + outcome.durationMs, 0);
  const footer = ['total', sum.failed > 0 ? 'FAIL' : 'ok', String(sum.passed), String(sum.failed), String(sum.skipped), formatDuration(totalMs), ''];
  const all = [header, ...rows, footer];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const numeric = new Set([2, 3, 4, 5]);
  const render = (row: string[]) =>
    row
      .map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [render(header), rule, ...rows.map(render), rule, render(footer)].join('\n');
}
