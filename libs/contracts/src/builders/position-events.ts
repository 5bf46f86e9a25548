import { ExtractedEvent } from '@stancewatch/domain/catalogue';
import { ArticleIngestedEvent, PositionEvent, SCHEMA_VERSION } from '../envelope';
import { deterministicUuid } from '../event-ids';

const EVENT_ID_NAMESPACE = 'stancewatch.position-event';

/**
 * Wraps what the extractor found in one article into position-event envelopes. Ids depend only
 * on the article, the extractor version and the event's place in the run, so extracting the same
 * article again with the same extractor yields the same ids (deduplicated downstream), while a
 * newer extractor yields new ids that supersede the older run's.
 */
export function buildPositionEvents(article: ArticleIngestedEvent, extracted: ExtractedEvent[], producer: { name: string; version: string }, extractorVersion: string): PositionEvent[] {
  const observedAt = article.payload.publishedAt ?? article.observedAt;
  return extracted.map((event, ordinal) => ({
    eventId: deterministicUuid(EVENT_ID_NAMESPACE, article.payload.articleId, extractorVersion, String(ordinal), event.type, event.actor),
    type: event.type,
    schemaVersion: SCHEMA_VERSION,
    actor: { code: event.actor, role: event.actorRole },
    target: event.target,
    statedOn: event.statedOn,
    observedAt,
    confidence: event.confidence,
    producer,
    provenance: {
      articleId: article.payload.articleId,
      url: article.payload.url,
      evidence: { sentence: event.evidence, start: event.span.start, end: event.span.end },
    },
    payload: {
      asset: event.asset,
      quantity: event.quantity,
      conditions: event.conditions,
      extraction: { articleId: article.payload.articleId, extractorVersion, eventCount: extracted.length, ordinal },
    },
  }));
}
