import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Read model: every extracted statement, browsable with evidence, sources and confidence. */
@Entity({ name: 'rm_events' })
@Index('IDX_rm_events_actor_stated', ['actor', 'statedOn'])
@Index('IDX_rm_events_article', ['articleId'])
// The API lists events newest first (by global position), overall and per actor: without these a
// page of 50 sorts every matching row.
@Index('IDX_rm_events_actor_position', ['actor', 'globalPosition'])
@Index('IDX_rm_events_position', ['globalPosition'])
export class PositionEventViewEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole!: string | null;

  @Column({ type: 'text', array: true })
  target!: string[];

  @Column({ type: 'text', array: true })
  issues!: string[];

  @Column({ name: 'stated_on', type: 'text', nullable: true })
  statedOn!: string | null;

  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt!: Date;

  @Column({ type: 'text' })
  evidence!: string;

  @Column({ name: 'article_id', type: 'text' })
  articleId!: string;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  @Column({ type: 'real', nullable: true })
  confidence!: number | null;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** How many articles reported the statement: its occurrence's count, filled in when read. */
  sourceCount?: number;

  @Column({ name: 'global_position', type: 'bigint' })
  globalPosition!: string;

  /** The corroborated statement this report belongs to; null when superseded. */
  @Index('IDX_rm_events_occurrence')
  @Column({ name: 'occurrence_id', type: 'uuid', nullable: true })
  occurrenceId!: string | null;

  @Column({ name: 'extractor_version', type: 'text' })
  extractorVersion!: string;

  /** A newer extraction of the same article replaced this report; it counts nowhere. */
  @Column({ type: 'boolean', default: false })
  superseded!: boolean;
}
