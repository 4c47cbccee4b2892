import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { FeatureEvents } from '@galley/contracts';
import { OutboxRelay } from '@galley/messaging';
import { enqueueEvent, nowIso, transactional } from '@galley/persistence';
import { DataSource } from 'typeorm';
import { FEATURE_STORE_CONFIG, type FeatureStoreConfig } from '../config';
import { toMaterializationContract } from './materialization.mapper';
import { MaterializationRepository } from './materialization.repository';

/** A running run whose heartbeat is this many progress intervals old has lost its process (killed, or cut off from the database). */
const STALE_AFTER_INTERVALS = 10;
const SWEEP_EVERY_MS = 3_000;

/**
 * Marks runs left `running` by a process that died as `interrupted`: at start, and every few seconds
 * after, so a run killed in one replica is reported while the others keep serving. Going by the
 * heartbeat (not by "every running row at boot") keeps a restarting replica from interrupting a run
 * that another replica is still making progress on.
 */
@Injectable()
export class StaleRunsSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(StaleRunsSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: MaterializationRepository,
    private readonly outbox: OutboxRelay,
    @Inject(FEATURE_STORE_CONFIG) private readonly config: FeatureStoreConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }

  /** Marks every stale run interrupted; never throws (a failed sweep is retried on the next tick). */
  sweep(): Promise<void> {
    this.sweeping ??= this.markStale()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not sweep stale materializations'))
      .finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async markStale(): Promise<void> {
    const cutoff = new Date(Date.now() - STALE_AFTER_INTERVALS * this.config.GALLEY_MATERIALIZATION_PROGRESS_MS).toISOString();
    const stale = await this.runs.staleRuns(cutoff);
    let marked = 0;
    for (const run of stale) {
      const finishedAt = nowIso();
      const outcome = {
        status: 'interrupted' as const,
        error: `the process running it stopped (no heartbeat since ${run.heartbeatAt ?? run.startedAt}); run it again`,
        finishedAt,
      };
      const changed = await transactional(this.dataSource, async (manager) => {
        // Only while still stale: a run whose heartbeat came back meanwhile is left alone.
        if (!(await this.runs.updateRunning(run.id, outcome, manager, cutoff))) return false;
        await enqueueEvent(manager, { subject: FeatureEvents.materializationFinished.subject, payload: { materialization: toMaterializationContract({ ...run, ...outcome }) } });
        return true;
      });
      if (changed) {
        marked++;
        this.logger.warn(`materialization ${run.id} of ${run.view} marked interrupted: ${outcome.error}`);
      }
    }
    if (marked > 0) this.outbox.nudge();
  }
}
