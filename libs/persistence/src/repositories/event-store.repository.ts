import { DataSource, EntityManager } from 'typeorm';

export interface AppendedEvent {
  globalPosition: string;
  eventId: string;
  stream: string;
  version: number;
}

/** Append-only event store: unique event id, unique (stream, version), global order by position. */
export class EventStoreRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends an event to the end of its stream. Returns null when an event with that id is already
   * stored — appending the same event twice leaves one row.
   */
  async append(manager: EntityManager, stream: string, eventId: string, type: string, body: object): Promise<AppendedEvent | null> {
    const rows: { global_position: string; version: number }[] = await manager.query(
      `INSERT INTO event_store (event_id, stream, version, type, body)
       SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4::jsonb FROM event_store WHERE stream = $2
       ON CONFLICT (event_id) DO NOTHING
       RETURNING global_position, version`,
      [eventId, stream, type, JSON.stringify(body)],
    );
    if (rows.length === 0) return null;
    return { globalPosition: String(rows[0].global_position), eventId, stream, version: rows[0].version };
  }

  async readStream(manager: EntityManager, stream: string): Promise<{ eventId: string; version: number; body: Record<string, unknown> }[]> {
    const rows: { event_id: string; version: number; body: Record<string, unknown> }[] = await manager.query(
      `SELECT event_id, version, body FROM event_store WHERE stream = $1 ORDER BY version`,
      [stream],
    );
    return rows.map((row) => ({ eventId: row.event_id, version: row.version, body: row.body }));
  }

  /** Pages through the whole store in global order, for rebuilding read models. */
  async *readAll(batchSize = 5000, types?: string[]): AsyncGenerator<{ globalPosition: string; type: string; body: Record<string, unknown> }[]> {
    let after = '0';
    for (;;) {
      const rows: { global_position: string; type: string; body: Record<string, unknown> }[] = await this.dataSource.query(
        `SELECT global_position, type, body FROM event_store WHERE global_position > $1 ${types ? 'AND type = ANY($3::text[])' : ''} ORDER BY global_position LIMIT $2`,
        types ? [after, batchSize, types] : [after, batchSize],
      );
      if (rows.length === 0) return;
      after = String(rows[rows.length - 1].global_position);
      yield rows.map((row) => ({ globalPosition: String(row.global_position), type: row.type, body: row.body }));
    }
  }
}
