import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type FeedStatus = 'active' | 'paused' | 'disabled';

/** A feed an admin registered, with the state of its polling. */
@Entity({ name: 'feeds' })
export class FeedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('UQ_feeds_url', { unique: true })
  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Column({ type: 'text', default: 'active' })
  status!: FeedStatus;

  @Column({ name: 'interval_seconds', type: 'integer' })
  intervalSeconds!: number;

  @Column({ type: 'text', nullable: true })
  etag!: string | null;

  @Column({ name: 'last_modified', type: 'text', nullable: true })
  lastModified!: string | null;

  @Column({ name: 'last_fetched_at', type: 'timestamptz', nullable: true })
  lastFetchedAt!: Date | null;

  @Column({ name: 'last_new_item_at', type: 'timestamptz', nullable: true })
  lastNewItemAt!: Date | null;

  @Index('IDX_feeds_next_check_at')
  @Column({ name: 'next_check_at', type: 'timestamptz' })
  nextCheckAt!: Date;

  @Column({ name: 'consecutive_errors', type: 'integer', default: 0 })
  consecutiveErrors!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Why polling stopped (N failures in a row, HTTP 410), in plain words; null unless disabled. */
  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason!: string | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ name: 'items_seen', type: 'integer', default: 0 })
  itemsSeen!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
