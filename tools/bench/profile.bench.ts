import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCatalogStack } from './catalog-stack';
import { generateWideCsv } from './generate-table';
import { runMeasuredChild } from './measured-child';
import { readProcessMemory, sampleMemory, type MemoryPeak } from './process-memory';

export interface BenchResult {
  name: string;
  lines: string[];
}

const RATIO_GOAL = 1.5;
/** The issue's goal is 500 MB; RSS is reported in MiB, so the limit is 500e6 bytes in MiB. */
const RSS_GOAL_MIB = 500e6 / 2 ** 20;

interface Round {
  baseline: number;
  inspect: number;
  upload: number;
  baselineMemory: MemoryPeak;
  inspectMemory: MemoryPeak;
  catalogMemory: MemoryPeak;
  gatewayMemory: MemoryPeak;
}

/**
 * A 1,000,000 × 20 CSV (by default) uploaded to a running catalog over HTTP, against the raw baseline a
 * user would reach for: DuckDB read_csv + SUMMARIZE on the same file. Each measurement runs in its own
 * process (the baseline and inspectTable as children of the bench, the upload in the real gateway and
 * catalog processes), and their resident memory is sampled from outside every 50 ms, so nothing one
 * allocates counts against another. The rounds interleave the three, so a busy machine slows all of
 * them alike, and the fastest of each counts (the generated file is in the page cache for all).
 */
export async function profileBenchmark(rows: number, rounds: number): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'galley-bench-'));
  const path = join(dir, 'wide.csv');
  try {
    await generateWideCsv(path, rows);
    const sizeMiB = statSync(path).size / 2 ** 20;
    const stack = await startCatalogStack();
    const catalogIdleMiB = readProcessMemory(stack.catalogPid)?.rssMiB ?? NaN;
    const results: Round[] = [];
    let rowCount = 0;
    try {
      for (let round = 0; round < rounds; round++) {
        const baseline = await runMeasuredChild('bare-summarize.child.ts', [path]);
        const inspect = await runMeasuredChild('inspect-table.child.ts', [path]);
        const sampler = sampleMemory([stack.catalogPid, stack.gatewayPid]);
        let memory: MemoryPeak[] = [];
        const upload = await stack.uploadAsNewDataset(`bench-${Date.now()}-${round}`, path).finally(() => (memory = sampler.stop()));
        const [catalogMemory, gatewayMemory] = memory;
        rowCount = upload.rowCount;
        results.push({
          baseline: baseline.report.seconds,
          inspect: inspect.report.seconds,
          upload: upload.seconds,
          baselineMemory: baseline.memory,
          inspectMemory: inspect.memory,
          catalogMemory,
          gatewayMemory,
        });
      }
    } finally {
      await stack.stop();
    }
    if (rowCount !== rows) throw new Error(`the catalog registered ${rowCount} rows, the file has ${rows}`);

    const best = (pick: (round: Round) => number): number => Math.min(...results.map(pick));
    const peak = (pick: (round: Round) => MemoryPeak): number => Math.max(...results.map((round) => Math.max(pick(round).peakRssMiB, pick(round).hwmMiB)));
    const baseline = best((r) => r.baseline);
    const inspect = best((r) => r.inspect);
    const upload = best((r) => r.upload);
    const catalogPeak = peak((r) => r.catalogMemory);
    const verdict = (pass: boolean): string => (pass ? 'PASS' : 'MISS');
    const seconds = (value: number): string => `${value.toFixed(2)} s`.padStart(7);
    const mib = (value: number): string => `${value.toFixed(0)} MiB`.padStart(8);
    return {
      name: `profile: ${rowCount.toLocaleString('en')} rows × 20 columns CSV (${sizeMiB.toFixed(0)} MiB), best of ${rounds} interleaved rounds`,
      lines: [
        `bare DuckDB read_csv + SUMMARIZE (own process)   ${seconds(baseline)}                 peak RSS ${mib(peak((r) => r.baselineMemory))}`,
        `inspectTable alone (own process)                 ${seconds(inspect)}   ratio ${(inspect / baseline).toFixed(2)}×   peak RSS ${mib(peak((r) => r.inspectMemory))}`,
        `upload + profile: HTTP PUT → gateway → catalog   ${seconds(upload)}   ratio ${(upload / baseline).toFixed(2)}×   goal ≤ ${RATIO_GOAL}×  ${verdict(upload / baseline <= RATIO_GOAL)}`,
        `catalog process peak RSS (all uploads)           ${mib(catalogPeak)}   goal < 500 MB (${RSS_GOAL_MIB.toFixed(0)} MiB)  ${verdict(catalogPeak < RSS_GOAL_MIB)}   (idle before: ${catalogIdleMiB.toFixed(0)} MiB)`,
        `gateway process peak RSS (all uploads)           ${mib(peak((r) => r.gatewayMemory))}`,
        `rounds (baseline / inspectTable / upload, s): ${results.map((r) => `${r.baseline.toFixed(2)} / ${r.inspect.toFixed(2)} / ${r.upload.toFixed(2)}`).join('; ')}`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
