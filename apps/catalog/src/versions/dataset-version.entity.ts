import type { ColumnSchema, ExpectationResult, SchemaChange, TableFormat, TableProfile, ValidationOutcome, VersionStatus } from '@galley/contracts';
import { BIGINT_NUMBER_COLUMN, TIMESTAMP_COLUMN } from '@galley/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An immutable version of a dataset: its bytes are the blob `sha256/<sha256>`. */
@Entity({ name: 'dataset_version' })
@Index('dataset_version_number_unique', ['datasetId', 'number'], { unique: true })
@Index('dataset_version_sha_unique', ['datasetId', 'sha256'], { unique: true })
export class DatasetVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  datasetId!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column(BIGINT_NUMBER_COLUMN)
  size!: number;

  @Column({ type: 'varchar', length: 16 })
  format!: TableFormat;

  @Column(BIGINT_NUMBER_COLUMN)
  rowCount!: number;

  @Column({ type: 'simple-json' })
  columns!: ColumnSchema[];

  @Column({ type: 'simple-json' })
  profile!: TableProfile;

  @Column({ type: 'varchar', length: 128 })
  uploader!: string;

  @Column(TIMESTAMP_COLUMN)
  createdAt!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: VersionStatus;

  @Column({ type: 'varchar', length: 16 })
  validation!: ValidationOutcome;

  @Column({ type: 'simple-json', nullable: true })
  schemaChange!: SchemaChange | null;

  /** The last check against the dataset's suite; null when there was no suite to check. */
  @Column({ type: 'simple-json', nullable: true })
  validationReport!: StoredValidation | null;
}

export interface StoredValidation {
  suiteRevision: number;
  validatedAt: string;
  results: ExpectationResult[];
}
