import type { RunEnvironment, RunStatus } from '@galley/contracts';
import { BIGINT_AS_NUMBER, TIMESTAMP_COLUMN } from '@galley/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'experiment' })
export class ExperimentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 63 })
  name!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 128 })
  owner!: string;

  @Column(TIMESTAMP_COLUMN)
  createdAt!: string;
}

@Entity({ name: 'run' })
export class RunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  experimentId!: string;

  @Column({ type: 'varchar', length: 250 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: RunStatus;

  @Column({ type: 'varchar', length: 16 })
  source!: 'job' | 'external';

  @Column({ type: 'varchar', length: 36, nullable: true })
  jobId!: string | null;

  @Column({ type: 'simple-json' })
  environment!: RunEnvironment;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'varchar', length: 128 })
  createdBy!: string;

  @Column(TIMESTAMP_COLUMN)
  createdAt!: string;

  @Column({ ...TIMESTAMP_COLUMN, nullable: true })
  startedAt!: string | null;

  @Column({ ...TIMESTAMP_COLUMN, nullable: true })
  finishedAt!: string | null;
}

/** One param of a run, stored as text and (when numeric) as a number, so filters compare either way. */
@Entity({ name: 'run_param' })
export class RunParamEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  runId!: string;

  @PrimaryColumn({ type: 'varchar', length: 250 })
  key!: string;

  @Column({ type: 'text' })
  valueText!: string;

  @Column({ type: 'double precision', nullable: true })
  valueNum!: number | null;

  /** The value as given (string, number or boolean), JSON-encoded. */
  @Column({ type: 'text' })
  valueJson!: string;
}

@Entity({ name: 'run_tag' })
export class RunTagEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  runId!: string;

  @PrimaryColumn({ type: 'varchar', length: 250 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;
}

/** The latest point (highest step) of each metric of a run: what search filters and sorts on. */
@Entity({ name: 'run_metric_latest' })
export class RunMetricLatestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  runId!: string;

  @PrimaryColumn({ type: 'varchar', length: 250 })
  key!: string;

  @Column({ type: 'double precision' })
  value!: number;

  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  step!: number;
}

@Entity({ name: 'metric_point' })
export class MetricPointEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  runId!: string;

  @PrimaryColumn({ type: 'varchar', length: 250 })
  key!: string;

  @PrimaryColumn({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  step!: number;

  @Column({ type: 'double precision' })
  value!: number;

  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  timestamp!: number;
}

export const TRACKING_ENTITIES = [ExperimentEntity, RunEntity, RunParamEntity, RunTagEntity, RunMetricLatestEntity, MetricPointEntity];
