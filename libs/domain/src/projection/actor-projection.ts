import { Asset, Condition, PositionEventType, Quantity } from '@stancewatch/domain/catalogue';
import { createOccurrence, DEFAULT_CORROBORATION_WINDOW_DAYS, findMatchingOccurrence, mergeReport, Occurrence, occurrenceKey, Report, toStanceEvent } from '../stance/corroboration';
import { dayNumber, dayRange, effectiveDate } from '../stance/stance-dates';
import { buildPledgeLedger, PledgeLedger } from '../stance/pledge-ledger';
import { RedLineSummary, summariseRedLines } from '../stance/red-lines';
import { CurrentPosition, PositionChange, StanceInterval, StanceStream, StanceTimeline, stanceStreamId } from '../stance/stance-timeline';

/** Bucketing by week must never hide a match inside the corroboration window. */
const CANDIDATE_SLACK_DAYS = DEFAULT_CORROBORATION_WINDOW_DAYS;

/** One article's report of a statement, as the projections fold it (corroboration's Report). */
export type ProjectionInput = Report;

export interface AppliedStatement {
  occurrenceId: string;
  /** false when the same article had already reported it: nothing changed. */
  changed: boolean;
  changes: PositionChange[];
  /** Stance streams (`stanceStreamId`) whose position or history may have moved. */
  touchedStreams: string[];
}

export interface StreamState {
  stream: StanceStream;
  streamId: string;
  current: CurrentPosition;
  history: StanceInterval[];
}

/**
 * Everything one actor has said, projected: statements merged into corroborated occurrences,
 * one stance timeline per role × issue, and the pledge and red-line ledgers derived from them.
 * Plain TypeScript, so the live projector and the rebuild fold events exactly the same way.
 */
export class ActorProjection {
  /** Occurrence ids by matching key and week, so a report is only compared with statements near it in time. */
  private readonly byKeyWeek = new Map<string, Map<number, Set<string>>>();
  private readonly occurrences = new Map<string, Occurrence>();
  private readonly issuesOf = new Map<string, string[]>();
  private readonly timelines = new Map<string, StanceTimeline>();
  private readonly eventOccurrence = new Map<string, string>();

  constructor(
    readonly actor: string,
    private readonly assignIssues: (occurrence: Occurrence) => string[],
  ) {}

  get size(): number {
    return this.eventOccurrence.size;
  }

  occurrenceOfEvent(eventId: string): string | undefined {
    return this.eventOccurrence.get(eventId);
  }

  /** Which occurrence each report was merged into. */
  eventOccurrences(): { eventId: string; occurrenceId: string }[] {
    return [...this.eventOccurrence].map(([eventId, occurrenceId]) => ({ eventId, occurrenceId }));
  }

  occurrence(id: string): Occurrence | undefined {
    return this.occurrences.get(id);
  }

  issuesOfOccurrence(id: string): string[] {
    return this.issuesOf.get(id) ?? [];
  }

  apply(input: ProjectionInput): AppliedStatement {
    return this.fold(input, true);
  }

  /**
   * Places a report exactly as `apply` does, without working out the position changes (a replay
   * has no one to tell about them); returns the occurrence it went to.
   */
  place(input: ProjectionInput): string {
    return this.fold(input, false).occurrenceId;
  }

