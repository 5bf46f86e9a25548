import { Column, CreateDateColumn, Entity, Generated, Index, ManyToOne, JoinColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { AlertSubscriptionEntity } from './alert-subscription.entity';

/** pending: waiting for its (next) attempt; delivered: 2xx (or written to the SSE log); failed: retries exhausted. */
export type AlertDeliveryStatus = 'pending' | 'delivered' | 'failed';

/**
 * One alert for one subscription. (subscription, dedupe key) is unique, so one underlying statement
 * or stance move alerts a subscription at most once, whatever is replayed.
 */
@Entity({ name: 'alert_deliveries' })
@Unique('UQ_alert_deliveries_subscription_key', ['subscriptionId', 'dedupeKey'])
@Index('IDX_alert_deliveries_due', ['status', 'nextAttemptAt'])
@Index('IDX_alert_deliveries_subscription_seq', ['subscriptionId', 'seq'])
export class AlertDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Total order of alerts: the SSE event id, so a stream resumes after Last-Event-ID. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq!: string;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @ManyToOne(() => AlertSubscriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id' })
  subscription?: AlertSubscriptionEntity;

  /** `occurrence:<id>` for a statement, `change:<event id>` for a stance move. */
  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey!: string;

  @Column({ type: 'text' })
  channel!: string;

  @Column({ type: 'text' })
  status!: AlertDeliveryStatus;

  /** The alert body exactly as sent. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  /** Start of the current retry window (reset by a manual retry). */
  @Column({ name: 'first_attempt_at', type: 'timestamptz', nullable: true })
  firstAttemptAt!: Date | null;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ name: 'last_status', type: 'integer', nullable: true })
  lastStatus!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
