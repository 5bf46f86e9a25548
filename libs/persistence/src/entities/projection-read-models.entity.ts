import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Read model: one statement however many articles reported it, with every source. */
@Entity({ name: 'rm_occurrences' })
@Index('IDX_rm_occurrences_actor', ['actor', 'type'])
export class OccurrenceViewEntity {
  @PrimaryColumn({ name: 'occurrence_id', type: 'uuid' })
  occurrenceId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole!: string | null;

  @Column({ type: 'text', array: true })
  target!: string[];

  @Column({ type: 'text', array: true })
  asset!: string[];

  @Column({ type: 'jsonb', nullable: true })
  quantity!: object | null;

  @Column({ type: 'jsonb' })
  conditions!: object[];

  @Column({ name: 'stated_on', type: 'text', nullable: true })
  statedOn!: string | null;

  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt!: Date;

  @Column({ type: 'text', array: true })
  issues!: string[];

  @Column({ type: 'jsonb' })
  evidence!: string[];

  @Column({ type: 'jsonb' })
  urls!: string[];

  @Column({ name: 'source_count', type: 'integer' })
  sourceCount!: number;

  @Column({ type: 'real', nullable: true })
  confidence!: number | null;

  /** Every report: article, URL, event id, when seen. */
  @Column({ type: 'jsonb' })
  sources!: object[];
}

/** Read model: stance intervals per actor × issue, for timelines. */
@Entity({ name: 'rm_position_history' })
export class PositionHistoryEntity {
  @PrimaryColumn({ type: 'text' })
  actor!: string;

  @PrimaryColumn({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @PrimaryColumn({ type: 'text' })
  issue!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'text' })
  stance!: string;

  @Column({ name: 'from_date', type: 'text' })
  fromDate!: string;

  @Column({ name: 'to_date', type: 'text', nullable: true })
  toDate!: string | null;

  @Column({ name: 'cause_event_id', type: 'uuid' })
  causeEventId!: string;
}

/** Read model: pledges per actor and issue with their status (announced, considered, withdrawn, refused). */
@Entity({ name: 'rm_pledges' })
@Index('IDX_rm_pledges_actor', ['actor'])
export class PledgeViewEntity {
  @PrimaryColumn({ name: 'occurrence_id', type: 'uuid' })
  occurrenceId!: string;

  @PrimaryColumn({ type: 'text' })
  issue!: string;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole!: string | null;

  @Column({ type: 'text', array: true })
  asset!: string[];

  @Column({ type: 'jsonb', nullable: true })
  quantity!: object | null;

  @Column({ type: 'jsonb' })
  conditions!: object[];

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'withdrawn_by', type: 'uuid', nullable: true })
  withdrawnBy!: string | null;

  @Column({ name: 'stated_on', type: 'text' })
  statedOn!: string;

  @Column({ name: 'source_count', type: 'integer' })
  sourceCount!: number;

  @Column({ type: 'jsonb' })
  urls!: string[];
}

/** Read model: each actor's contribution to an issue's pledge totals, per unit and status. */
@Entity({ name: 'rm_pledge_totals' })
export class PledgeTotalEntity {
  @PrimaryColumn({ type: 'text' })
  issue!: string;

  @PrimaryColumn({ type: 'text' })
  unit!: string;

  @PrimaryColumn({ type: 'text' })
  status!: string;

  @PrimaryColumn({ type: 'text' })
  actor!: string;

  /** null when the actor's pledges state no number ("several hundred troops"). */
  @Column({ type: 'double precision', nullable: true })
  value!: number | null;

  @Column({ name: 'occurrence_ids', type: 'text', array: true })
  occurrenceIds!: string[];

  /** Amounts in words that are not in the total. */
  @Column({ type: 'jsonb' })
  vague!: string[];
}

/** Read model: who drew which red line on an issue, when first and last stated, how often restated. */
@Entity({ name: 'rm_red_lines' })
export class RedLineViewEntity {
  @PrimaryColumn({ type: 'text' })
  actor!: string;

  @PrimaryColumn({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  /** '' for red lines that fit no configured issue. */
  @PrimaryColumn({ type: 'text' })
  issue!: string;

  @Column({ name: 'first_stated', type: 'text' })
  firstStated!: string;

  @Column({ name: 'last_stated', type: 'text' })
  lastStated!: string;

  @Column({ name: 'times_stated', type: 'integer' })
  timesStated!: number;

  @Column({ name: 'times_restated', type: 'integer' })
  timesRestated!: number;

  @Column({ name: 'source_count', type: 'integer' })
  sourceCount!: number;

  @Column({ type: 'jsonb' })
  lines!: string[];

  @Column({ type: 'jsonb' })
  statements!: object[];
}

/** The newest extractor version seen per article: reports from older runs are superseded. */
@Entity({ name: 'rm_article_extractions' })
export class ArticleExtractionEntity {
  @PrimaryColumn({ name: 'article_id', type: 'text' })
  articleId!: string;

  @Column({ name: 'extractor_version', type: 'text' })
  extractorVersion!: string;
}
