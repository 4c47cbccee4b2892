import { TIMESTAMP_COLUMN } from '@galley/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'dataset' })
export class DatasetEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('dataset_name_unique', { unique: true })
  @Column({ type: 'varchar', length: 63 })
  name!: string;

  @Column({ type: 'text' })
  description!: string;

  /** JSON array of tag strings. */
  @Column({ type: 'simple-json' })
  tags!: string[];

  @Column({ type: 'varchar', length: 128 })
  owner!: string;

  @Column(TIMESTAMP_COLUMN)
  createdAt!: string;

  @Column(TIMESTAMP_COLUMN)
  updatedAt!: string;
}
