// The event catalogue: the statement types stancewatch extracts from text, and the derived
// type the projections emit. Wire schemas live in @stancewatch/contracts; this is the vocabulary.

export const POSITION_EVENT_TYPES = [
  'pledge-announced',
  'pledge-considered',
  'pledge-refused',
  'red-line-stated',
  'demand-made',
  'condition-set',
  'support-expressed',
  'opposition-expressed',
] as const;
export type PositionEventType = (typeof POSITION_EVENT_TYPES)[number];

/** Emitted by the projections when an actor's stance on an issue moves; never extracted from text. */
export const POSITION_CHANGED = 'position-changed' as const;
export const ARTICLE_INGESTED = 'article-ingested' as const;

export type EventType = PositionEventType | typeof POSITION_CHANGED | typeof ARTICLE_INGESTED;
export const EVENT_TYPES: readonly EventType[] = [ARTICLE_INGESTED, ...POSITION_EVENT_TYPES, POSITION_CHANGED];

export const ASSETS = ['troops', 'trainers', 'police', 'personnel', 'aviation', 'naval', 'air-defence', 'equipment', 'money'] as const;
export type Asset = (typeof ASSETS)[number];

export const CONDITION_KINDS = ['un-mandate', 'ceasefire', 'peace-agreement', 'us-backstop', 'parliament-approval', 'security-guarantee', 'host-consent', 'other'] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

/** `value` is null for vague amounts ("several hundred"); `text` always keeps the words as written. */
export interface Quantity {
  value: number | null;
  unit: string | null;
  text: string;
}

export interface Condition {
  text: string;
  kind: ConditionKind | null;
}

/** A character range in the article's clean text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** One actor's stated position in one statement, as found in one article. */
export interface ExtractedEvent {
  type: PositionEventType;
  /** ISO 3166-1 alpha-2 code, or an organisation code (NATO, EU, UN, ...). */
  actor: string;
  /** Who inside the actor spoke when it matters, e.g. `opposition`; null for the government. */
  actorRole: string | null;
  target: string[];
  asset: Asset[];
  quantity: Quantity | null;
  conditions: Condition[];
  /** YYYY-MM-DD, or YYYY-MM when only the month is known; null when the text doesn't say. */
  statedOn: string | null;
  evidence: string;
  span: Span;
  confidence: number;
}

export function isPositionEventType(value: string): value is PositionEventType {
  return (POSITION_EVENT_TYPES as readonly string[]).includes(value);
}
