import { PledgeTotalEntity } from '@stancewatch/persistence';
import { describeActor } from './catalogue';

export interface PledgeTotalSummary {
  issue: string;
  unit: string;
  status: string;
  /** Sum of the actors' figures; amounts in words are not in it (see vague). */
  total: number;
  byActor: { actor: string; name: string; value: number; occurrenceIds: string[] }[];
  vague: { actor: string; name: string; text: string }[];
}

/**
 * rm_pledge_totals holds one row per issue × unit × status × actor; an issue's total is the sum over
 * its actors. Rows come ordered by issue, unit, status, actor.
 */
export function summariseTotals(rows: PledgeTotalEntity[]): PledgeTotalSummary[] {
  const groups = new Map<string, PledgeTotalSummary>();
  for (const row of rows) {
    const key = `${row.issue}\u0000${row.unit}\u0000${row.status}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { issue: row.issue, unit: row.unit, status: row.status, total: 0, byActor: [], vague: [] }));
    const { name } = describeActor(row.actor);
    if (row.value !== null) {
      const value = Number(row.value);
      group.total += value;
      group.byActor.push({ actor: row.actor, name, value, occurrenceIds: row.occurrenceIds });
    }
    for (const text of row.vague) group.vague.push({ actor: row.actor, name, text });
  }
  for (const group of groups.values()) group.byActor.sort((a, b) => b.value - a.value || a.actor.localeCompare(b.actor));
  return [...groups.values()];
}
