import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { FeatureEvents, type EntityValueType, type FeatureView } from '@galley/contracts';
import { OutboxRelay } from '@galley/messaging';
import { enqueueEvent, nowIso, transactional } from '@galley/persistence';
import { tableSource } from '@galley/tabular';
import { DataSource } from 'typeorm';
import { FEATURE_STORE_CONFIG, type FeatureStoreConfig } from '../config';
import type { ResolvedSource } from '../registry/catalog-sources';
import type { OnlineReplica } from '../online/online-replica';
import { OnlineReplicas } from '../online/online-replicas';
import type { OnlineWriter } from '../online/online-writer';
import { HELD_TABLE, LATEST_TABLE, latestRowsSql } from './latest-rows.query';
import type { MaterializationEntity } from './materialization.entity';
import { toMaterializationContract } from './materialization.mapper';
import { MaterializationRepository, type RunOutcome } from './materialization.repository';

const DUCKDB_MEMORY_LIMIT = '1GB';

/** How often a run records its progress (and its heartbeat) and announces it. */

export interface RunRequest {
  run: MaterializationEntity;
  view: FeatureView;
  keyType: EntityValueType;
  source: ResolvedSource;
  window: { startMicros: number | null; endMicros: number | null };
  requestId: string | undefined;
}

class RunStopped extends Error {
  constructor(readonly outcome: 'interrupted' | 'taken-over') {
    super(outcome === 'interrupted' ? 'the feature store stopped while the run was in progress; run it again' : 'the run was marked interrupted elsewhere');
  }
}

/**
 * Runs materializations in the background of the process that accepted them: DuckDB computes the
 * latest row per entity over the source file (streamed out in chunks, never held in JavaScript) and
 * each changed value is written to the view's KV bucket. Progress is recorded and announced every
 * GALLEY_MATERIALIZATION_PROGRESS_MS (a second); that record doubles as the run's heartbeat. On shutdown, runs stop and are marked
 * `interrupted`; a rerun picks up from what the store already holds.
 */
