import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PositionEvent } from '@stancewatch/contracts';
import { EventStoreRepository, ReadModelRepository } from '@stancewatch/persistence';
import { StanceProjection } from './stance-projection';

/** Applies one position event to the event store and every read model, inside the caller's transaction. */
@Injectable()
export class PositionProjectionService {
  constructor(
    private readonly eventStore: EventStoreRepository,
    private readonly readModels: ReadModelRepository,
    private readonly stances: StanceProjection,
  ) {}

  /** Returns false when the event was already stored (a redelivery): nothing is applied twice. */
  async apply(manager: EntityManager, event: PositionEvent): Promise<boolean> {
    const appended = await this.eventStore.append(manager, `actor-${event.actor.code}`, event.eventId, event.type, event);
    if (!appended) return false;
    const issues = this.stances.issuesOf(event);
    await this.readModels.insertEvent(manager, {
      eventId: event.eventId,
      type: event.type,
      actor: event.actor.code,
      actorRole: event.actor.role,
      target: event.target,
      issues,
      statedOn: event.statedOn,
      observedAt: new Date(event.observedAt),
      evidence: event.provenance.evidence.sentence,
      articleId: event.provenance.articleId,
      url: event.provenance.url,
      confidence: event.confidence,
      payload: event.payload,
      sourceCount: 1,
      globalPosition: appended.globalPosition,
    });
    for (const issue of issues) await this.stances.apply(manager, event, issue);
    return true;
  }
}
