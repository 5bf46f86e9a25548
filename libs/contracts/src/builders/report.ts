import type { Report } from '@stancewatch/domain/stance/corroboration';
import { PositionEvent } from '../envelope';

/** One article's report of a statement, flattened from its envelope: what corroboration and the projections fold. */
export function reportOf(event: PositionEvent): Report {
  return {
    eventId: event.eventId,
    articleId: event.provenance.articleId,
    url: event.provenance.url,
    type: event.type,
    actor: event.actor.code,
    actorRole: event.actor.role,
    target: event.target,
    asset: event.payload.asset,
    quantity: event.payload.quantity,
    conditions: event.payload.conditions,
    statedOn: event.statedOn,
    observedAt: event.observedAt,
    evidence: event.provenance.evidence.sentence,
    confidence: event.confidence,
  };
}
