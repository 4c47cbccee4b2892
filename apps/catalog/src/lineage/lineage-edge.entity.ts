import { TIMESTAMP_COLUMN } from '@galley/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One edge of the lineage graph: `fromUrn` (an input) was used to make `toUrn`. */
@Entity({ name: 'lineage_edge' })
@Index('lineage_edge_unique', ['fromUrn', 'toUrn', 'relation'], { unique: true })
export class LineageEdgeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 160 })
  fromUrn!: string;

  @Index('lineage_edge_to')
  @Column({ type: 'varchar', length: 160 })
  toUrn!: string;

  @Column({ type: 'varchar', length: 40 })
  relation!: string;

  @Column({ type: 'varchar', length: 128 })
  recordedBy!: string;

  @Column(TIMESTAMP_COLUMN)
  recordedAt!: string;
}
