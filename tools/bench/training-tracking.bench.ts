import { measureIngest } from './training-ingest';
import { loadAverageLine, quickTrainingBench, type TrainingBenchResult } from './training-report';
import { measureSearch } from './training-search';
import { startTrainingStack } from './training-stack';

/**
 * Experiment tracking through the public API, on one stack (NATS, a fresh SQLite database, the training
 * service and the gateway as processes): metric ingest against bare SQLite INSERTs into the same file,
 * then run search over 100,000 stored runs (`GALLEY_BENCH_QUICK=1`: 3 s of ingest, 20,000 runs).
 */
export async function trackingBenchmark(): Promise<TrainingBenchResult> {
  const quick = quickTrainingBench();
  const stack = await startTrainingStack();
  try {
    const ingest = await measureIngest(stack, { clients: 4, seconds: quick ? 3 : 10 });
    const search = await measureSearch(stack, { runs: quick ? 20_000 : 100_000, repeats: quick ? 10 : 40 });
    return {
      name: 'experiment tracking through the API: metric ingest and run search (SQLite)',
      lines: [...ingest, ...search, loadAverageLine()],
    };
  } finally {
    await stack.stop();
  }
}
