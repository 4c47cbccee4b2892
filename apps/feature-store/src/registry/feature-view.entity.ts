import type { FeatureViewDefinition } from '@galley/contracts';
import { TIMESTAMP_COLUMN } from '@galley/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One immutable revision of a feature view; the highest revision is the view's current definition. */
@Entity({ name: 'feature_view' })
@Index('feature_view_revision_unique', ['name', 'revision'], { unique: true })
export class FeatureViewEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 63 })
  name!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'varchar', length: 63 })
  entity!: string;

  @Column({ type: 'simple-json' })
  definition!: FeatureViewDefinition;

  /** sha256 of the canonical definition: applying the same definition again is not a new revision. */
  @Column({ type: 'varchar', length: 64 })
  definitionHash!: string;

  @Column({ type: 'varchar', length: 128 })
  owner!: string;

  @Column(TIMESTAMP_COLUMN)
  createdAt!: string;
}
