import { ASSETS, Asset, Condition, PositionEventType, Quantity } from '@stancewatch/domain/catalogue';
import { dayLabel, dayNumber, dayRange, effectiveDate, normaliseInstant } from './stance-dates';
import { ConditionSet, StanceEvent } from './stance-timeline';

/** One article's report of a statement (an extracted event with where it was read). */
export interface Report {
  /** Id of the extracted event. */
  eventId: string;
  articleId: string;
  url: string | null;
  type: PositionEventType;
  actor: string;
  actorRole: string | null;
  target: string[];
  asset: Asset[];
  quantity: Quantity | null;
  conditions: Condition[];
  statedOn: string | null;
  observedAt: string;
  evidence: string;
  confidence: number | null;
}

export interface OccurrenceSource {
  /** The article, by URL when known (so a re-fetch under a new article id is the same source), else by article id. */
  sourceKey: string;
  articleId: string;
  url: string | null;
  reportId: string;
  observedAt: string;
  statedOn: string | null;
  target: string[];
  asset: Asset[];
  quantity: Quantity | null;
  conditions: Condition[];
  evidence: string;
  confidence: number | null;
}

/**
 * One statement, however many articles reported it. Every field but `occurrenceId` is a function
 * of the set of sources, so the same reports merged in any order give the same occurrence.
 */
export interface Occurrence {
  /** The first report's event id unless the caller chose another. */
  occurrenceId: string;
  type: PositionEventType;
  actor: string;
  actorRole: string | null;
  /** Union over sources, sorted. */
  target: string[];
  /** Union over sources, in catalogue order. */
  asset: Asset[];
  /** A numeric quantity when any source gives one, else a vague one, else null. */
  quantity: Quantity | null;
  conditions: Condition[];
  /** The most precise date any source gives (day over month); the earliest among equally precise ones. */
  statedOn: string | null;
  /** When it was first seen. */
  observedAt: string;
  /** Range of the days the sources date it to ('YYYY-MM-DD'), what matching compares against. */
  firstDay: string;
  lastDay: string;
  sourceCount: number;
  urls: string[];
  evidence: string[];
  confidence: number | null;
  /** In order first seen (ties by source key). */
  sources: OccurrenceSource[];
}

export interface CorroborationOptions {
  /** How many days apart two reports' dates may be and still be one statement. Default 3. */
  windowDays?: number;
  /** Whether a report with no target can match one with targets (like a missing quantity). Default true. */
  missingTargetMatches?: boolean;
}

/** How many days apart two reports of one statement may be dated. */
export const DEFAULT_CORROBORATION_WINDOW_DAYS = 3;

const DEFAULTS: Required<CorroborationOptions> = { windowDays: DEFAULT_CORROBORATION_WINDOW_DAYS, missingTargetMatches: true };

/** Candidates for matching share this key: same actor (and role) and same type. Index existing occurrences by it. */
export function occurrenceKey(statement: { actor: string; actorRole: string | null; type: PositionEventType }): string {
  return `${statement.actor}|${statement.actorRole ?? ''}|${statement.type}`;
}

export function createOccurrence(report: Report, occurrenceId: string = report.eventId): Occurrence {
  return summarise(occurrenceId, report, [toSource(report)]);
}

/**
 * The occurrence a report restates, or null when it is a new statement: same actor, role and
 * type; overlapping targets (or one side without); compatible assets (overlap, or one side
 * without); compatible quantities (equal, or one missing or vague with the same unit); dated within
 * `windowDays` of the days the occurrence's sources give. The nearest in time wins, then the
 * largest target overlap, then the smallest occurrence id.
 */
export function findMatchingOccurrence(candidate: Report, existing: readonly Occurrence[], options: CorroborationOptions = {}): Occurrence | null {
  const { windowDays, missingTargetMatches } = { ...DEFAULTS, ...options };
  const [candidateFirst, candidateLast] = dayRange(effectiveDate(candidate.statedOn, candidate.observedAt));
  let best: { occurrence: Occurrence; distance: number; overlap: number } | null = null;
  const key = occurrenceKey(candidate);
  for (const occurrence of existing) {
    // equal parts make equal keys; only otherwise is the key itself compared (no string built per candidate)
    const sameParts = occurrence.type === candidate.type && occurrence.actor === candidate.actor && (occurrence.actorRole ?? '') === (candidate.actorRole ?? '');
    if (!sameParts && occurrenceKey(occurrence) !== key) continue;
    const overlap = countOverlap(candidate.target, occurrence.target);
    if (overlap === 0 && !(candidate.target.length === 0 && occurrence.target.length === 0)) {
      if (!missingTargetMatches || (candidate.target.length > 0 && occurrence.target.length > 0)) continue;
    }
    if (candidate.asset.length > 0 && occurrence.asset.length > 0 && countOverlap(candidate.asset, occurrence.asset) === 0) continue;
    if (!compatibleQuantities(candidate.quantity, occurrence.quantity)) continue;
    const distance = gap(candidateFirst, candidateLast, dayNumber(occurrence.firstDay), dayNumber(occurrence.lastDay));
    if (distance > windowDays) continue;
    if (
      !best ||
      distance < best.distance ||
      (distance === best.distance && (overlap > best.overlap || (overlap === best.overlap && occurrence.occurrenceId < best.occurrence.occurrenceId)))
    ) {
      best = { occurrence, distance, overlap };
    }
  }
  return best?.occurrence ?? null;
}

