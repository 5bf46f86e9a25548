import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type AlertChannel = 'webhook' | 'sse';

/** What a subscription matches (see apps/alerter/src/matching.ts); every field is optional, absent means "any". */
export interface AlertFilter {
  actors?: string[];
  eventTypes?: string[];
  issues?: string[];
  minConfidence?: number;
  /** Alert on stance moves (position-changed) instead of on every statement. */
  onlyStanceChanges?: boolean;
  /** Quantity thresholds, any of which must be met, e.g. { unit: 'troops', min: 1000 }. */
  quantities?: { unit: string; min: number }[];
  /** Also alert when another article corroborates a statement already alerted on. */
  includeCorroborations?: boolean;
}

/** An analyst's standing query and where its alerts go. */
@Entity({ name: 'alert_subscriptions' })
export class AlertSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The API key that created it: analysts only see their own. */
  @Index('IDX_alert_subscriptions_owner')
  @Column({ name: 'owner_key_id', type: 'uuid' })
  ownerKeyId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb' })
  filter!: AlertFilter;

  @Column({ type: 'text' })
  channel!: AlertChannel;

  @Column({ name: 'webhook_url', type: 'text', nullable: true })
  webhookUrl!: string | null;

  /** HMAC key for webhook signatures; kept in clear because signing needs it, never returned after creation. */
  @Column({ name: 'webhook_secret', type: 'text', nullable: true, select: false })
  webhookSecret!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