  private fold(input: ProjectionInput, emit: boolean): AppliedStatement {
    if (input.actor !== this.actor) throw new Error(`statement ${input.eventId} is ${input.actor}'s, not ${this.actor}'s`);
    const known = this.eventOccurrence.get(input.eventId);
    if (known) return { occurrenceId: known, changed: false, changes: [], touchedStreams: [] };
    const match = findMatchingOccurrence(input, this.candidates(input));
    if (!match) {
      const occurrence = createOccurrence(input);
      this.index(occurrence);
      this.occurrences.set(occurrence.occurrenceId, occurrence);
      this.eventOccurrence.set(input.eventId, occurrence.occurrenceId);
      const issues = this.assignIssues(occurrence);
      this.issuesOf.set(occurrence.occurrenceId, issues);
      const changes: PositionChange[] = [];
      const touched: string[] = [];
      for (const issue of issues) {
        const { timeline, id } = this.timeline(occurrence, issue);
        const moved = timeline.apply(toStanceEvent(occurrence, issue), emit);
        for (const change of moved) changes.push(change);
        touched.push(id);
      }
      return { occurrenceId: occurrence.occurrenceId, changed: true, changes, touchedStreams: touched };
    }
    this.eventOccurrence.set(input.eventId, match.occurrenceId);
    const { occurrence, isNewSource, revised } = mergeReport(match, input);
    if (!isNewSource) return { occurrenceId: match.occurrenceId, changed: false, changes: [], touchedStreams: [] };
    this.occurrences.set(occurrence.occurrenceId, occurrence);
    this.index(occurrence);
    // a corroborating report can widen the targets, and so the issues; an issue once assigned stays
    const before = this.issuesOf.get(occurrence.occurrenceId) ?? [];
    const issues = [...new Set([...before, ...this.assignIssues(occurrence)])];
    this.issuesOf.set(occurrence.occurrenceId, issues);
    const changes: PositionChange[] = [];
    const touched: string[] = [];
    for (const issue of issues) {
      const { timeline, id } = this.timeline(occurrence, issue);
      const event = toStanceEvent(occurrence, issue);
      let moved: PositionChange[] = [];
      if (!timeline.has(occurrence.occurrenceId)) moved = timeline.apply(event, emit);
      else if (revised) moved = timeline.revise(event, emit);
      else timeline.recordSources(occurrence.occurrenceId, occurrence.sourceCount);
      for (const change of moved) changes.push(change);
      touched.push(id);
    }
    return { occurrenceId: occurrence.occurrenceId, changed: true, changes, touchedStreams: touched };
  }

  streams(ids?: Iterable<string>): StreamState[] {
    const wanted = ids ? [...new Set(ids)] : [...this.timelines.keys()];
    return wanted
      .map((id) => this.timelines.get(id))
      .filter((timeline): timeline is StanceTimeline => timeline !== undefined)
      .map((timeline) => ({ stream: timeline.stream, streamId: stanceStreamId(timeline.stream), current: timeline.current(), history: timeline.history() }));
  }

  allOccurrences(): Occurrence[] {
    return [...this.occurrences.values()];
  }

  ledger(): PledgeLedger {
    return buildPledgeLedger(this.assigned());
  }

  redLines(): RedLineSummary[] {
    return summariseRedLines(this.assigned());
  }

  /** Occurrences with the report's key dated within a few weeks of it (the matcher applies the exact window). */
  private candidates(report: Report): Occurrence[] {
    const weeks = this.byKeyWeek.get(occurrenceKey(report));
    if (!weeks) return [];
    const [first, last] = dayRange(effectiveDate(report.statedOn, report.observedAt));
    // an occurrence spanning several of these weeks comes more than once: the matcher's choice
    // does not depend on order or repeats, and de-duplicating cost more than the repeats
    const found: Occurrence[] = [];
    for (let week = Math.floor((first - CANDIDATE_SLACK_DAYS) / 7); week <= Math.floor((last + CANDIDATE_SLACK_DAYS) / 7); week++) {
      const ids = weeks.get(week);
      if (ids) for (const id of ids) found.push(this.occurrences.get(id)!);
    }
    return found;
  }

  private index(occurrence: Occurrence): void {
    const key = occurrenceKey(occurrence);
    let weeks = this.byKeyWeek.get(key);
    if (!weeks) this.byKeyWeek.set(key, (weeks = new Map()));
    const last = Math.floor(dayNumber(occurrence.lastDay) / 7);
    for (let week = Math.floor(dayNumber(occurrence.firstDay) / 7); week <= last; week++) {
      let ids = weeks.get(week);
      if (!ids) weeks.set(week, (ids = new Set()));
      ids.add(occurrence.occurrenceId);
    }
  }

  private assigned() {
    return [...this.occurrences.values()].map((occurrence) => ({ occurrence, issues: this.issuesOf.get(occurrence.occurrenceId) ?? [] }));
  }

  private timeline(occurrence: Occurrence, issue: string): { timeline: StanceTimeline; id: string } {
    const stream: StanceStream = { actor: occurrence.actor, actorRole: occurrence.actorRole, issue };
    const id = stanceStreamId(stream);
    let timeline = this.timelines.get(id);
    if (!timeline) {
      timeline = new StanceTimeline(stream);
      this.timelines.set(id, timeline);
    }
    return { timeline, id };
  }
}

/** Orders extractor versions (semver-like "1.2.10" > "1.2.9"); a newer run supersedes an older one. */
export function compareExtractorVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const pb = b.split(/[.+-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}
