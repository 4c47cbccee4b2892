import { Injectable } from '@nestjs/common';
import type { LoggedMetrics, MetricHistory, MetricPointInput } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { transactional } from '@galley/persistence';
import { Between, DataSource, In, type EntityManager } from 'typeorm';
import { runNotFound } from './runs.usecase';
import { MetricPointEntity, RunMetricLatestEntity } from './tracking.entities';
import { TrackingRepository } from './tracking.repository';

/**
 * Rows per INSERT: 5 values a row stays far under SQLite's 32,766 and PostgreSQL's 65,535 bound
 * parameters, and full chunks share one statement text (better-sqlite3 reuses the prepared statement).
 */
const INSERT_CHUNK = 1_000;
const POINT_COLUMNS = '"runId", "key", "step", "value", "timestamp"';

@Injectable()
export class MetricsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tracking: TrackingRepository,
  ) {}

  /**
   * Stores a batch of metric points in one transaction. A point whose (key, step) is already stored is
   * a duplicate and is skipped, so a retried batch (a redelivered trainer message) records nothing twice.
   */
  async log(runId: string, points: readonly MetricPointInput[]): Promise<LoggedMetrics> {
    return transactional(this.dataSource, (manager) => this.logWithin(manager, runId, points));
  }

  /** `log` inside the caller's transaction. */
  async logWithin(manager: EntityManager, runId: string, points: readonly MetricPointInput[]): Promise<LoggedMetrics> {
    // A point for a run that does not exist is an unprocessable point, not a missing page (422).
    if (!(await this.tracking.findRun(runId, manager))) throw new DomainError('training.invalid_metrics', `no run ${runId}: metric points are logged to an existing run`, { id: runId });
    const now = Date.now();
    const fresh = new Map<string, MetricPointEntity>();
    const byKey = new Map<string, MetricPointInput[]>();
    for (const point of points) {
      const keyPoints = byKey.get(point.key);
      if (keyPoints) keyPoints.push(point);
      else byKey.set(point.key, [point]);
    }
    for (const [key, keyPoints] of byKey) {
      const steps = keyPoints.map((point) => point.step);
      const stored = await manager.find(MetricPointEntity, {
        select: { step: true },
        where: { runId, key, step: Between(Math.min(...steps), Math.max(...steps)) },
      });
      const known = new Set(stored.map((row) => row.step));
      for (const point of keyPoints) {
        const id = `${key}\u0000${point.step}`;
        if (known.has(point.step) || fresh.has(id)) continue;
        fresh.set(id, { runId, key, step: point.step, value: point.value, timestamp: point.timestamp ?? now });
      }
    }
    const rows = [...fresh.values()];
    await insertPoints(manager, rows);
    await this.updateLatest(manager, runId, rows);
    return { accepted: rows.length, duplicates: points.length - rows.length };
  }

  async history(runId: string, key: string): Promise<MetricHistory> {
    if (!(await this.tracking.findRun(runId))) throw runNotFound(runId);
    const points = await this.dataSource.manager.find(MetricPointEntity, { where: { runId, key }, order: { step: 'ASC' } });
    return { runId, key, points: points.map((point) => ({ step: point.step, value: point.value, timestamp: point.timestamp })) };
  }

  /** The latest value per key is the point with the highest step, whatever order batches arrive in. */
  private async updateLatest(manager: EntityManager, runId: string, rows: MetricPointEntity[]): Promise<void> {
    const newest = new Map<string, MetricPointEntity>();
    for (const row of rows) if ((newest.get(row.key)?.step ?? -1) < row.step) newest.set(row.key, row);
    if (newest.size === 0) return;
    const current = await manager.findBy(RunMetricLatestEntity, { runId, key: In([...newest.keys()]) });
    const currentStep = new Map(current.map((row) => [row.key, row.step]));
    const updates = [...newest.values()].filter((row) => (currentStep.get(row.key) ?? -1) < row.step).map((row) => ({ runId, key: row.key, value: row.value, step: row.step }));
    if (updates.length > 0) await manager.getRepository(RunMetricLatestEntity).save(updates, { chunk: 500 });
  }
}

/**
 * Plain multi-row INSERTs with bound parameters. TypeORM's insert builder spent ~35 µs of CPU per point
 * (naming, looking up and escaping every parameter, then mapping generated ids back onto the entities),
 * five times what SQLite itself needs; metric_point has no generated columns, so nothing is lost.
 */
async function insertPoints(manager: EntityManager, rows: readonly MetricPointEntity[]): Promise<void> {
  const postgres = manager.connection.options.type === 'postgres';
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    const parameters: Array<string | number> = [];
    const tuples = chunk.map((row) => {
      const n = parameters.push(row.runId, row.key, row.step, row.value, row.timestamp);
      return postgres ? `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})` : '(?, ?, ?, ?, ?)';
    });
    // The same duplicate rule as before: a (runId, key, step) already stored is skipped, not an error.
    const sql = postgres
      ? `INSERT INTO "metric_point" (${POINT_COLUMNS}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`
      : `INSERT OR IGNORE INTO "metric_point" (${POINT_COLUMNS}) VALUES ${tuples.join(', ')}`;
    await manager.query(sql, parameters);
  }
}
