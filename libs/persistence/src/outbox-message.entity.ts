import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP_COLUMN } from './timestamps';

/**
 * An event waiting to be published. Written in the same transaction as the state change it
 * announces, so an event is published if and only if its change committed, even when NATS is down.
 */
@Entity({ name: 'outbox_message' })
@Index('outbox_unpublished', ['publishedAt', 'createdAt'])
export class OutboxMessageEntity {
  /** Also the JetStream `Nats-Msg-Id`: a re-publish after a crash is deduplicated by the stream. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  subject!: string;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Column(TIMESTAMP_COLUMN)
  createdAt!: string;

  @Column({ ...TIMESTAMP_COLUMN, nullable: true })
  publishedAt!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}
