import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { CurrentPositionEntity, PledgeTotalEntity, PledgeViewEntity, PositionEventViewEntity, PositionHistoryEntity, RedLineViewEntity } from '../entities';

export interface EventFilter {
  actor?: string;
  type?: string;
  issue?: string;
  target?: string;
  statedFrom?: string;
  statedTo?: string;
  minConfidence?: number;
  text?: string;
  /** Reports a newer extraction of their article replaced; hidden unless asked for. */
  includeSuperseded?: boolean;
}

export interface PledgeFilter {
  issue?: string;
  actor?: string;
  status?: string;
  asset?: string;
}

/** Keyset position of a pledge in the list (newest statement first). */
export interface PledgeCursor {
  statedOn: string;
  occurrenceId: string;
  issue: string;
}

const EVENT_COLUMNS = ['event_id', 'type', 'actor', 'actor_role', 'target', 'issues', 'stated_on', 'observed_at', 'evidence', 'article_id', 'url', 'confidence', 'payload', 'global_position', 'occurrence_id', 'extractor_version', 'superseded']
  .map((c) => `e.${c}`)
  .join(', ');

interface PositionRow {
  actor: string;
  actor_role: string;
  issue: string;
  stance: string;
  since: string | null;
  cause_event_id: string;
  event_ids: string[];
  conditions: { text: string; kind: string | null }[];
  source_count: number;
  updated_at: Date;
}

interface EventRow {
  event_id: string;
  type: string;
  actor: string;
  actor_role: string | null;
  target: string[];
  issues: string[];
  stated_on: string | null;
  observed_at: Date;
  evidence: string;
  article_id: string;
  url: string | null;
  confidence: number | null;
  payload: Record<string, unknown>;
  global_position: string;
  occurrence_id: string | null;
  extractor_version: string;
  superseded: boolean;
  occurrence_source_count: number | null;
}

/** A report carries its occurrence's source count, which grows as more articles corroborate it. */
function toEvent(r: EventRow): PositionEventViewEntity {
  return Object.assign(new PositionEventViewEntity(), {
    eventId: r.event_id,
    type: r.type,
    actor: r.actor,
    actorRole: r.actor_role,
    target: r.target,
    issues: r.issues,
    statedOn: r.stated_on,
    observedAt: r.observed_at,
    evidence: r.evidence,
    articleId: r.article_id,
    url: r.url,
    confidence: r.confidence,
    payload: r.payload,
    globalPosition: r.global_position,
    occurrenceId: r.occurrence_id,
    extractorVersion: r.extractor_version,
    superseded: r.superseded,
    sourceCount: r.occurrence_source_count ?? 1,
  });
}

