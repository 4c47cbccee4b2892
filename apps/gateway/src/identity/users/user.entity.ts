import type { Role } from '@galley/contracts';
import { TIMESTAMP_COLUMN } from '@galley/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'user_account' })
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('user_username_unique', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'varchar', length: 128 })
  displayName!: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'simple-json' })
  roles!: Role[];

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @Column(TIMESTAMP_COLUMN)
  createdAt!: string;

  @Column(TIMESTAMP_COLUMN)
  updatedAt!: string;

  @Column({ ...TIMESTAMP_COLUMN, nullable: true })
  lastLoginAt!: string | null;
}
