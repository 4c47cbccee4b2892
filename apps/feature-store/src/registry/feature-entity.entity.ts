import type { EntityValueType } from '@galley/contracts';
import { TIMESTAMP_COLUMN } from '@galley/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What features describe (a station, a customer), identified by the value of its join key column. */
@Entity({ name: 'feature_entity' })
export class FeatureEntityEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('feature_entity_name_unique', { unique: true })
  @Column({ type: 'varchar', length: 63 })
  name!: string;

  @Column({ type: 'varchar', length: 255 })
  joinKey!: string;

  @Column({ type: 'varchar', length: 16 })
  valueType!: EntityValueType;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 128 })
  owner!: string;

  @Column(TIMESTAMP_COLUMN)
  createdAt!: string;
}