export interface MergeResult {
  occurrence: Occurrence;
  /** false when the article had already been counted: nothing changed, nothing to publish. */
  isNewSource: boolean;
  /**
   * The date or conditions changed, which the stance timeline uses: call `StanceTimeline.revise`
   * with the new occurrence. (A new source alone only needs `recordSources`.)
   */
  revised: boolean;
}

/** Adds an article's report to the occurrence it restates. The same article again changes nothing. */
export function mergeReport(occurrence: Occurrence, report: Report): MergeResult {
  if (occurrenceKey(report) !== occurrenceKey(occurrence)) {
    throw new Error(`report ${report.eventId} (${occurrenceKey(report)}) cannot restate occurrence ${occurrence.occurrenceId} (${occurrenceKey(occurrence)})`);
  }
  const source = toSource(report);
  if (occurrence.sources.some((s) => s.sourceKey === source.sourceKey)) return { occurrence, isNewSource: false, revised: false };
  const merged = summarise(occurrence.occurrenceId, occurrence, [...occurrence.sources, source]);
  const revised = merged.statedOn !== occurrence.statedOn || !sameConditions(merged.conditions, occurrence.conditions);
  return { occurrence: merged, isNewSource: true, revised };
}

/** The occurrence as the stance aggregate of one issue sees it. */
export function toStanceEvent(occurrence: Occurrence, issue: string): StanceEvent {
  return {
    eventId: occurrence.occurrenceId,
    type: occurrence.type,
    actor: occurrence.actor,
    actorRole: occurrence.actorRole,
    issue,
    statedOn: occurrence.statedOn,
    observedAt: occurrence.observedAt,
    quantity: occurrence.quantity,
    conditions: occurrence.conditions,
    asset: occurrence.asset,
    target: occurrence.target,
    sourceCount: occurrence.sourceCount,
  };
}

// ---- internals ----

function toSource(report: Report): OccurrenceSource {
  const url = report.url?.trim() || null;
  return {
    sourceKey: url ? `url:${normaliseUrl(url)}` : `article:${report.articleId}`,
    articleId: report.articleId,
    url,
    reportId: report.eventId,
    observedAt: normaliseInstant(report.observedAt),
    statedOn: report.statedOn,
    target: [...(report.target ?? [])],
    asset: [...(report.asset ?? [])],
    quantity: report.quantity,
    conditions: report.conditions ?? [],
    evidence: report.evidence,
    confidence: report.confidence,
  };
}

/** Scheme and host case, fragment and a trailing slash do not make another article. */
function normaliseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

const PRECISION = { day: 2, month: 1, observed: 0 } as const;

function summarise(occurrenceId: string, identity: { type: PositionEventType; actor: string; actorRole: string | null }, unsorted: OccurrenceSource[]): Occurrence {
  const sources = [...unsorted].sort((a, b) => compare(a.observedAt, b.observedAt) || compare(a.sourceKey, b.sourceKey));
  let statedOn: string | null = null;
  let statedDay = '';
  let precision = 0;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  let confidence: number | null = null;
  const conditions = new ConditionSet();
  // one pass, no intermediate arrays: this runs for every corroborating report
  for (const s of sources) {
    const date = effectiveDate(s.statedOn, s.observedAt);
    const p = PRECISION[date.precision];
    if (p !== 0 && (p > precision || (p === precision && date.day < statedDay))) {
      statedOn = s.statedOn;
      statedDay = date.day;
      precision = p;
    }
    const [first, last] = dayRange(date);
    firstDay = Math.min(firstDay, first);
    lastDay = Math.max(lastDay, last);
    conditions.addAll(s.conditions);
    if (s.confidence !== null && s.confidence !== undefined) confidence = confidence === null ? s.confidence : Math.max(confidence, s.confidence);
  }
  return {
    occurrenceId,
    type: identity.type,
    actor: identity.actor,
    actorRole: identity.actorRole ?? null,
    target: [...new Set(sources.flatMap((s) => s.target))].sort(),
    asset: ASSETS.filter((asset) => sources.some((s) => s.asset.includes(asset))),
    quantity: sources.find((s) => s.quantity?.value != null)?.quantity ?? sources.find((s) => s.quantity)?.quantity ?? null,
    conditions: conditions.values(),
    statedOn,
    observedAt: sources[0].observedAt,
    firstDay: dayLabel(firstDay),
    lastDay: dayLabel(lastDay),
    sourceCount: sources.length,
    urls: sources.map((s) => s.url).filter((u): u is string => u !== null),
    evidence: [...new Set(sources.map((s) => s.evidence))],
    confidence,
    sources,
  };
}

/** Equal as JSON: conditions are always `{ text, kind }` (ConditionSet makes them), so field by field. */
function sameConditions(a: readonly Condition[], b: readonly Condition[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].text !== b[i].text || a[i].kind !== b[i].kind) return false;
  return true;
}

function compatibleQuantities(a: Quantity | null, b: Quantity | null): boolean {
  if (!a || !b) return true;
  if (a.unit && b.unit && a.unit.toLowerCase() !== b.unit.toLowerCase()) return false;
  if (a.value === null || b.value === null) return true;
  return a.value === b.value;
}

function countOverlap<T>(a: readonly T[], b: readonly T[]): number {
  let count = 0;
  for (const x of a) if (b.includes(x)) count++;
  return count;
}

/** Days between two inclusive day ranges; 0 when they overlap. */
function gap(aFirst: number, aLast: number, bFirst: number, bLast: number): number {
  return Math.max(0, aFirst - bLast, bFirst - aLast);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
