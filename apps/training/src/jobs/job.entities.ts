import type { DataSpec, EvaluationMetrics, JobStatus, ModelSpec } from '@galley/contracts';
import { BIGINT_AS_NUMBER, TIMESTAMP_COLUMN } from '@galley/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface StoredJobSpec {
  data: DataSpec;
  model: ModelSpec;
  /** Tags the job's run gets (a sweep marks its trials' runs). */
  tags?: Record<string, string>;
}

@Entity({ name: 'job' })
export class JobEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 36 })
  experimentId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: JobStatus;

  @Column({ type: 'varchar', length: 63 })
  sourceDataset!: string;

  @Column({ type: 'integer' })
  sourceVersion!: number;

  @Column({ type: 'varchar', length: 64 })
  sourceSha256!: string;

  @Column({ type: 'simple-json' })
  spec!: StoredJobSpec;

  @Column({ type: 'varchar', length: 64 })
  specHash!: string;

  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  seed!: number;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'integer' })
  maxAttempts!: number;

  @Column({ type: 'integer' })
  timeoutSeconds!: number;

  @Column({ type: 'varchar', length: 36, nullable: true })
  runId!: string | null;

  @Column({ type: 'varchar', length: 63, nullable: true })
  trainerId!: string | null;

  @Column({ type: 'integer' })
  epoch!: number;

  @Column({ type: 'integer' })
  epochs!: number;

  @Column({ type: 'boolean' })
  cancelRequested!: boolean;

  @Column({ type: 'boolean' })
  deadLettered!: boolean;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  evaluation!: EvaluationMetrics | null;

  @Column({ type: 'varchar', length: 128 })
  createdBy!: string;

  @Column(TIMESTAMP_COLUMN)
  createdAt!: string;

  @Column({ ...TIMESTAMP_COLUMN, nullable: true })
  startedAt!: string | null;

  @Column({ ...TIMESTAMP_COLUMN, nullable: true })
  finishedAt!: string | null;
}

/** A job that failed for good: kept for inspection and replay, never retried by itself. */
@Entity({ name: 'dead_letter' })
export class DeadLetterEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  jobId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column(TIMESTAMP_COLUMN)
  recordedAt!: string;
}

@Entity({ name: 'trainer' })
export class TrainerEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  host!: string;

  @Column({ type: 'integer' })
  pid!: number;

  @Column({ type: 'varchar', length: 40 })
  backend!: string;

  @Column({ type: 'varchar', length: 8 })
  status!: 'idle' | 'busy';

  @Column({ type: 'varchar', length: 36, nullable: true })
  jobId!: string | null;

  @Column(TIMESTAMP_COLUMN)
  startedAt!: string;

  @Column(TIMESTAMP_COLUMN)
  lastSeenAt!: string;
}

@Entity({ name: 'run_artifact' })
export class RunArtifactEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  runId!: string;

  @PrimaryColumn({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 80 })
  blobKey!: string;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  size!: number;

  @Column(TIMESTAMP_COLUMN)
  createdAt!: string;
}

export const JOB_ENTITIES = [JobEntity, DeadLetterEntity, TrainerEntity, RunArtifactEntity];
