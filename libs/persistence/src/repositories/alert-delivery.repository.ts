import { DataSource, EntityManager } from 'typeorm';
import { AlertDeliveryEntity, AlertDeliveryStatus } from '../entities';

export interface NewAlertDelivery {
  /** Chosen by the caller so the payload can carry it. */
  id: string;
  subscriptionId: string;
  dedupeKey: string;
  channel: string;
  payload: Record<string, unknown>;
}

/** A webhook delivery claimed for an attempt, with what sending needs. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  payload: Record<string, unknown>;
  attempts: number;
  firstAttemptAt: Date;
  createdAt: Date;
  url: string;
  secret: string;
}

const COLUMNS = `id, seq, subscription_id AS "subscriptionId", dedupe_key AS "dedupeKey", channel, status, payload, attempts,
  next_attempt_at AS "nextAttemptAt", first_attempt_at AS "firstAttemptAt", last_attempt_at AS "lastAttemptAt",
  last_status AS "lastStatus", last_error AS "lastError", created_at AS "createdAt", delivered_at AS "deliveredAt"`;

/** Alert deliveries: recorded by the alerter in its consumer transaction, sent by its delivery worker, read by the API. */
export class AlertDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts what is new; an alert already recorded for (subscription, key) is left alone. Returns how many were new. */
  async record(manager: EntityManager, rows: NewAlertDelivery[]): Promise<number> {
    let inserted = 0;
    for (const row of rows) {
      const sse = row.channel === 'sse';
      const result: unknown[] = await manager.query(
        `INSERT INTO alert_deliveries (id, subscription_id, dedupe_key, channel, status, payload, next_attempt_at, delivered_at)
         VALUES ($8, $1, $2, $3, $4, $5, $6, $7) ON CONFLICT (subscription_id, dedupe_key) DO NOTHING RETURNING id`,
        [row.subscriptionId, row.dedupeKey, row.channel, sse ? 'delivered' : 'pending', row.payload, sse ? null : new Date(), sse ? new Date() : null, row.id],
      );
      inserted += result.length;
    }
    return inserted;
  }

  /**
   * Claims due webhook deliveries for one attempt: the lease pushes next_attempt_at forward, so a
   * worker that dies mid-send leaves the row to be retried after the lease, never lost.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    // TypeORM gives [rows, count] for an UPDATE ... RETURNING
    const [rows] = await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM alert_deliveries
         WHERE status = 'pending' AND channel = 'webhook' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE alert_deliveries d SET attempts = d.attempts + 1, last_attempt_at = now(),
         first_attempt_at = COALESCE(d.first_attempt_at, now()), next_attempt_at = now() + ($2 || ' milliseconds')::interval
       FROM due, alert_subscriptions s
       WHERE d.id = due.id AND s.id = d.subscription_id
       RETURNING d.id, d.subscription_id AS "subscriptionId", d.payload, d.attempts, d.first_attempt_at AS "firstAttemptAt",
         d.created_at AS "createdAt", s.webhook_url AS url, s.webhook_secret AS secret`,
      [limit, String(leaseMs)],
    );
    return rows;
  }

  async markDelivered(id: string, status: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE alert_deliveries SET status = 'delivered', delivered_at = now(), next_attempt_at = NULL, last_status = $2, last_error = NULL WHERE id = $1`,
      [id, status],
    );
  }

  /** Another attempt at `nextAttemptAt`, or null to give up (status failed). */
  async markAttemptFailed(id: string, outcome: { status: number | null; error: string }, nextAttemptAt: Date | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE alert_deliveries SET status = $4, next_attempt_at = $5, last_status = $2, last_error = $3 WHERE id = $1`,
      [id, outcome.status, outcome.error.slice(0, 1000), nextAttemptAt ? 'pending' : 'failed', nextAttemptAt],
    );
  }

  list(subscriptionId: string, status: AlertDeliveryStatus | undefined, limit: number): Promise<AlertDeliveryEntity[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM alert_deliveries WHERE subscription_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY seq DESC LIMIT $3`,
      [subscriptionId, status ?? null, limit],
    );
  }

  async get(subscriptionId: string, id: string): Promise<AlertDeliveryEntity | null> {
    const rows = await this.dataSource.query(`SELECT ${COLUMNS} FROM alert_deliveries WHERE subscription_id = $1 AND id = $2`, [subscriptionId, id]);
    return rows[0] ?? null;
  }

  /** Puts a webhook delivery back in the queue now, with a fresh retry window. */
  async retry(subscriptionId: string, id: string): Promise<AlertDeliveryEntity | null> {
    await this.dataSource.query(
      `UPDATE alert_deliveries SET status = 'pending', next_attempt_at = now(), first_attempt_at = NULL
       WHERE subscription_id = $1 AND id = $2 AND channel = 'webhook' AND status <> 'delivered'`,
      [subscriptionId, id],
    );
    return this.get(subscriptionId, id);
  }

  /** SSE alerts of an owner's active stream subscriptions after `afterSeq`, oldest first. */
  streamAfter(ownerKeyId: string, afterSeq: string, limit: number): Promise<{ id: string; seq: string; subscriptionId: string; payload: Record<string, unknown> }[]> {
    return this.dataSource.query(
      `SELECT d.id, d.seq::text AS seq, d.subscription_id AS "subscriptionId", d.payload FROM alert_deliveries d
       JOIN alert_subscriptions s ON s.id = d.subscription_id
       WHERE s.owner_key_id = $1 AND s.channel = 'sse' AND s.active AND d.seq > $2::bigint
       ORDER BY d.seq LIMIT $3`,
      [ownerKeyId, afterSeq, limit],
    );
  }

  /** The latest alert sequence number, where a new stream without Last-Event-ID starts. */
  async lastSeq(): Promise<string> {
    const [row] = await this.dataSource.query(`SELECT COALESCE(MAX(seq), 0)::text AS seq FROM alert_deliveries`);
    return row.seq;
  }
}
