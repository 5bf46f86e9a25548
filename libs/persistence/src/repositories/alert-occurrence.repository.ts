import { DataSource, EntityManager } from 'typeorm';

/** The alerter's occurrences (statements already seen), read and written inside its consumer transaction. */
export class AlertOccurrenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Occurrences of one actor|role|type whose last day is on or after `fromDay` (YYYY-MM-DD). */
  async candidates<T>(manager: EntityManager, matchKey: string, fromDay: string): Promise<T[]> {
    const rows: { occurrence: T }[] = await manager.query(`SELECT occurrence FROM alert_occurrences WHERE match_key = $1 AND last_day >= $2`, [matchKey, fromDay]);
    return rows.map((row) => row.occurrence);
  }

  async save(manager: EntityManager, row: { occurrenceId: string; matchKey: string; lastDay: string; occurrence: object }): Promise<void> {
    await manager.query(
      `INSERT INTO alert_occurrences (occurrence_id, match_key, last_day, occurrence) VALUES ($1, $2, $3, $4)
       ON CONFLICT (occurrence_id) DO UPDATE SET last_day = EXCLUDED.last_day, occurrence = EXCLUDED.occurrence`,
      [row.occurrenceId, row.matchKey, row.lastDay, row.occurrence],
    );
  }
}
