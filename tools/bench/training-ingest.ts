import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { MAX_METRIC_BATCH } from '@galley/contracts';
import { percentile, processCpuSeconds, thousands, verdict } from './training-report';
import type { TrainingStack } from './training-stack';

const POINTS_GOAL_PER_SECOND = 100_000;
/** A training loop's usual series: five keys, logged at every step. */
const KEYS = ['loss', 'accuracy', 'val_loss', 'val_accuracy', 'learning_rate'];
const STEPS_PER_BATCH = MAX_METRIC_BATCH / KEYS.length;

export interface IngestOptions {
  clients: number;
  seconds: number;
}

/** The body of batch `index`: every key at STEPS_PER_BATCH consecutive steps, none seen before. */
function batchBody(index: number, timestamp: number): string {
  const points: string[] = [];
  for (let s = 0; s < STEPS_PER_BATCH; s++) {
    const step = index * STEPS_PER_BATCH + s;
    for (const key of KEYS) points.push(`{"key":"${key}","value":${Math.sin(step + key.length) * 0.5 + 0.5},"step":${step},"timestamp":${timestamp}}`);
  }
  return `{"metrics":[${points.join(',')}]}`;
}

/**
 * POSTs 5,000-point batches (the most one request takes) to one run from `clients` concurrent clients
 * for `seconds`, then inserts the same points into the same SQLite file from this process, as bare as
 * better-sqlite3 allows (one prepared INSERT per point, one transaction per batch, the latest value
 * upserted), so the ratio is what the API path costs over the database's own work.
 */
export async function measureIngest(stack: TrainingStack, options: IngestOptions): Promise<string[]> {
  const run = await stack.json<{ id: string }>('POST', '/runs', 201, { experiment: 'bench-ingest', name: 'ingest' });
  const path = `/runs/${run.id}/metrics`;
  const timestamp = Date.now();
  let nextBatch = 0;
  let accepted = 0;
  const latencies: number[] = [];
  const cpuBefore = { gateway: processCpuSeconds(stack.gatewayPid), training: processCpuSeconds(stack.trainingPid), bench: process.cpuUsage() };
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const body = batchBody(nextBatch++, timestamp);
      const sent = performance.now();
      const response = await stack.request('POST', path, body);
      latencies.push(performance.now() - sent);
      if (response.status !== 200) throw new Error(`POST ${path}: ${response.status} ${response.body.slice(0, 500)}`);
      const logged = JSON.parse(response.body) as { accepted: number; duplicates: number };
      if (logged.accepted !== MAX_METRIC_BATCH) throw new Error(`a batch of ${MAX_METRIC_BATCH} new points was answered ${response.body}`);
      accepted += logged.accepted;
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  const seconds = (performance.now() - started) / 1000;
  const benchCpu = process.cpuUsage(cpuBefore.bench);
  const cpu = {
    gateway: processCpuSeconds(stack.gatewayPid) - cpuBefore.gateway,
    training: processCpuSeconds(stack.trainingPid) - cpuBefore.training,
    bench: (benchCpu.user + benchCpu.system) / 1e6,
  };
  const apiRate = accepted / seconds;

  const baseline = bareInsert(stack.sqlitePath, run.id, nextBatch, timestamp);
  const stored = countPoints(stack.sqlitePath, run.id);
  if (stored !== accepted) throw new Error(`the API accepted ${accepted} points but the run holds ${stored}`);

  latencies.sort((a, b) => a - b);
  const perSecond = (value: number) => `${thousands(value)} points/s`.padStart(16);
  return [
    `${options.clients} clients POSTing ${MAX_METRIC_BATCH.toLocaleString('en')}-point batches to one run for ${seconds.toFixed(1)} s: ${thousands(accepted)} points in ${latencies.length} requests`,
    `  bare better-sqlite3 INSERT (same points, same file)   ${perSecond(baseline.pointsPerSecond)}   (${thousands(baseline.points)} points, ${baseline.seconds.toFixed(2)} s)`,
    `  HTTP → gateway → NATS → training → SQLite             ${perSecond(apiRate)}   ratio ${(apiRate / baseline.pointsPerSecond).toFixed(2)}× of bare; goal ≥ ${thousands(POINTS_GOAL_PER_SECOND)}/s  ${verdict(apiRate >= POINTS_GOAL_PER_SECOND)}`,
    `  request latency p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p95 ${percentile(latencies, 0.95).toFixed(0)} ms`,
    `  CPU seconds used meanwhile: gateway ${cpu.gateway.toFixed(1)}, training ${cpu.training.toFixed(1)}, this client ${cpu.bench.toFixed(1)} ` +
      `(${((cpu.gateway * 1e6) / accepted).toFixed(1)} + ${((cpu.training * 1e6) / accepted).toFixed(1)} µs of service CPU per point)`,
  ];
}

/** The same points for a second run of the same experiment, straight into the service's SQLite file. */
function bareInsert(sqlitePath: string, apiRunId: string, batches: number, timestamp: number): { points: number; seconds: number; pointsPerSecond: number } {
  const db = new Database(sqlitePath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    const runId = cloneRun(db, apiRunId);
    const insertPoint = db.prepare('INSERT OR IGNORE INTO "metric_point" ("runId", "key", "step", "value", "timestamp") VALUES (?, ?, ?, ?, ?)');
    const upsertLatest = db.prepare(
      'INSERT INTO "run_metric_latest" ("runId", "key", "value", "step") VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT ("runId", "key") DO UPDATE SET "value" = excluded."value", "step" = excluded."step" WHERE excluded."step" > "run_metric_latest"."step"',
    );
    const insertBatch = db.transaction((index: number) => {
      let step = 0;
      let value = 0;
      for (let s = 0; s < STEPS_PER_BATCH; s++) {
        step = index * STEPS_PER_BATCH + s;
        for (const key of KEYS) {
          value = Math.sin(step + key.length) * 0.5 + 0.5;
          insertPoint.run(runId, key, step, value, timestamp);
        }
      }
      for (const key of KEYS) upsertLatest.run(runId, key, value, step);
    });
    const started = performance.now();
    for (let index = 0; index < batches; index++) insertBatch(index);
    const seconds = (performance.now() - started) / 1000;
    const points = batches * MAX_METRIC_BATCH;
    return { points, seconds, pointsPerSecond: points / seconds };
  } finally {
    db.close();
  }
}

function cloneRun(db: Database.Database, runId: string): string {
  const id = randomUUID();
  db.prepare(
    `INSERT INTO "run" ("id", "experimentId", "name", "status", "source", "jobId", "environment", "error", "createdBy", "createdAt", "startedAt", "finishedAt")
     SELECT ?, "experimentId", 'ingest-baseline', "status", "source", NULL, "environment", NULL, "createdBy", "createdAt", "startedAt", NULL FROM "run" WHERE "id" = ?`,
  ).run(id, runId);
  return id;
}

function countPoints(sqlitePath: string, runId: string): number {
  const db = new Database(sqlitePath, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM "metric_point" WHERE "runId" = ?').get(runId) as { n: number }).n;
  } finally {
    db.close();
  }
}
