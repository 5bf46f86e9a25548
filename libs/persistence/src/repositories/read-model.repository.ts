import { DataSource, SelectQueryBuilder } from 'typeorm';
import { CurrentPositionEntity, OccurrenceViewEntity, PositionEventViewEntity } from '../entities';

export interface EventFilter {
  actor?: string;
  type?: string;
  issue?: string;
  target?: string;
  statedFrom?: string;
  statedTo?: string;
  minConfidence?: number;
  text?: string;
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
    if (filter.text) q.andWhere('e.evidence ILIKE :text', { text: `%${filter.text.replace(/[%_\\]/g, (c) => `\\${c}`)}%` });
    return this.withSourceCounts(q);
  }
}
