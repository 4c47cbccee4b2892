import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repositoryRoot } from '@galley/testing';
import { readProcessMemory, sampleMemory, type MemoryPeak } from './process-memory';

/** What a bench child prints as the last line of its output: its own timing of the work. */
export interface ChildReport {
  seconds: number;
  /** The child's VmHWM when it finished, read by itself (nothing can be missed between samples). */
  hwmMiB: number;
  [key: string]: unknown;
}

/**
 * Runs `tools/bench/<script>` in its own Node process and samples its memory from outside, so that
 * what one measurement allocates (or its allocator keeps) never counts against another.
 */
export async function runMeasuredChild(script: string, args: string[]): Promise<{ report: ChildReport; memory: MemoryPeak }> {
  const root = repositoryRoot();
  const child = spawn(process.execPath, [join(root, 'tools/run-ts.cjs'), join(root, 'tools/bench', script), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = sampleMemory([child.pid ?? -1]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const [memory] = sampler.stop();
  if (code !== 0) throw new Error(`${script} exited with ${code}:\n${stderr.slice(-2000)}`);
  const lastLine = stdout.trim().split('\n').pop() ?? '';
  const report = JSON.parse(lastLine) as ChildReport;
  return { report, memory: { peakRssMiB: Math.max(memory.peakRssMiB, report.hwmMiB), hwmMiB: Math.max(memory.hwmMiB, report.hwmMiB) } };
}

/** For the child side: times `work`, then prints the report line the parent reads. */
export async function reportFromChild(work: () => Promise<Record<string, unknown>>): Promise<void> {
  const started = performance.now();
  const extra = await work();
  const seconds = (performance.now() - started) / 1000;
  const report: ChildReport = { ...extra, seconds, hwmMiB: readProcessMemory(process.pid)?.hwmMiB ?? 0 };
  console.log(JSON.stringify(report));
}
