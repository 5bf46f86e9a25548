import { ActorProjection, ProjectionInput } from '@stancewatch/domain/projection';
import { Row } from './projection-store';

/** The rm_events row of one report (occurrence filled in once the projection placed it). */
export function statementRow(input: ProjectionInput, extra: { globalPosition: string; issues: string[]; extractorVersion: string; payload: object; superseded: boolean; occurrenceId: string | null }): Row {
  return {
    event_id: input.eventId,
    type: input.type,
    actor: input.actor,
    actor_role: input.actorRole,
    target: input.target,
    issues: extra.issues,
    stated_on: input.statedOn,
    observed_at: input.observedAt,
    evidence: input.evidence,
    article_id: input.articleId,
    url: input.url,
    confidence: input.confidence,
    payload: extra.payload,
    global_position: extra.globalPosition,
    occurrence_id: extra.occurrenceId,
    extractor_version: extra.extractorVersion,
    superseded: extra.superseded,
  };
}

/** Every derived row of one actor, or only the touched occurrences and streams. */
export function actorRows(projection: ActorProjection, scope: { occurrenceIds: string[] | 'all'; streamIds: string[] | 'all' }, now: Date) {
  const occurrences = (scope.occurrenceIds === 'all' ? projection.allOccurrences() : scope.occurrenceIds.map((id) => projection.occurrence(id)!).filter(Boolean)).map((o) => ({
    occurrence_id: o.occurrenceId,
    type: o.type,
    actor: o.actor,
    actor_role: o.actorRole,
    target: o.target,
    asset: o.asset,
    quantity: o.quantity,
    conditions: o.conditions,
    stated_on: o.statedOn,
    observed_at: o.observedAt,
    issues: projection.issuesOfOccurrence(o.occurrenceId),
    evidence: o.evidence,
    urls: o.urls,
    source_count: o.sourceCount,
    confidence: o.confidence,
    sources: o.sources.map((s) => ({ articleId: s.articleId, url: s.url, eventId: s.reportId, observedAt: s.observedAt, statedOn: s.statedOn })),
  }));
  const streams = projection.streams(scope.streamIds === 'all' ? undefined : scope.streamIds);
  const positions: Row[] = [];
  const history: Row[] = [];
  for (const s of streams) {
    const role = s.stream.actorRole ?? '';
    if (s.current.stance && s.current.causeEventId) {
      positions.push({
        actor: s.stream.actor,
        actor_role: role,
        issue: s.stream.issue,
        stance: s.current.stance,
        since: s.current.since,
        cause_event_id: s.current.causeEventId,
        event_ids: s.current.eventIds,
        conditions: s.current.conditions,
        source_count: s.current.sourceCount,
        updated_at: now.toISOString(),
      });
    }
    s.history.forEach((interval, seq) =>
      history.push({ actor: s.stream.actor, actor_role: role, issue: s.stream.issue, seq, stance: interval.stance, from_date: interval.from, to_date: interval.to, cause_event_id: interval.causeEventId }),
    );
  }
  const ledger = projection.ledger();
  const pledges = ledger.pledges.map((p) => ({
    occurrence_id: p.occurrenceId,
    issue: p.issue,
    actor: p.actor,
    actor_role: p.actorRole,
    asset: p.asset,
    quantity: p.quantity,
    conditions: p.conditions,
    status: p.status,
    withdrawn_by: p.withdrawnBy,
    stated_on: p.statedOn,
    source_count: p.sourceCount,
    urls: p.urls,
  }));
  const totals: Row[] = [];
  for (const total of ledger.totals) {
    const actors = new Set([...total.byActor.map((a) => a.actor), ...total.vague.map((v) => v.actor)]);
    for (const actor of actors) {
      const counted = total.byActor.find((a) => a.actor === actor);
      const vague = total.vague.filter((v) => v.actor === actor);
      totals.push({
        issue: total.issue,
        unit: total.unit,
        status: total.status,
        actor,
        value: counted?.value ?? null,
        occurrence_ids: [...(counted?.occurrenceIds ?? []), ...vague.map((v) => v.occurrenceId)],
        vague: vague.map((v) => v.text),
      });
    }
  }
  const redLines = projection.redLines().map((r) => ({
    actor: r.actor,
    actor_role: r.actorRole ?? '',
    issue: r.issue ?? '',
    first_stated: r.firstStated,
    last_stated: r.lastStated,
    times_stated: r.timesStated,
    times_restated: r.timesRestated,
    source_count: r.sourceCount,
    lines: r.lines,
    statements: r.statements,
  }));
  return { occurrences, positions, history, pledges, totals, redLines };
}
