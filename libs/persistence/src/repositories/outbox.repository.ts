import { DataSource, EntityManager } from 'typeorm';
import { topicName, TopicContract, validate } from '@stancewatch/contracts';
import { OutboxMessageEntity } from '../entities';

export interface PendingOutboxMessage {
  id: string;
  topic: string;
  key: string | null;
  value: string;
}

/** Writes messages inside the caller's transaction; the publisher sends them after commit. */
export class OutboxRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly topicPrefix: string,
  ) {}

  async enqueue<T>(manager: EntityManager, contract: TopicContract<T>, values: T[]): Promise<void> {
    if (values.length === 0) return;
    const rows = values.map((value) => {
      const valid = validate(contract, value);
      return { topic: topicName(contract, this.topicPrefix), messageKey: contract.keyOf(valid), value: JSON.stringify(valid) };
    });
    await manager.getRepository(OutboxMessageEntity).insert(rows);
  }

  /**
   * Hands the oldest unpublished messages to `publish` while holding their row locks, and marks
   * them published in the same transaction. A crash after sending but before commit sends them
   * again: consumers dedupe by event id, so the effect is still once.
   */
  async publishBatch(limit: number, publish: (messages: PendingOutboxMessage[]) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string; topic: string; message_key: string | null; value: string }[] = await manager.query(
        `SELECT id, topic, message_key, value FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      await publish(rows.map((row) => ({ id: String(row.id), topic: row.topic, key: row.message_key, value: row.value })));
      await manager.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  async countUnpublished(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    return row.n;
  }
}
