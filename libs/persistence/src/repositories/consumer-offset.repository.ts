import { DataSource, EntityManager } from 'typeorm';

/** Offsets a consumer has applied, kept beside its effects so both commit or neither does. */
export class ConsumerOffsetRepository {
  constructor(private readonly dataSource: DataSource) {}

  async load(group: string, topic: string, partitions: number[]): Promise<{ partition: number; offset: string }[]> {
    const rows: { partition: number; next_offset: string }[] = await this.dataSource.query(
      `SELECT partition, next_offset FROM consumer_offsets WHERE consumer_group = $1 AND topic = $2 AND partition = ANY($3::int[])`,
      [group, topic, partitions],
    );
    return rows.map((row) => ({ partition: row.partition, offset: String(row.next_offset) }));
  }

  /** The next offset to apply for one partition, locking the row for the transaction's duration. */
  async lockNext(manager: EntityManager, group: string, topic: string, partition: number): Promise<bigint> {
    await manager.query(
      `INSERT INTO consumer_offsets (consumer_group, topic, partition, next_offset) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING`,
      [group, topic, partition],
    );
    const [row] = await manager.query(
      `SELECT next_offset FROM consumer_offsets WHERE consumer_group = $1 AND topic = $2 AND partition = $3 FOR UPDATE`,
      [group, topic, partition],
    );
    return BigInt(row.next_offset);
  }

  async advance(manager: EntityManager, group: string, topic: string, partition: number, nextOffset: bigint): Promise<void> {
    await manager.query(`UPDATE consumer_offsets SET next_offset = $4 WHERE consumer_group = $1 AND topic = $2 AND partition = $3`, [group, topic, partition, nextOffset.toString()]);
  }
}
