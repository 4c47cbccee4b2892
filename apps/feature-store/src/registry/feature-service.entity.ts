import { TIMESTAMP_COLUMN } from '@galley/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A named set of features (`view:feature`) that a model uses, so training and serving ask for the same. */
@Entity({ name: 'feature_service' })
export class FeatureServiceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('feature_service_name_unique', { unique: true })
  @Column({ type: 'varchar', length: 63 })
  name!: string;

  @Column({ type: 'simple-json' })
  features!: string[];

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 128 })
  owner!: string;

  @Column(TIMESTAMP_COLUMN)
  createdAt!: string;
}
