// `npm test`: every check of the repository, each step timed, and as the very last line of output
// `N passed, N failed` (`, N skipped` when some were). Exits 1 when anything failed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crashed, type Counts } from './reports';
import { parseTestArgs, SelectionError, TEST_USAGE } from './step-selection';
import { allSteps } from './steps';
import { finalLine, formatDuration, statusOf, summaryTable, totals, type StepOutcome } from './summary';

const repoRoot = resolve(__dirname, '../..');

function childEnvironment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NX_NO_CLOUD: 'true',
    NX_DAEMON: 'false',
    NX_TUI: 'false',
    NEXT_TELEMETRY_DISABLED: '1',
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseTestArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof SelectionError)) throw error;
    console.log(error.message);
    console.log(finalLine({ passed: 0, failed: 1, skipped: 0 }));
    return 1;
  }
  if (args.help) {
    console.log(TEST_USAGE);
    return 0;
  }

  const interrupt = new AbortController();
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal a moment after the first (not the same Ctrl-C delivered twice) means "now".
    if (firstSignalAt !== 0) {
      if (Date.now() - firstSignalAt > 2_000) process.exit(130);
      return;
    }
    firstSignalAt = Date.now();
    console.log(`\n${signal}: stopping the current step; the rest will not run.`);
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const steps = allSteps().filter((step) => args.groups.has(step.group));
  const reportDir = mkdtempSync(join(tmpdir(), 'galley-test-'));
  const env = childEnvironment();
  const outcomes: StepOutcome[] = [];
  const runStarted = Date.now();

  for (const [index, step] of steps.entries()) {
    if (interrupt.signal.aborted) break;
    console.log(`\n${'═'.repeat(78)}\n▶ [${index + 1}/${steps.length}] ${step.title}   ${step.command}\n${'═'.repeat(78)}`);
    const started = Date.now();
    const timeout = AbortSignal.timeout(step.timeoutMs);
    const signal = AbortSignal.any([interrupt.signal, timeout]);
    let counts: Counts;
    try {
      counts = await step.run({ repoRoot, reportDir, signal, env, say: (line) => console.log(`  · ${line}`) });
    } catch (error) {
      counts = crashed(errorMessage(error).split('\n')[0] ?? 'crashed');
      console.log(`✖ ${step.title} crashed: ${errorMessage(error)}`);
    }
    if (timeout.aborted) {
      counts = { ...counts, failed: Math.max(counts.failed, 1), note: `timed out after ${formatDuration(step.timeoutMs)}` };
    } else if (interrupt.signal.aborted) {
      counts = { ...counts, failed: Math.max(counts.failed, 1), note: 'interrupted' };
    }
    const outcome: StepOutcome = { title: step.title, status: statusOf(counts), durationMs: Date.now() - started, ...counts };
    outcomes.push(outcome);
    const mark = outcome.status === 'failed' ? '✖' : outcome.status === 'skipped' ? '○' : '✔';
    const note = outcome.note ? `  (${outcome.note})` : '';
    console.log(
      `${mark} ${step.title}: ${outcome.passed} passed, ${outcome.failed} failed${outcome.skipped ? `, ${outcome.skipped} skipped` : ''} in ${formatDuration(outcome.durationMs)}${note}`,
    );
  }

  const notRun = steps.slice(outcomes.length);
  const sum = totals(outcomes);
  console.log(`\n${'═'.repeat(78)}\nSummary (${formatDuration(Date.now() - runStarted)})\n`);
  console.log(summaryTable(outcomes));
  if (notRun.length > 0) console.log(`\nNot run (interrupted): ${notRun.map((step) => step.title).join(', ')}`);
  if (sum.failed === 0) rmSync(reportDir, { recursive: true, force: true });
  else console.log(`\nReports: ${reportDir}`);
  console.log('');
  console.log(finalLine(sum));
  return sum.failed > 0 || interrupt.signal.aborted ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log(finalLine({ passed: 0, failed: 1, skipped: 0 }));
    process.exit(1);
  },
);