@Injectable()
export class MaterializationRunner implements BeforeApplicationShutdown {
  private readonly logger = new Logger(MaterializationRunner.name);
  private readonly active = new Map<string, { stop: (reason: RunStopped) => void; done: Promise<void> }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: MaterializationRepository,
    private readonly replicas: OnlineReplicas,
    private readonly outbox: OutboxRelay,
    @Inject(FEATURE_STORE_CONFIG) private readonly config: FeatureStoreConfig,
  ) {}

  start(request: RunRequest): void {
    let stop!: (reason: RunStopped) => void;
    const stopped = new Promise<RunStopped>((resolve) => (stop = resolve));
    const done = this.execute(request, stopped).finally(() => this.active.delete(request.run.id));
    this.active.set(request.run.id, { stop, done });
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const run of this.active.values()) run.stop(new RunStopped('interrupted'));
    await Promise.all([...this.active.values()].map((run) => run.done));
  }

  private async execute(request: RunRequest, stopped: Promise<RunStopped>): Promise<void> {
    const { run } = request;
    const progress = { rowsScanned: 0, entitiesWritten: 0, entitiesTotal: null as number | null };
    let stopReason: RunStopped | null = null;
    let connection: DuckDBConnection | null = null;
    void stopped.then((reason) => {
      stopReason = reason;
      connection?.interrupt();
    });
    const checkStopped = () => {
      if (stopReason) throw stopReason;
    };

    const reporting: { current: Promise<void> | null } = { current: null };
    const heartbeat = setInterval(() => {
      if (reporting.current) return;
      reporting.current = this.reportProgress(request, progress)
        .then((stillOurs) => {
          if (!stillOurs) stopReason ??= new RunStopped('taken-over');
        })
        .catch((error: unknown) => this.logger.warn({ err: error }, `could not record progress of materialization ${run.id}`))
        .finally(() => (reporting.current = null));
    }, this.config.GALLEY_MATERIALIZATION_PROGRESS_MS);

    const workDir = join(this.config.GALLEY_HOME, 'tmp', `materialization-${run.id}`);
    let outcome: RunOutcome;
    let writer: OnlineWriter | null = null;
    try {
      const replica = await this.replicas.replica(run.view);
      // Decide against everything the bucket had acknowledged, including a previous run's last writes.
      await replica.catchUp();
      checkStopped();
      writer = await this.replicas.writer(run.view);
      await mkdir(workDir, { recursive: true });
      const instance = await DuckDBInstance.create(':memory:', {
        temp_directory: workDir,
        // Beyond this the latest-rows table spills to workDir: the service shares its memory with replicas.
        memory_limit: DUCKDB_MEMORY_LIMIT,
        // Reading must never fetch code from the network.
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
      });
      try {
        connection = await instance.connect();
        await this.computeAndWrite(connection, request, replica, writer, progress, checkStopped);
      } finally {
        connection?.closeSync();
        connection = null;
        instance.closeSync();
      }
      await writer.flush();
      progress.entitiesWritten = writer.written;
      // Once the run says `succeeded`, lookups in this process see every value it wrote.
      await replica.catchUp();
      checkStopped();
      outcome = { status: 'succeeded', error: null, finishedAt: nowIso() };
    } catch (error) {
      const reason = stopReason ?? (error instanceof RunStopped ? error : null);
      if (reason?.outcome === 'taken-over') {
        this.logger.warn(`materialization ${run.id} stopped: ${reason.message}`);
        return;
      }
      if (reason) {
        outcome = { status: 'interrupted', error: reason.message, finishedAt: nowIso() };
      } else {
        this.logger.error({ err: error }, `materialization ${run.id} of ${run.view} failed`);
        outcome = { status: 'failed', error: describeFailure(error, request), finishedAt: nowIso() };
      }
    } finally {
      writer?.close();
      clearInterval(heartbeat);
      await reporting.current;
      await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
    }
    await this.finish(request, { ...outcome, ...progress, heartbeatAt: nowIso() });
  }

  private async computeAndWrite(
    connection: DuckDBConnection,
    request: RunRequest,
    replica: OnlineReplica,
    writer: OnlineWriter,
    progress: { rowsScanned: number; entitiesWritten: number; entitiesTotal: number | null },
    checkStopped: () => void,
  ): Promise<void> {
    const { run, view, source } = request;
    const column = source.version.columns.find((candidate) => candidate.name === view.joinKey);
    const sql = latestRowsSql({
      columns: source.version.columns.map((candidate) => candidate.name),
      joinKey: { column: view.joinKey, columnType: column?.logicalType ?? 'other', keyType: request.keyType },
      timestampColumn: view.timestampColumn,
      features: view.features.map((feature) => ({ column: feature.column, type: feature.type })),
      window: request.window,
      revision: run.viewRevision,
      sourceVersion: run.sourceVersion,
    }, await tableSource(source.path, source.version.format));
    // Event times are UTC instants, and file order must survive the scan (the tie rule reads it).
    await connection.run(`SET TimeZone = 'UTC'`);
    await connection.run('SET preserve_insertion_order = true');
    await loadHeld(connection, replica, run.viewRevision, run.sourceVersion);
    checkStopped();
    await connection.run(sql.createLatest);
    await connection.run(`DROP TABLE ${HELD_TABLE}`);
    const totals = (await connection.runAndReadAll(`SELECT CAST(count(*) AS DOUBLE), CAST(coalesce(sum(n), 0) AS DOUBLE) FROM ${LATEST_TABLE}`)).getRows()[0];
    progress.entitiesTotal = Number(totals?.[0] ?? 0);
    progress.rowsScanned = Number(totals?.[1] ?? 0);
    checkStopped();

    const result = await connection.stream(sql.selectValues);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const keys = chunk.getColumnValues(0) as string[];
      const times = chunk.getColumnValues(1) as number[];
      const texts = chunk.getColumnValues(2) as string[];
      for (let i = 0; i < keys.length; i++) {
        const text = texts[i];
        await writer.write(keys[i], { t: times[i], r: run.viewRevision, s: run.sourceVersion, text, valuesAt: text.indexOf(',"v":') + 5 });
        if ((i & 255) === 0) progress.entitiesWritten = writer.written;
      }
      progress.entitiesWritten = writer.written;
      checkStopped();
    }
  }

  /** Records progress and announces it; false when the run is no longer ours to run. */
  private async reportProgress(request: RunRequest, progress: { rowsScanned: number; entitiesWritten: number; entitiesTotal: number | null }): Promise<boolean> {
    const run = request.run;
    const snapshot = { ...progress, heartbeatAt: nowIso() };
    const stillRunning = await transactional(this.dataSource, async (manager) => {
      if (!(await this.runs.updateRunning(run.id, snapshot, manager))) return false;
      const materialization = toMaterializationContract({ ...run, ...snapshot });
      await enqueueEvent(manager, { subject: FeatureEvents.materializationProgressed.subject, payload: { materialization }, requestId: request.requestId });
      return true;
    });
    if (stillRunning) this.outbox.nudge();
    return stillRunning;
  }

  private async finish(request: RunRequest, outcome: RunOutcome): Promise<void> {
    const run = request.run;
    try {
      const recorded = await transactional(this.dataSource, async (manager) => {
        if (!(await this.runs.updateRunning(run.id, outcome, manager))) return false;
        const materialization = toMaterializationContract({ ...run, ...outcome } as MaterializationEntity);
        await enqueueEvent(manager, { subject: FeatureEvents.materializationFinished.subject, payload: { materialization }, requestId: request.requestId });
        return true;
      });
      if (recorded) this.outbox.nudge();
      this.logger.log(`materialization ${run.id} of ${run.view}@${run.viewRevision}: ${outcome.status}, ${outcome.entitiesWritten ?? 0} entities written`);
    } catch (error) {
      // The sweeper marks the run interrupted once its heartbeat is stale.
      this.logger.error({ err: error }, `could not record the end of materialization ${run.id}`);
    }
  }
}

/** What the store holds for this revision and source version (key → event time), as a DuckDB table. */
async function loadHeld(connection: DuckDBConnection, replica: OnlineReplica, revision: number, sourceVersion: number): Promise<void> {
  await connection.run(`CREATE TABLE ${HELD_TABLE} (k VARCHAR, t BIGINT)`);
  const appender = await connection.createAppender(HELD_TABLE);
  try {
    for (const [key, entry] of replica.values()) {
      if (entry.r !== revision || entry.s !== sourceVersion) continue;
      appender.appendVarchar(key);
      appender.appendBigInt(BigInt(entry.t));
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** A failure as the run record shows it: DuckDB's reason, with the blob path replaced by the version's name. */
function describeFailure(error: unknown, request: RunRequest): string {
  const message = typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' ? error.message : String(error);
  const source = `${request.source.version.dataset}@${request.source.version.version}`;
  return message.split(request.source.path).join(source).split('\n')[0].slice(0, 2000);
}
