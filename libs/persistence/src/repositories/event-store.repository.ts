import { EntityManager } from 'typeorm';

export interface AppendedEvent {
  globalPosition: string;
  eventId: string;
  stream: string;
  version: number;
}

/** Append-only event store: unique event id, unique (stream, version), global order by position. */
export class EventStoreRepository {
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
}
