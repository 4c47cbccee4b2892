import { Entity, PrimaryColumn } from 'typeorm';

/** A column name seen in any version of a dataset, lower-cased, so search can find datasets by column. */
@Entity({ name: 'dataset_column' })
export class DatasetColumnEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  datasetId!: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  name!: string;
}
