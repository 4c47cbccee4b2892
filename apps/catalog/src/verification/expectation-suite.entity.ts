import type { Expectation } from '@galley/contracts';
import { TIMESTAMP_COLUMN } from '@galley/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The expectation suite of one dataset; every change bumps the revision. */
@Entity({ name: 'expectation_suite' })
export class ExpectationSuiteEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  datasetId!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'simple-json' })
  expectations!: Expectation[];

  @Column({ type: 'varchar', length: 128 })
  updatedBy!: string;

  @Column(TIMESTAMP_COLUMN)
  updatedAt!: string;
}
