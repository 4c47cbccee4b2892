import type { ParamValue, SubmitJobRequest } from '@galley/contracts';
import { TIMESTAMP_COLUMN } from '@galley/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SweepTrialStatus = 'pending' | 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

@Entity({ name: 'sweep' })
export class SweepEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 36 })
  experimentId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: 'running' | 'completed' | 'stopped';

  @Column({ type: 'varchar', length: 8 })
  strategy!: 'grid' | 'random';

  @Column({ type: 'integer' })
  parallelism!: number;

  @Column({ type: 'simple-json' })
  objective!: { metric: string; goal: 'maximize' | 'minimize' };

  @Column({ type: 'simple-json' })
  base!: Omit<SubmitJobRequest, 'experiment'>;

  @Column({ type: 'varchar', length: 128 })
  createdBy!: string;

  @Column(TIMESTAMP_COLUMN)
  createdAt!: string;

  @Column({ ...TIMESTAMP_COLUMN, nullable: true })
  finishedAt!: string | null;
}

@Entity({ name: 'sweep_trial' })
export class SweepTrialEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  sweepId!: string;

  @PrimaryColumn({ type: 'integer' })
  index!: number;

  @Column({ type: 'simple-json' })
  params!: Record<string, ParamValue>;

  @Column({ type: 'varchar', length: 16 })
  status!: SweepTrialStatus;

  @Column({ type: 'varchar', length: 36, nullable: true })
  jobId!: string | null;

  @Column({ type: 'double precision', nullable: true })
  objective!: number | null;
}

export const SWEEP_ENTITIES = [SweepEntity, SweepTrialEntity];
