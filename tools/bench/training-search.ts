import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { mulberry32 } from '@galley/ml';
import { percentile, thousands, verdict } from './training-report';
import type { TrainingStack } from './training-stack';

const P95_GOAL_MS = 100;

export interface SearchOptions {
  runs: number;
  /** Timed requests per query (after two untimed ones). */
  repeats: number;
}

/** What a user types in the runs table: the filters, sorted by a metric, a page of 100. */
export const SEARCH_QUERIES: Array<{ label: string; query: Record<string, string> }> = [
  { label: 'metrics.val_auc > 0.9 and params.lr = 0.01, by val_auc desc', query: { filter: 'metrics.val_auc > 0.9 and params.lr = 0.01', orderBy: 'metrics.val_auc desc', limit: '100' } },
  { label: "tags.team = 'vision', by val_auc desc", query: { filter: "tags.team = 'vision'", orderBy: 'metrics.val_auc desc', limit: '100' } },
  { label: "tags.team = 'vision', newest first", query: { filter: "tags.team = 'vision'", limit: '100' } },
  { label: 'no filter, by val_auc desc', query: { orderBy: 'metrics.val_auc desc', limit: '100' } },
  { label: 'no filter, newest first', query: { limit: '100' } },
  // Every seeded run is in this one experiment: the worst case for scoping a search to an experiment.
  {
    label: 'the first, within experiment=bench-search',
    query: { experiment: 'bench-search', filter: 'metrics.val_auc > 0.9 and params.lr = 0.01', orderBy: 'metrics.val_auc desc', limit: '100' },
  },
];

const LEARNING_RATES = [0.1, 0.01, 0.001, 0.0001];
const BATCH_SIZES = [32, 64, 128, 256];
const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'];
const TEAMS = ['vision', 'nlp', 'tabular', 'speech', 'recsys'];

/**
 * Seeds `runs` finished runs into the training service's SQLite file (its own tables, created by its
 * migrations), each with 3 params, 2 tags and 3 latest metrics, then times GET /runs over HTTP.
 */
export async function measureSearch(stack: TrainingStack, options: SearchOptions): Promise<string[]> {
  // The experiment is made by the service, as a first run creates it.
  const first = await stack.json<{ id: string }>('POST', '/runs', 201, { experiment: 'bench-search', name: 'first', params: { lr: 0.01 }, tags: { team: 'vision' } });
  const seeding = seedRuns(stack.sqlitePath, first.id, options.runs - 1);
  const lines = [
    `${thousands(options.runs)} runs (3 params, 2 tags, 3 latest metrics each; seeded into the service's SQLite tables in ${seeding.toFixed(1)} s); ` +
      `GET /runs over HTTP, ${options.repeats} sequential requests per query after 2 untimed`,
  ];
  const single = await timeRequests(stack, `/runs/${first.id}`, options.repeats);
  lines.push(`  ${'GET /runs/{id} (the API floor: one run by id)'.padEnd(64)} p50 ${ms(single.p50)}  p95 ${ms(single.p95)}`);
  for (const { label, query } of SEARCH_QUERIES) {
    const path = `/runs?${new URLSearchParams(query).toString()}`;
    const timed = await timeRequests(stack, path, options.repeats);
    lines.push(`  ${label.padEnd(64)} p50 ${ms(timed.p50)}  p95 ${ms(timed.p95)}  total ${thousands(timed.total).padStart(6)}   goal p95 ≤ ${P95_GOAL_MS} ms  ${verdict(timed.p95 <= P95_GOAL_MS)}`);
  }
  return lines;
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`.padStart(8);
}

async function timeRequests(stack: TrainingStack, path: string, repeats: number): Promise<{ p50: number; p95: number; total: number }> {
  const latencies: number[] = [];
  let total = 0;
  for (let i = 0; i < repeats + 2; i++) {
    const started = performance.now();
    const response = await stack.request('GET', path);
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${response.body.slice(0, 500)}`);
    if (i >= 2) latencies.push(elapsed);
    total = (JSON.parse(response.body) as { total?: number }).total ?? 1;
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), total };
}

/** Bulk INSERTs in one transaction; the values are drawn from a seeded PRNG so every run seeds the same data. */
export function seedRuns(sqlitePath: string, firstRunId: string, count: number): number {
  const db = new Database(sqlitePath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // A bench seed, not user data: keep the whole working set in memory and skip the fsyncs.
    db.pragma('cache_size = -262144');
    db.pragma('synchronous = OFF');
    const { experimentId } = db.prepare('SELECT "experimentId" FROM "run" WHERE "id" = ?').get(firstRunId) as { experimentId: string };
    const insertRun = db.prepare(
      `INSERT INTO "run" ("id", "experimentId", "name", "status", "source", "jobId", "environment", "error", "createdBy", "createdAt", "startedAt", "finishedAt")
       VALUES (?, ?, ?, 'completed', 'external', NULL, '{}', NULL, ?, ?, ?, ?)`,
    );
    const insertParam = db.prepare('INSERT INTO "run_param" ("runId", "key", "valueText", "valueNum", "valueJson") VALUES (?, ?, ?, ?, ?)');
    const insertTag = db.prepare('INSERT INTO "run_tag" ("runId", "key", "value") VALUES (?, ?, ?)');
    const insertMetric = db.prepare('INSERT INTO "run_metric_latest" ("runId", "key", "value", "step") VALUES (?, ?, ?, ?)');
    const random = mulberry32(11);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
    // A year of history before the first run, one run every few minutes.
    const start = Date.now() - 365 * 24 * 3600 * 1000;
    const spacing = (365 * 24 * 3600 * 1000) / Math.max(1, count);
    const started = performance.now();
    // Ids ascending with creation time (as time-ordered UUIDv7 ids would be): each table's (runId, …)
    // primary key then grows at its end instead of splitting pages everywhere, which halves the seeding.
    // The service makes random v4 ids, so lookups by id are less local there than here.
    const ids = Array.from({ length: count }, () => randomUUID()).sort();
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const id = ids[i];
        const created = new Date(start + i * spacing).toISOString();
        const finished = new Date(start + i * spacing + 60_000).toISOString();
        insertRun.run(id, experimentId, `run-${i}`, `user-${i % 50}`, created, created, finished);
        for (const [key, value] of [
          ['lr', pick(LEARNING_RATES)],
          ['batch_size', pick(BATCH_SIZES)],
          ['optimizer', pick(OPTIMIZERS)],
        ] as const) {
          insertParam.run(id, key, String(value), typeof value === 'number' ? value : null, JSON.stringify(value));
        }
        insertTag.run(id, 'team', pick(TEAMS));
        insertTag.run(id, 'owner', `user-${i % 50}`);
        const auc = 0.5 + random() * 0.5;
        insertMetric.run(id, 'val_auc', auc, 19);
        insertMetric.run(id, 'val_loss', 1 - auc + random() * 0.1, 19);
        insertMetric.run(id, 'accuracy', 0.4 + random() * 0.6, 19);
      }
    })();
    return (performance.now() - started) / 1000;
  } finally {
    db.close();
  }
}
