import { AssignedOccurrence } from './pledge-ledger';
import { effectiveDate } from './stance-dates';

export interface RedLineStatement {
  occurrenceId: string;
  /** Date label: statedOn, or the observed day. */
  statedOn: string;
  evidence: string[];
  urls: string[];
  sourceCount: number;
}

/** Who drew which line on an issue: first and last stated, and how often it was restated. */
export interface RedLineSummary {
  actor: string;
  actorRole: string | null;
  /** null for red lines that fit no issue. */
  issue: string | null;
  firstStated: string;
  lastStated: string;
  /** Distinct statements (corroborated occurrences), not articles. */
  timesStated: number;
  timesRestated: number;
  /** Articles over all statements. */
  sourceCount: number;
  /** The distinct sentences, earliest statement first. */
  lines: string[];
  statements: RedLineStatement[];
}

export function summariseRedLines(entries: readonly AssignedOccurrence[]): RedLineSummary[] {
  const groups = new Map<string, { summary: Omit<RedLineSummary, 'firstStated' | 'lastStated' | 'timesStated' | 'timesRestated' | 'sourceCount' | 'lines'>; dated: Array<{ day: string; statement: RedLineStatement }> }>();
  for (const { occurrence, issues } of entries) {
    if (occurrence.type !== 'red-line-stated') continue;
    const date = effectiveDate(occurrence.statedOn, occurrence.observedAt);
    const statement: RedLineStatement = {
      occurrenceId: occurrence.occurrenceId,
      statedOn: date.label,
      evidence: occurrence.evidence,
      urls: occurrence.urls,
      sourceCount: occurrence.sourceCount,
    };
    for (const issue of issues.length ? [...new Set(issues)] : [null]) {
      const key = `${occurrence.actor}|${occurrence.actorRole ?? ''}|${issue ?? ''}`;
      let group = groups.get(key);
      if (!group) {
        group = { summary: { actor: occurrence.actor, actorRole: occurrence.actorRole, issue, statements: [] }, dated: [] };
        groups.set(key, group);
      }
      group.dated.push({ day: `${date.day}|${occurrence.observedAt}|${occurrence.occurrenceId}`, statement });
    }
  }
  return [...groups.values()]
    .map(({ summary, dated }) => {
      const statements = dated.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)).map((d) => d.statement);
      return {
        ...summary,
        firstStated: statements[0].statedOn,
        lastStated: statements[statements.length - 1].statedOn,
        timesStated: statements.length,
        timesRestated: statements.length - 1,
        sourceCount: statements.reduce((sum, s) => sum + s.sourceCount, 0),
        lines: [...new Set(statements.flatMap((s) => s.evidence))],
        statements,
      };
    })
    .sort((a, b) => (a.actor + '|' + (a.issue ?? '')).localeCompare(b.actor + '|' + (b.issue ?? '')));
}