/** WHERE clause and parameters of an event page; the page size is the last parameter. */
function eventListWhere(filter: EventFilter, limit: number, before?: string | null): { where: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (before) add((p) => `e.global_position < ${p}`, before);
  if (filter.actor) add((p) => `e.actor = ${p}`, filter.actor);
  if (filter.type) add((p) => `e.type = ${p}`, filter.type);
  if (filter.issue) add((p) => `${p} = ANY(e.issues)`, filter.issue);
  if (filter.target) add((p) => `${p} = ANY(e.target)`, filter.target);
  if (filter.statedFrom) add((p) => `e.stated_on >= ${p}`, filter.statedFrom);
  if (filter.statedTo) add((p) => `e.stated_on <= ${p}`, filter.statedTo);
  if (filter.minConfidence !== undefined) add((p) => `e.confidence >= ${p}`, filter.minConfidence);
  if (!filter.includeSuperseded) where.push('e.superseded = false');
  if (filter.text) add((p) => `e.evidence ILIKE ${p}`, `%${filter.text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  params.push(limit);
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** Reads of the projections' tables for the API (the projector writes them through ProjectionStore). */
export class ReadModelRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The API's hot reads go straight to the pool as named prepared statements: Postgres parses and
   * plans each distinct query text once per connection instead of on every request.
   */
  private async prepared<T>(text: string, values: unknown[]): Promise<T[]> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const name = `rm_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    return (await pool.query({ name, text, values })).rows as T[];
  }

  // Plain SQL: TypeORM's find costs ~0.5 ms CPU per call here, four times the query round trip.
  positionsOf(actor: string): Promise<CurrentPositionEntity[]> {
    return this.positions('WHERE actor = $1 ORDER BY issue, actor_role', [actor]);
  }

  positionsOnIssue(issue: string): Promise<CurrentPositionEntity[]> {
    return this.positions('WHERE issue = $1 ORDER BY actor, actor_role', [issue]);
  }

  allPositions(): Promise<CurrentPositionEntity[]> {
    return this.positions('ORDER BY actor, issue, actor_role', []);
  }

  private async positions(tail: string, params: unknown[]): Promise<CurrentPositionEntity[]> {
    const rows = await this.prepared<PositionRow>(
      `SELECT actor, actor_role, issue, stance, since, cause_event_id, event_ids, conditions, source_count, updated_at FROM rm_current_positions ${tail}`,
      params,
    );
    return rows.map((r) =>
      Object.assign(new CurrentPositionEntity(), {
        actor: r.actor,
        actorRole: r.actor_role,
        issue: r.issue,
        stance: r.stance,
        since: r.since,
        causeEventId: r.cause_event_id,
        eventIds: r.event_ids,
        conditions: r.conditions,
        sourceCount: r.source_count,
        updatedAt: r.updated_at,
      }),
    );
  }

  async getEvent(eventId: string): Promise<PositionEventViewEntity | null> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS}, o.source_count AS occurrence_source_count FROM rm_events e LEFT JOIN rm_occurrences o ON o.occurrence_id = e.occurrence_id WHERE e.event_id = $1`,
      [eventId],
    );
    return rows.length ? toEvent(rows[0]) : null;
  }

  /**
   * Newest first by global position; `before` is the cursor (a global position) from the previous page.
   * Plain SQL mapped by hand: the dashboards' hottest read, and TypeORM's hydration of a joined page
   * (raw and entities both) cost more CPU than the query itself.
   */
  async listEvents(filter: EventFilter, limit: number, before?: string | null): Promise<PositionEventViewEntity[]> {
    const { where, params } = eventListWhere(filter, limit, before);
    const rows = await this.prepared<EventRow>(
      `SELECT ${EVENT_COLUMNS}, o.source_count AS occurrence_source_count
         FROM rm_events e LEFT JOIN rm_occurrences o ON o.occurrence_id = e.occurrence_id
        ${where}
        ORDER BY e.global_position DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toEvent);
  }

  /**
   * The same page as listEvents, each event already the JSON of the API's list item (the fields and
   * order of `presentEvent` in apps/api), built by Postgres: the API neither parses the rows (dates,
   * arrays, the payload jsonb) nor serialises them again, which was most of a page's CPU.
   */
  async listEventItemsJson(filter: EventFilter, limit: number, before?: string | null): Promise<{ globalPosition: string; json: string }[]> {
    const { where, params } = eventListWhere(filter, limit, before);
    const rows = await this.prepared<{ global_position: string; item: string }>(
      `SELECT e.global_position, row_to_json(item)::text AS item
         FROM rm_events e LEFT JOIN rm_occurrences o ON o.occurrence_id = e.occurrence_id
        CROSS JOIN LATERAL (SELECT e.event_id AS "eventId", e.type, e.actor, e.actor_role AS "actorRole", e.target, e.issues, e.stated_on AS "statedOn",
                                   to_char(e.observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "observedAt",
                                   coalesce(nullif(e.payload->'asset', 'null'), '[]') AS asset, e.payload->'quantity' AS quantity,
                                   coalesce(nullif(e.payload->'conditions', 'null'), '[]') AS conditions,
                                   e.evidence, e.article_id AS "articleId", e.url, e.confidence, coalesce(o.source_count, 1) AS "sourceCount", e.superseded) item
        ${where}
        ORDER BY e.global_position DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({ globalPosition: r.global_position, json: r.item }));
  }

  /** The reports extracted from one article, in stream order. */
  eventsOfArticle(articleId: string, includeSuperseded = false): Promise<PositionEventViewEntity[]> {
    return this.dataSource.getRepository(PositionEventViewEntity).find({ where: { articleId, ...(includeSuperseded ? {} : { superseded: false }) }, order: { globalPosition: 'ASC' } });
  }

  /** Whether any statement of the actor was ever recorded (superseded ones included). */
  async actorKnown(actor: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM rm_events WHERE actor = $1 LIMIT 1`, [actor]);
    return rows.length > 0;
  }

  /** Stance intervals of one actor (and role, '' = its government) on one issue, oldest first. */
  positionHistory(actor: string, actorRole: string, issue: string): Promise<PositionHistoryEntity[]> {
    return this.dataSource.getRepository(PositionHistoryEntity).find({ where: { actor, actorRole, issue }, order: { seq: 'ASC' } });
  }

  eventsById(ids: string[]): Promise<PositionEventViewEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(PositionEventViewEntity).createQueryBuilder('e').where('e.event_id = ANY(:ids)', { ids }).getMany();
  }

  /** Pledges, newest statement first; `after` is the last row of the previous page. */
  listPledges(filter: PledgeFilter, limit: number, after?: PledgeCursor): Promise<PledgeViewEntity[]> {
    const q = this.dataSource.getRepository(PledgeViewEntity).createQueryBuilder('p').orderBy('p.stated_on', 'DESC').addOrderBy('p.occurrence_id', 'DESC').addOrderBy('p.issue', 'DESC').limit(limit);
    if (filter.issue) q.andWhere('p.issue = :issue', { issue: filter.issue });
    if (filter.actor) q.andWhere('p.actor = :actor', { actor: filter.actor });
    if (filter.status) q.andWhere('p.status = :status', { status: filter.status });
    if (filter.asset) q.andWhere(':asset = ANY(p.asset)', { asset: filter.asset });
    if (after) q.andWhere('(p.stated_on, p.occurrence_id, p.issue) < (:statedOn, CAST(:occurrenceId AS uuid), :afterIssue)', { statedOn: after.statedOn, occurrenceId: after.occurrenceId, afterIssue: after.issue });
    return q.getMany();
  }

  /**
   * Each actor's contribution to the pledge totals (per issue, unit and status). With an asset,
   * only contributions resting on at least one pledge of that asset.
   */
  pledgeTotalRows(filter: PledgeFilter): Promise<PledgeTotalEntity[]> {
    const q = this.dataSource.getRepository(PledgeTotalEntity).createQueryBuilder('t').orderBy('t.issue').addOrderBy('t.unit').addOrderBy('t.status').addOrderBy('t.actor');
    if (filter.issue) q.andWhere('t.issue = :issue', { issue: filter.issue });
    if (filter.actor) q.andWhere('t.actor = :actor', { actor: filter.actor });
    if (filter.status) q.andWhere('t.status = :status', { status: filter.status });
    if (filter.asset) q.andWhere('EXISTS (SELECT 1 FROM rm_pledges p WHERE p.issue = t.issue AND p.occurrence_id::text = ANY(t.occurrence_ids) AND :asset = ANY(p.asset))', { asset: filter.asset });
    return q.getMany();
  }

  /** Red lines by actor, role and issue ('' = fits no configured issue). */
  redLines(filter: { actor?: string; issue?: string }): Promise<RedLineViewEntity[]> {
    const q = this.dataSource.getRepository(RedLineViewEntity).createQueryBuilder('r').orderBy('r.actor').addOrderBy('r.issue').addOrderBy('r.actor_role');
    if (filter.actor) q.andWhere('r.actor = :actor', { actor: filter.actor });
    if (filter.issue !== undefined) q.andWhere('r.issue = :issue', { issue: filter.issue });
    return q.getMany();
  }
}
