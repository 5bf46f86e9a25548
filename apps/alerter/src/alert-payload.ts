// The body of an alert, identical on the webhook and on the SSE stream.
import type { PositionChangedEvent, PositionEvent } from '@stancewatch/contracts';

export interface AlertSource {
  url: string | null;
  articleId: string;
}

export interface AlertBody {
  deliveryId: string;
  subscriptionId: string;
  kind: 'statement' | 'corroboration' | 'stance-change';
  /** The statement (for a stance move, the event that caused it, when known). */
  event: {
    eventId: string;
    type: string | null;
    actor: string;
    actorRole: string | null;
    target: string[];
    issues: string[];
    statedOn: string | null;
    observedAt: string;
    confidence: number | null;
    quantity: unknown;
    conditions: unknown;
  };
  evidence: string | null;
  sources: AlertSource[];
  /** previous → new stance, for stance moves. */
  stance: { issue: string; from: string | null; to: string; since: string | null; changeEventId: string } | null;
}

export function statementBody(ids: { deliveryId: string; subscriptionId: string }, kind: 'statement' | 'corroboration', event: PositionEvent, issues: string[], sources: AlertSource[]): AlertBody {
  return {
    ...ids,
    kind,
    event: {
      eventId: event.eventId,
      type: event.type,
      actor: event.actor.code,
      actorRole: event.actor.role,
      target: event.target,
      issues,
      statedOn: event.statedOn,
      observedAt: event.observedAt,
      confidence: event.confidence,
      quantity: event.payload.quantity,
      conditions: event.payload.conditions,
    },
    evidence: event.provenance.evidence.sentence,
    sources,
    stance: null,
  };
}

/** What the projector's read model knows of a stance move's cause. */
export interface CauseRow {
  event_id: string;
  type: string;
  actor_role: string | null;
  target: string[];
  issues: string[];
  stated_on: string | null;
  observed_at: Date;
  evidence: string;
  article_id: string;
  url: string | null;
  confidence: number | null;
  payload: { quantity?: unknown; conditions?: unknown };
}

export function changeBody(ids: { deliveryId: string; subscriptionId: string }, change: PositionChangedEvent, cause: CauseRow | null, sources: AlertSource[]): AlertBody {
  const p = change.payload;
  return {
    ...ids,
    kind: 'stance-change',
    event: {
      eventId: p.causeEventId,
      type: cause?.type ?? null,
      actor: change.actor.code,
      actorRole: change.actor.role,
      target: cause?.target ?? change.target,
      issues: cause?.issues ?? [p.issue],
      statedOn: cause?.stated_on ?? change.statedOn,
      observedAt: cause ? new Date(cause.observed_at).toISOString() : change.observedAt,
      confidence: cause?.confidence ?? change.confidence,
      quantity: cause?.payload.quantity ?? null,
      conditions: cause?.payload.conditions ?? [],
    },
    evidence: cause?.evidence ?? change.provenance?.evidence.sentence ?? null,
    sources,
    stance: { issue: p.issue, from: p.from, to: p.to, since: p.since, changeEventId: change.eventId },
  };
}
