import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { FEATURE_COUNT, generateFeatureParquet, quickBench, rssMiB, startFeatureStoreStack, type BenchResult } from './online-features.bench';

/** The DuckDB half alone, in this process: the latest row per entity and its values' JSON, counted. */
async function bareLatestRows(path: string): Promise<number> {
  const json = Array.from({ length: FEATURE_COUNT }, (_, k) => `f_${k}`).join(', ');
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    try {
      const started = performance.now();
      await connection.runAndReadAll(
        `SELECT count(*), sum(strlen(CAST(json_array(${json}) AS VARCHAR))) FROM (SELECT * FROM read_parquet('${path.replaceAll("'", "''")}') QUALIFY row_number() OVER (PARTITION BY entity_id ORDER BY event_time DESC) = 1)`,
      );
      return (performance.now() - started) / 1000;
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/**
 * Materialization of `entities` entities (one row each, FEATURE_COUNT float features, Parquet made by
 * DuckDB) through the running platform: POST materialize, the run's own start-to-finish time, the
 * feature store's peak RSS while it ran; then a second run over the unchanged source (incremental:
 * nothing to write); beside DuckDB alone computing the same latest rows in this process.
 */
export async function materializationBenchmark(entities = quickBench() ? 100_000 : 1_000_000): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'galley-bench-materialize-'));
  const stack = await startFeatureStoreStack();
  try {
    const parquet = join(dir, 'features.parquet');
    await generateFeatureParquet(parquet, entities);
    const view = 'bench-materialize';
    await stack.defineView(view, parquet);
    const bare = await bareLatestRows(parquet);

    let peak = rssMiB(stack.featureStorePid());
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(stack.featureStorePid()))), 100);
    const first = await stack.materialize(view).finally(() => clearInterval(sampler));
    if (first.run.entitiesWritten !== entities) throw new Error(`wrote ${first.run.entitiesWritten} of ${entities} entities`);
    const second = await stack.materialize(view);
    if (second.run.entitiesWritten !== 0) throw new Error(`an unchanged rerun wrote ${second.run.entitiesWritten} entities`);

    const perSecond = (count: number, seconds: number) => `${Math.round(count / seconds).toLocaleString('en')}/s`;
    return {
      name: `materialization: ${entities.toLocaleString('en')} entities × ${FEATURE_COUNT} float features, one row each (Parquet ${(statSync(parquet).size / 2 ** 20).toFixed(0)} MiB)`,
      lines: [
        `DuckDB alone: latest row per entity + values' JSON   ${bare.toFixed(2)} s`,
        `first run (all written)      ${first.seconds.toFixed(2)} s   ${perSecond(first.run.rowsScanned, first.seconds)} rows, ${perSecond(first.run.entitiesWritten, first.seconds)} entities written`,
        `second run (nothing changed) ${second.seconds.toFixed(2)} s   rows scanned ${second.run.rowsScanned}, entities written ${second.run.entitiesWritten}`,
        `feature-store peak RSS during the first run: ${peak.toFixed(0)} MiB (includes its replica of the bucket)`,
        `load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (2 cores shared with everything else running)`,
      ],
    };
  } finally {
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
