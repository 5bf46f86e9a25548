import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Kafka offsets a consumer has applied, written in the same transaction as its effects. */
@Entity({ name: 'consumer_offsets' })
export class ConsumerOffsetEntity {
  @PrimaryColumn({ name: 'consumer_group', type: 'text' })
  consumerGroup!: string;

  @PrimaryColumn({ type: 'text' })
  topic!: string;

  @PrimaryColumn({ type: 'integer' })
  partition!: number;

  /** The offset of the next message to apply (Kafka's commit convention). */
  @Column({ name: 'next_offset', type: 'bigint' })
  nextOffset!: string;
}
