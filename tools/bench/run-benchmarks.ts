// `npm run bench`: performance figures as ratios against a raw baseline measured in the same run.
// Usage: npm run bench [-- --only NAME] [-- --rows N] [-- --rounds R]
//   --only: one of profile, materialization, online-features, historical, training-throughput, training-tracking,
//           jupyter-round-trip, browser-training (default: all)
//   --rows, --rounds: the profile bench's file size and interleaved rounds (1,000,000 rows, 3 rounds)
// GALLEY_BENCH_QUICK=1 makes the feature-store and training benches smaller (to check they work; figures not comparable).
// browser-training needs /usr/bin/chromium (or GALLEY_CHROMIUM); jupyter-round-trip needs Debian's Jupyter.
import { browserTrainingBenchmark } from './browser-training.bench';
import { historicalBenchmark } from './historical.bench';
import { jupyterRoundTripBenchmark } from './jupyter-round-trip.bench';
import { materializationBenchmark } from './materialization.bench';
import { onlineFeaturesBenchmark } from './online-features.bench';
import { profileBenchmark } from './profile.bench';
import { trainingThroughputBenchmark } from './training-throughput.bench';
import { trackingBenchmark } from './training-tracking.bench';

function positiveIntegerArg(argv: string[], name: string, fallback: number): number {
  const index = argv.indexOf(name);
  if (index === -1) return fallback;
  const value = Number(argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} takes a positive whole number`);
  return value;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const rows = positiveIntegerArg(argv, '--rows', 1_000_000);
  const rounds = positiveIntegerArg(argv, '--rounds', 3);
  const benches = {
    profile: () => profileBenchmark(rows, rounds),
    materialization: () => materializationBenchmark(),
    'online-features': () => onlineFeaturesBenchmark(),
    historical: () => historicalBenchmark(),
    'training-throughput': () => trainingThroughputBenchmark(),
    'training-tracking': () => trackingBenchmark(),
    'jupyter-round-trip': () => jupyterRoundTripBenchmark(),
    'browser-training': () => browserTrainingBenchmark(),
  };
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
  const selected = Object.entries(benches).filter(([name]) => only === undefined || name === only);
  if (selected.length === 0) throw new Error(`--only takes one of ${Object.keys(benches).join(', ')}`);
  console.log(`Galley benchmarks (node ${process.version}, ${new Date().toISOString()})\n`);
  for (const [, bench] of selected) {
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
