import { deterministicUuid, PositionEvent, SCHEMA_VERSION } from '@stancewatch/contracts';
import { PositionEventType } from '@stancewatch/domain/catalogue';

export interface StatementSpec {
  type: PositionEventType;
  actor: string;
  role?: string | null;
  target?: string[];
  asset?: PositionEvent['payload']['asset'];
  quantity?: { value: number | null; unit: string; text: string } | null;
  conditions?: PositionEvent['payload']['conditions'];
  statedOn?: string | null;
  observedAt?: string;
  evidence: string;
  article: string;
  extractorVersion?: string;
  ordinal?: number;
}

/** A position event as the extractor would publish it, built from the few fields a test cares about. */
export function positionEvent(spec: StatementSpec): PositionEvent {
  const version = spec.extractorVersion ?? '1.0.0';
  const ordinal = spec.ordinal ?? 0;
  return {
    eventId: deterministicUuid('test.position-event', spec.article, version, String(ordinal), spec.type, spec.actor),
    type: spec.type,
    schemaVersion: SCHEMA_VERSION,
    actor: { code: spec.actor, role: spec.role ?? null },
    target: spec.target ?? ['UA'],
    statedOn: spec.statedOn ?? null,
    observedAt: spec.observedAt ?? '2026-01-09T08:00:00.000Z',
    confidence: 0.9,
    producer: { name: 'test', version },
    provenance: { articleId: spec.article, url: `https://news.example/${spec.article}`, evidence: { sentence: spec.evidence, start: 0, end: spec.evidence.length } },
    payload: {
      asset: spec.asset ?? ['troops'],
      quantity: spec.quantity ?? null,
      conditions: spec.conditions ?? [],
      extraction: { articleId: spec.article, extractorVersion: version, eventCount: 1, ordinal },
    },
  };
}
