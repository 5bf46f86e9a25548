import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model: where each actor stands on each issue now, and on whose word. */
@Entity({ name: 'rm_current_positions' })
export class CurrentPositionEntity {
  @PrimaryColumn({ type: 'text' })
  actor!: string;

  /** '' for the actor's government; e.g. 'opposition' for a party inside it, which holds its own stance. */
  @PrimaryColumn({ name: 'actor_role', type: 'text', default: '' })
  actorRole!: string;

  @PrimaryColumn({ type: 'text' })
  issue!: string;

  @Column({ type: 'text' })
  stance!: string;

  @Column({ type: 'text', nullable: true })
  since!: string | null;

  @Column({ name: 'cause_event_id', type: 'uuid' })
  causeEventId!: string;

  @Column({ name: 'event_ids', type: 'uuid', array: true })
  eventIds!: string[];

  @Column({ type: 'jsonb' })
  conditions!: { text: string; kind: string | null }[];

  @Column({ name: 'source_count', type: 'integer' })
  sourceCount!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
