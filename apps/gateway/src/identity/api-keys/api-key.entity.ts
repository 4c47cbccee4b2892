import type { Role } from '@galley/contracts';
import { TIMESTAMP_COLUMN } from '@galley/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A service account's key. The key is `gk_<publicId>_<secret>`: publicId finds the row, and only the
 * SHA-256 of the secret is stored.
 */
@Entity({ name: 'api_key' })
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Index('api_key_public_id_unique', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  publicId!: string;

  @Column({ type: 'varchar', length: 64 })
  secretHash!: string;

  @Column({ type: 'simple-json' })
  roles!: Role[];

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Column(TIMESTAMP_COLUMN)
  createdAt!: string;

  @Column({ ...TIMESTAMP_COLUMN, nullable: true })
  lastUsedAt!: string | null;

  @Column({ ...TIMESTAMP_COLUMN, nullable: true })
  expiresAt!: string | null;

  @Column({ ...TIMESTAMP_COLUMN, nullable: true })
  revokedAt!: string | null;
}
