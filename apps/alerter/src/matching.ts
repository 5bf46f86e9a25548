// Which alerts a subscription wants: plain functions over a filter and a candidate, no I/O.
import type { AlertFilter } from '@stancewatch/persistence';

/** Something that may alert: a statement (one occurrence) or a stance move. */
export interface AlertCandidate {
  kind: 'statement' | 'stance-change';
  /** The statement's type; for a stance move, its cause's type (null when unknown). */
  type: string | null;
  actor: string;
  issues: string[];
  confidence: number | null;
  quantity: { value: number | null; unit: string | null } | null;
  /** Stance moves only: a late statement rewrote the past while the current stance stayed. */
  historical?: boolean;
}

/** "troops" and "troop", "Aircraft" and "aircraft" are one unit. */
export function normaliseUnit(unit: string): string {
  const lower = unit.trim().toLowerCase();
  return lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss') ? lower.slice(0, -1) : lower;
}

/** Every criterion the filter sets must hold; criteria it leaves out match anything. */
export function matchesFilter(filter: AlertFilter, candidate: AlertCandidate): boolean {
  // a subscription listens to stance moves or to statements, never both, so one pledge that also
  // moves a stance alerts it once
  if (Boolean(filter.onlyStanceChanges) !== (candidate.kind === 'stance-change')) return false;
  if (candidate.kind === 'stance-change' && candidate.historical) return false;
  if (filter.actors?.length && !filter.actors.some((a) => a.toUpperCase() === candidate.actor.toUpperCase())) return false;
  if (filter.eventTypes?.length && (candidate.type === null || !filter.eventTypes.includes(candidate.type))) return false;
  if (filter.issues?.length && !filter.issues.some((issue) => candidate.issues.includes(issue))) return false;
  if (filter.minConfidence !== undefined && filter.minConfidence !== null) {
    if (candidate.confidence === null || candidate.confidence < filter.minConfidence) return false;
  }
  if (filter.quantities?.length) {
    const q = candidate.quantity;
    if (!q || q.value === null || !q.unit) return false;
    const unit = normaliseUnit(q.unit);
    if (!filter.quantities.some((t) => normaliseUnit(t.unit) === unit && q.value! >= t.min)) return false;
  }
  return true;
}
