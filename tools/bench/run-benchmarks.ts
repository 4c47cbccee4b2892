// `npm run bench`: performance figures as ratios against a raw baseline measured in the same run.
// Usage: npm run bench [-- --rows N]   (default 1,000,000 rows)
import { historicalBenchmark } from './historical.bench';
import { materializationBenchmark } from './materialization.bench';
// The feature-store benches take GALLEY_BENCH_QUICK=1 for a smaller run.
import { onlineFeaturesBenchmark } from './online-features.bench';
import { profileBenchmark } from './profile.bench';

function rowsFromArgs(argv: string[]): number {
  const index = argv.indexOf('--rows');
  if (index === -1) return 1_000_000;
  const rows = Number(argv[index + 1]);
  if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows takes a positive whole number');
  return rows;
}

async function main(): Promise<void> {
  const rows = rowsFromArgs(process.argv.slice(2));
  console.log(`Galley benchmarks (node ${process.version}, ${new Date().toISOString()})\n`);
  for (const bench of [() => profileBenchmark(rows), () => materializationBenchmark(), () => onlineFeaturesBenchmark(), () => historicalBenchmark()]) {
    const result = await bench();
    console.log(result.name);
    for (const line of result.lines) console.log(`  ${line}`);
    console.log('');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
