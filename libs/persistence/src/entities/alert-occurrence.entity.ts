import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The alerter's own memory of statements already seen (corroboration occurrences), so another
 * article reporting the same statement is recognised and does not alert again.
 */
@Entity({ name: 'alert_occurrences' })
@Index('IDX_alert_occurrences_key_day', ['matchKey', 'lastDay'])
export class AlertOccurrenceEntity {
  @PrimaryColumn({ name: 'occurrence_id', type: 'text' })
  occurrenceId!: string;

  /** actor|role|type, the candidates a report is compared with. */
  @Column({ name: 'match_key', type: 'text' })
  matchKey!: string;

  /** Last day (YYYY-MM-DD) the sources date it to, to bound the candidates by the matching window. */
  @Column({ name: 'last_day', type: 'text' })
  lastDay!: string;

  /** The Occurrence of libs/domain/src/stance/corroboration.ts. */
  @Column({ type: 'jsonb' })
  occurrence!: Record<string, unknown>;
}
