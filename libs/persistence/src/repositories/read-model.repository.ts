import { DataSource, SelectQueryBuilder } from 'typeorm';
import { CurrentPositionEntity, OccurrenceViewEntity, PledgeTotalEntity, PledgeViewEntity, PositionEventViewEntity, PositionHistoryEntity, RedLineViewEntity } from '../entities';

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

/** Reads of the projections' tables for the API (the projector writes them through ProjectionStore). */
export class ReadModelRepository {
  constructor(private readonly dataSource: DataSource) {}

  positionsOf(actor: string): Promise<CurrentPositionEntity[]> {
    return this.dataSource.getRepository(CurrentPositionEntity).find({ where: { actor }, order: { issue: 'ASC', actorRole: 'ASC' } });
  }

  positionsOnIssue(issue: string): Promise<CurrentPositionEntity[]> {
    return this.dataSource.getRepository(CurrentPositionEntity).find({ where: { issue }, order: { actor: 'ASC', actorRole: 'ASC' } });
  }

  allPositions(): Promise<CurrentPositionEntity[]> {
    return this.dataSource.getRepository(CurrentPositionEntity).find({ order: { actor: 'ASC', issue: 'ASC', actorRole: 'ASC' } });
  }

  async getEvent(eventId: string): Promise<PositionEventViewEntity | null> {
    const [event] = await this.withSourceCounts(this.dataSource.getRepository(PositionEventViewEntity).createQueryBuilder('e').where('e.event_id = :eventId', { eventId }));
    return event ?? null;
  }

  /** Reports carry their occurrence's source count, which changes as more articles corroborate it. */
  private async withSourceCounts(query: SelectQueryBuilder<PositionEventViewEntity>): Promise<PositionEventViewEntity[]> {
    const { entities, raw } = await query.leftJoin(OccurrenceViewEntity, 'o', 'o.occurrence_id = e.occurrence_id').addSelect('o.source_count', 'occurrence_source_count').getRawAndEntities();
    entities.forEach((entity, i) => (entity.sourceCount = raw[i]?.occurrence_source_count ?? 1));
    return entities;
  }

  /** Newest first by global position; `before` is the cursor (a global position) from the previous page. */
  async listEvents(filter: EventFilter, limit: number, before?: string | null): Promise<PositionEventViewEntity[]> {
    const q = this.dataSource.getRepository(PositionEventViewEntity).createQueryBuilder('e').orderBy('e.global_position', 'DESC').limit(limit);
    if (before) q.andWhere('e.global_position < :before', { before });
    if (filter.actor) q.andWhere('e.actor = :actor', { actor: filter.actor });
    if (filter.type) q.andWhere('e.type = :type', { type: filter.type });
    if (filter.issue) q.andWhere(':issue = ANY(e.issues)', { issue: filter.issue });
    if (filter.target) q.andWhere(':target = ANY(e.target)', { target: filter.target });
    if (filter.statedFrom) q.andWhere('e.stated_on >= :statedFrom', { statedFrom: filter.statedFrom });
    if (filter.statedTo) q.andWhere('e.stated_on <= :statedTo', { statedTo: filter.statedTo });
    if (filter.minConfidence !== undefined) q.andWhere('e.confidence >= :minConfidence', { minConfidence: filter.minConfidence });
    if (!filter.includeSuperseded) q.andWhere('e.superseded = false');
    if (filter.text) q.andWhere('e.evidence ILIKE :text', { text: `%${filter.text.replace(/[%_\\]/g, (c) => `\\${c}`)}%` });
    return this.withSourceCounts(q);
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
