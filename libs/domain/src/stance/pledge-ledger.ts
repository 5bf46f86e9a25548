import { Asset, Condition, Quantity } from '@stancewatch/domain/catalogue';
import { Occurrence } from './corroboration';
import { effectiveDate } from './stance-dates';
import { STANCE_RULES } from './stance-rules';

/** An occurrence and the issues it was assigned to ([] = unassigned). */
export interface AssignedOccurrence {
  occurrence: Occurrence;
  issues: readonly string[];
}

export type PledgeStatus = 'announced' | 'considered' | 'withdrawn' | 'refused';

export interface Pledge {
  actor: string;
  actorRole: string | null;
  issue: string;
  occurrenceId: string;
  asset: Asset[];
  quantity: Quantity | null;
  conditions: Condition[];
  /**
   * announced / considered as stated, unless a later refusal of the same actor (and role) on the
   * issue covers its asset (or names no asset): then withdrawn. A refusal is itself a row, refused.
   */
  status: PledgeStatus;
  /** The refusal that withdrew it. */
  withdrawnBy: string | null;
  /** Date label: statedOn, or the observed day. */
  statedOn: string;
  sourceCount: number;
  urls: string[];
}

export interface PledgeTotal {
  issue: string;
  /** troops, personnel, aircraft, ships, ... or an ISO 4217 currency code. */
  unit: string;
  status: 'announced' | 'considered';
  total: number;
  /** Per actor: for head and hardware counts the latest figure (a restated or revised figure replaces the earlier one); for money the sum of the packages. */
  byActor: Array<{ actor: string; value: number; occurrenceIds: string[] }>;
  /** Pledges with an amount in words only ("several hundred troops"), not in the total. */
  vague: Array<{ actor: string; text: string; occurrenceId: string }>;
}

export interface PledgeLedger {
  pledges: Pledge[];
  totals: PledgeTotal[];
}

const PLEDGE_TYPES = { 'pledge-announced': 'announced', 'pledge-considered': 'considered', 'pledge-refused': 'refused' } as const;

/**
 * Pledges per actor × issue with their status, and totals per issue and unit. Totals count the
 * actor's own government only (actorRole null): an opposition party's offer is not a pledge.
 */
export function buildPledgeLedger(entries: readonly AssignedOccurrence[]): PledgeLedger {
  const rows: Array<Pledge & { order: string }> = [];
  for (const { occurrence, issues } of entries) {
    const status = PLEDGE_TYPES[occurrence.type as keyof typeof PLEDGE_TYPES];
    if (!status) continue;
    const date = effectiveDate(occurrence.statedOn, occurrence.observedAt);
    // Same order as the stance timeline, so a same-day refusal comes after the pledges it withdraws.
    const order = `${date.day}|${STANCE_RULES[occurrence.type].sameDayRank}|${occurrence.observedAt}|${occurrence.occurrenceId}`;
    for (const issue of new Set(issues)) {
      rows.push({
        actor: occurrence.actor,
        actorRole: occurrence.actorRole,
        issue,
        occurrenceId: occurrence.occurrenceId,
        asset: occurrence.asset,
        quantity: occurrence.quantity,
        conditions: occurrence.conditions,
        status,
        withdrawnBy: null,
        statedOn: date.label,
        sourceCount: occurrence.sourceCount,
        urls: occurrence.urls,
        order,
      });
    }
  }
  rows.sort((a, b) => compare(a.issue, b.issue) || compare(a.actor, b.actor) || compare(a.actorRole ?? '', b.actorRole ?? '') || compare(a.order, b.order));

  // A refusal withdraws the earlier pledges of its actor (and role) on its issue that share an
  // asset with it (or where either names none); the first such refusal is the one that withdrew it.
  // Rows are sorted by issue, actor, role and time, so one pass over each group finds them.
  let open: Array<Pledge & { order: string }> = [];
  let previous: (Pledge & { order: string }) | null = null;
  for (const row of rows) {
    if (!previous || row.issue !== previous.issue || row.actor !== previous.actor || (row.actorRole ?? '') !== (previous.actorRole ?? '')) open = [];
    previous = row;
    if (row.status !== 'refused') {
      open.push(row);
      continue;
    }
    open = open.filter((pledge) => {
      if (pledge.actorRole !== row.actorRole) return true;
      if (row.asset.length > 0 && pledge.asset.length > 0 && !pledge.asset.some((a) => row.asset.includes(a))) return true;
      pledge.status = 'withdrawn';
      pledge.withdrawnBy = row.occurrenceId;
      return false;
    });
  }
  return { pledges: rows.map(({ order: _order, ...pledge }) => pledge), totals: totalsOf(rows) };
}

function totalsOf(rows: ReadonlyArray<Pledge & { order: string }>): PledgeTotal[] {
  const totals = new Map<string, PledgeTotal & { perActor: Map<string, { value: number; occurrenceIds: string[] }> }>();
  for (const row of rows) {
    if (row.actorRole !== null || (row.status !== 'announced' && row.status !== 'considered') || !row.quantity?.unit) continue;
    const unit = row.quantity.unit;
    const key = `${row.issue}|${unit}|${row.status}`;
    let total = totals.get(key);
    if (!total) {
      total = { issue: row.issue, unit, status: row.status, total: 0, byActor: [], vague: [], perActor: new Map() };
      totals.set(key, total);
    }
    if (row.quantity.value === null) {
      total.vague.push({ actor: row.actor, text: row.quantity.text, occurrenceId: row.occurrenceId });
      continue;
    }
    const known = total.perActor.get(row.actor);
    // Rows are in time order per actor, so "latest" is simply the last one seen.
    if (isCurrency(unit) && known) {
      known.value += row.quantity.value;
      known.occurrenceIds.push(row.occurrenceId);
    } else {
      total.perActor.set(row.actor, { value: row.quantity.value, occurrenceIds: [row.occurrenceId] });
    }
  }
  return [...totals.values()]
    .map(({ perActor, ...total }) => {
      const byActor = [...perActor.entries()].map(([actor, v]) => ({ actor, ...v })).sort((a, b) => b.value - a.value || compare(a.actor, b.actor));
      return { ...total, byActor, total: byActor.reduce((sum, a) => sum + a.value, 0) };
    })
    .sort((a, b) => compare(a.issue, b.issue) || compare(a.status, b.status) || compare(a.unit, b.unit));
}

function isCurrency(unit: string): boolean {
  return /^[A-Z]{3}$/.test(unit);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
