import { readFileSync } from 'node:fs';

/** What each bench hands `run-benchmarks.ts`: a title and the lines printed under it. */
export interface TrainingBenchResult {
  name: string;
  lines: string[];
}

/** `GALLEY_BENCH_QUICK=1`: a smaller run to check that the benches work (figures are not comparable). */
export function quickTrainingBench(): boolean {
  return process.env['GALLEY_BENCH_QUICK'] === '1';
}

export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

export function loadAverageLine(): string {
  return `load average at the end: ${loadAverage()} (2 cores shared with everything else running)`;
}

export function verdict(pass: boolean): string {
  return pass ? 'PASS' : 'MISS';
}

/** Linear interpolation between closest ranks (numpy's default). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

export function thousands(value: number): string {
  return Math.round(value).toLocaleString('en');
}

/** User + system CPU seconds a process has used so far, from /proc (Linux; clock ticks are 100 Hz there). */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
