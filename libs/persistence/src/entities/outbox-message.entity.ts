import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Transactional outbox: a message is written in the same transaction as the state it announces
 * and published to Kafka afterwards, so a Kafka outage delays publication but loses nothing.
 */
@Entity({ name: 'outbox' })
@Index('IDX_outbox_unpublished', ['id'], { where: 'published_at IS NULL' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ name: 'message_key', type: 'text', nullable: true })
  messageKey!: string | null;

  /** The serialised message exactly as it will be sent, validated when written. */
  @Column({ type: 'text' })
  value!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
