import { TIMESTAMP_COLUMN } from '@galley/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A signed-in browser or CLI. The id is the SHA-256 of the token: the token itself is never stored. */
@Entity({ name: 'user_session' })
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Index('session_user')
  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @Column(TIMESTAMP_COLUMN)
  createdAt!: string;

  @Column(TIMESTAMP_COLUMN)
  expiresAt!: string;

  /** The session a kernel session was minted from (its id); it ends when that one ends. */
  @Index('session_parent')
  @Column({ type: 'varchar', length: 64, nullable: true })
  parentId!: string | null;
}
