import type { Materialization } from '@galley/contracts';
import { BIGINT_AS_NUMBER, TIMESTAMP_COLUMN } from '@galley/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One materialization run of a feature view revision over one source version. */
@Entity({ name: 'materialization' })
@Index('materialization_view', ['view', 'startedAt'])
export class MaterializationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 63 })
  view!: string;

  @Column({ type: 'integer' })
  viewRevision!: number;

  @Column({ type: 'varchar', length: 63 })
  sourceDataset!: string;

  @Column({ type: 'integer' })
  sourceVersion!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: Materialization['status'];

  /** The window's bounds as UTC ISO 8601 (microseconds kept when given); null: unbounded. */
  @Column({ ...TIMESTAMP_COLUMN, nullable: true })
  windowStart!: string | null;

  @Column({ ...TIMESTAMP_COLUMN, nullable: true })
  windowEnd!: string | null;

  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  rowsScanned!: number;

  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  entitiesWritten!: number;

  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  entitiesTotal!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column(TIMESTAMP_COLUMN)
  startedAt!: string;

  @Column({ ...TIMESTAMP_COLUMN, nullable: true })
  finishedAt!: string | null;

  /** Refreshed about once a second by the process running it; a stale one means that process is gone. */
  @Column({ ...TIMESTAMP_COLUMN, nullable: true })
  heartbeatAt!: string | null;
}
