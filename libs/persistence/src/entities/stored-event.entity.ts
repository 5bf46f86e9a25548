import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The append-only event store: the source of truth every read model is rebuilt from. */
@Entity({ name: 'event_store' })
@Index('UQ_event_store_stream_version', ['stream', 'version'], { unique: true })
// "Which stance change did this statement cause" looks up position-changed events by
// body->payload->causeEventId. TypeORM cannot express an index on a JSON expression, so it is
// declared here unsynchronised (the schema diff neither creates nor drops it) and created by the
// EventStoreCauseEventIndex migration.
@Index('IDX_event_store_cause_event', { synchronize: false })
export class StoredEventEntity {
  @PrimaryGeneratedColumn({ name: 'global_position', type: 'bigint' })
  globalPosition!: string;

  @Index('UQ_event_store_event_id', { unique: true })
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  stream!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  type!: string;

  /** The whole envelope as published. */
  @Column({ type: 'jsonb' })
  body!: Record<string, unknown>;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
