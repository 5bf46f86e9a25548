import { Asset, Condition, PositionEventType, Quantity } from '@stancewatch/domain/catalogue';
import { EffectiveDate, effectiveDate, normaliseInstant } from './stance-dates';
import { STANCE_RULES, Stance, WILLING_STANCES, backsStance, nextStance } from './stance-rules';

/** One occurrence of a statement (already corroborated), as the stance aggregate sees it. */
export interface StanceEvent {
  eventId: string;
  type: PositionEventType;
  actor: string;
  actorRole: string | null;
  issue: string;
  /** 'YYYY-MM-DD' or 'YYYY-MM'; null when the text doesn't say. */
  statedOn: string | null;
  /** ISO date-time the statement was first seen. */
  observedAt: string;
  quantity: Quantity | null;
  conditions: Condition[];
  asset: Asset[];
  target: string[];
  sourceCount: number;
}

/**
 * Whose stance on what. The actor's role is part of it: a government and its opposition hold
 * separate stances (the French opposition's UN-mandate condition is not a condition on France's pledge).
 */
export interface StanceStream {
  actor: string;
  actorRole: string | null;
  issue: string;
}

/** `FR/ukraine-security-force`, or `FR:opposition/ukraine-security-force` for a role inside the actor. */
export function stanceStreamId(stream: StanceStream): string {
  return `${stream.actor}${stream.actorRole ? `:${stream.actorRole}` : ''}/${stream.issue}`;
}

export interface PositionChange {
  actor: string;
  actorRole: string | null;
  issue: string;
  from: Stance | null;
  to: Stance;
  /** Label of the date the new stance holds from ('YYYY-MM-DD' or 'YYYY-MM'). */
  since: string | null;
  causeEventId: string;
  /**
   * false: the *current* stance moved (from = the stance that was current before); alert on it.
   * true: a late or revised statement rewrote the past (an interval was inserted, or the current
   * interval now starts earlier or has another cause) while the current stance stayed; from = the
   * stance just before that interval in the rewritten history. Alerts can ignore these; read models
   * should reload `history()`.
   */
  historical: boolean;
}

export interface StanceInterval {
  stance: Stance;
  from: string;
  /** Where the next interval starts; null for the current one. */
  to: string | null;
  causeEventId: string;
}

export interface CurrentPosition {
  stance: Stance | null;
  since: string | null;
  /** How `since` is known: stated to the day or month, or only the day it was observed. */
  sincePrecision: EffectiveDate['precision'] | null;
  causeEventId: string | null;
  /** The events behind the stance, in time order: the cause and every later event reaffirming it. */
  eventIds: string[];
  /** Conditions on the position, carried over from considering/conditional into committed. */
  conditions: Condition[];
  /** Sources over the events behind the stance. */
  sourceCount: number;
  /** Date label of the latest event behind the stance. */
  lastStatedOn: string | null;
}

export interface StanceTimelineSnapshot {
  version: 1;
  stream: StanceStream;
  /** Every event seen, in timeline order. */
  events: StanceEvent[];
}

interface Entry {
  event: StanceEvent;
  date: EffectiveDate;
  /** Total order: day, same-day rank, observedAt, eventId. */
  key: string;
  /** Stance after folding this event; undefined until folded. */
  stanceAfter: Stance | undefined;
}

interface Interval {
  day: string;
  stance: Stance;
  cause: Entry;
}

const END_OF_TIME = '9999-12-31';

/**
 * The stance aggregate for one actor × issue. Events are kept sorted (see stance-dates.ts for
 * the order, stance-rules.ts for the fold), each with the stance after it; an event arriving late
 * is inserted in its place and the fold is redone only until it agrees again with what it was,
 * so any arrival order of the same events gives the same history. In-order arrival is O(log n);
 * a late event costs O(log n) plus the stretch of history it actually changes (plus an array insert).
 */
export class StanceTimeline {
  private readonly entries: Entry[] = [];
  private readonly byId = new Map<string, Entry>();
  /** History as (day, stance, cause); one per day on which the day's final stance differs from the day before. */
  private readonly intervals: Interval[] = [];
  private currentCache: CurrentPosition | null = null;

  constructor(readonly stream: StanceStream) {}

  static fromEvents(events: Iterable<StanceEvent>, stream?: StanceStream): StanceTimeline {
    const list = Array.isArray(events) ? (events as StanceEvent[]) : [...events];
    const streamOf = stream ?? (list.length ? streamFrom(list[0]) : undefined);
    if (!streamOf) throw new Error('StanceTimeline.fromEvents needs a stream when there are no events');
    const timeline = new StanceTimeline(streamOf);
    for (const event of list) {
      if (timeline.byId.has(event.eventId)) continue;
      const entry = timeline.toEntry(event);
      timeline.entries.push(entry);
      timeline.byId.set(event.eventId, entry);
    }
    // Sort once and fold once: O(n log n) however shuffled the input.
    timeline.entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    let stance: Stance | null = null;
    for (const entry of timeline.entries) entry.stanceAfter = stance = nextStance(stance, entry.event.type);
    timeline.intervals.push(...timeline.computeIntervals('', END_OF_TIME));
    return timeline;
  }

  static restore(snapshot: StanceTimelineSnapshot): StanceTimeline {
    if (snapshot.version !== 1) throw new Error(`unknown StanceTimeline snapshot version ${String(snapshot.version)}`);
    return StanceTimeline.fromEvents(snapshot.events, snapshot.stream);
  }

  snapshot(): StanceTimelineSnapshot {
    return { version: 1, stream: { ...this.stream }, events: this.entries.map((entry) => ({ ...entry.event })) };
  }

  get size(): number {
    return this.entries.length;
  }

  has(eventId: string): boolean {
    return this.byId.has(eventId);
  }

  /**
   * Takes in one occurrence. An event id already seen is ignored (returns []), so redelivery is
   * harmless; use `revise` when a known occurrence's date or type changed. `emit` false: the same
   * state, no changes worked out.
   */
  apply(event: StanceEvent, emit = true): PositionChange[] {
    if (this.byId.has(event.eventId)) return [];
    const entry = this.toEntry(event);
    const index = this.upperBound(entry.key);
    this.entries.splice(index, 0, entry);
    this.byId.set(event.eventId, entry);
    this.currentCache = null;
    return this.refold(index, entry.date.day, emit);
  }

  /**
   * Replaces a known occurrence (e.g. corroboration found a more precise statedOn); applies an unknown one.
   * `emit` false: the same state, without working out the changes (a replay has no one to tell).
   */
  revise(event: StanceEvent, emit = true): PositionChange[] {
    const existing = this.byId.get(event.eventId);
    if (!existing) return this.apply(event, emit);
    const replacement = this.toEntry(event);
    this.currentCache = null;
    if (replacement.key === existing.key && event.type === existing.event.type) {
      existing.event = replacement.event;
      return [];
    }
    const before = emit ? this.intervals.slice() : [];
    const beforeCurrent = before[before.length - 1];
    const removedAt = this.indexOf(existing);
    this.entries.splice(removedAt, 1);
    this.byId.delete(event.eventId);
    this.refold(removedAt, existing.date.day, false);
    const index = this.upperBound(replacement.key);
    this.entries.splice(index, 0, replacement);
    this.byId.set(event.eventId, replacement);
    this.refold(index, replacement.date.day, false);
    return emit ? this.changesBetween(before, this.intervals, 0, beforeCurrent) : [];
  }

  /** Updates how many sources back a known occurrence; never moves the stance. */
  recordSources(eventId: string, sourceCount: number): boolean {
    const entry = this.byId.get(eventId);
    if (!entry) return false;
    entry.event = { ...entry.event, sourceCount };
    this.currentCache = null;
    return true;
  }

  current(): CurrentPosition {
    if (!this.currentCache) this.currentCache = this.computeCurrent();
    const cached = this.currentCache;
    return { ...cached, eventIds: [...cached.eventIds], conditions: cached.conditions.map((c) => ({ ...c })) };
  }

  history(): StanceInterval[] {
    return this.intervals.map((interval, i) => ({
      stance: interval.stance,
      from: interval.cause.date.label,
      to: i + 1 < this.intervals.length ? this.intervals[i + 1].cause.date.label : null,
      causeEventId: interval.cause.event.eventId,
    }));
  }

  /** Events in timeline order. */
  events(): StanceEvent[] {
    return this.entries.map((entry) => entry.event);
  }

  // ---- internals ----

  private toEntry(event: StanceEvent): Entry {
    const { stream } = this;
    if (event.actor !== stream.actor || (event.actorRole ?? null) !== stream.actorRole || event.issue !== stream.issue) {
      throw new Error(
        `event ${event.eventId} belongs to ${stanceStreamId(streamFrom(event))}, not to ${stanceStreamId(stream)}`,
      );
    }
    const rule = STANCE_RULES[event.type];
    if (!rule) throw new Error(`event ${event.eventId} has unknown type ${JSON.stringify(event.type)}`);
    const date = effectiveDate(event.statedOn, event.observedAt);
    const key = `${date.day}|${rule.sameDayRank}|${normaliseInstant(event.observedAt)}|${event.eventId}`;
    return { event: { ...event, actorRole: event.actorRole ?? null }, date, key, stanceAfter: undefined };
  }

  /** First index whose key sorts after `key`. */
  private upperBound(key: string): number {
    let lo = 0;
    let hi = this.entries.length;
    if (hi > 0 && this.entries[hi - 1].key < key) return hi; // in-order arrival
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.entries[mid].key <= key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexOf(entry: Entry): number {
    const index = this.upperBound(entry.key) - 1;
    if (this.entries[index] !== entry) throw new Error(`timeline out of order at ${entry.event.eventId}`);
    return index;
  }

  /** First entry on or after `day`. */
  private firstEntryOn(day: string): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.entries[mid].date.day < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First interval on or after `day` (or after it, when `after`). */
  private intervalBound(day: string, after: boolean): number {
    let lo = 0;
    let hi = this.intervals.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const d = this.intervals[mid].day;
      if (d < day || (after && d === day)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Redoes the fold from `start` until a stance agrees with the one stored before (from there on
   * nothing can differ), then rebuilds the intervals of the days in between.
   */
  private refold(start: number, fromDay: string, emit = true): PositionChange[] {
    const { entries } = this;
    let previous: Stance | null = start > 0 ? entries[start - 1].stanceAfter! : null;
    let index = start;
    while (index < entries.length) {
      const entry = entries[index];
      const next = nextStance(previous, entry.event.type);
      const old = entry.stanceAfter;
      entry.stanceAfter = next;
      if (old === next) break;
      previous = next;
      index++;
    }
    const toDay = index < entries.length ? entries[index].date.day : END_OF_TIME;
    const beforeCurrent = this.intervals[this.intervals.length - 1];
    const from = this.intervalBound(fromDay, false);
    const to = this.intervalBound(toDay, true);
    const fresh = this.computeIntervals(fromDay, toDay);
    const old = this.intervals.splice(from, to - from, ...fresh);
    return emit ? this.changesBetween(old, fresh, from, beforeCurrent) : [];
  }

  /** Intervals starting on the days fromDay..toDay, from the folded stances. */
  private computeIntervals(fromDay: string, toDay: string): Interval[] {
    const { entries } = this;
    const fresh: Interval[] = [];
    let index = this.firstEntryOn(fromDay);
    let dayBefore: Stance | null = index > 0 ? entries[index - 1].stanceAfter! : null;
    while (index < entries.length && entries[index].date.day <= toDay) {
      const day = entries[index].date.day;
      let stance = dayBefore;
      let lastMover: Entry | null = null;
      for (; index < entries.length && entries[index].date.day === day; index++) {
        const after = entries[index].stanceAfter!;
        if (after !== stance) lastMover = entries[index];
        stance = after;
      }
      if (stance !== dayBefore && stance !== null && lastMover) fresh.push({ day, stance, cause: lastMover });
      dayBefore = stance;
    }
    return fresh;
  }

  /**
   * What a rewrite of intervals means to the outside: one live change when the current stance
   * moved, and one historical change per interval that is new to the history.
   */
  private changesBetween(old: readonly Interval[], fresh: readonly Interval[], freshStart: number, beforeCurrent: Interval | undefined): PositionChange[] {
    const oldKeys = new Set(old.map(intervalKey));
    const current = this.intervals[this.intervals.length - 1];
    const liveMove = current !== undefined && current.stance !== beforeCurrent?.stance;
    const changes: PositionChange[] = [];
    fresh.forEach((interval, i) => {
      if (oldKeys.has(intervalKey(interval)) || (liveMove && interval === current)) return;
      const preceding = this.intervals[freshStart + i - 1];
      changes.push(this.change(preceding?.stance ?? null, interval, true));
    });
    if (liveMove) changes.push(this.change(beforeCurrent?.stance ?? null, current, false));
    return changes;
  }

  private change(from: Stance | null, interval: Interval, historical: boolean): PositionChange {
    const { actor, actorRole, issue } = this.stream;
    return {
      actor,
      actorRole,
      issue,
      from,
      to: interval.stance,
      since: interval.cause.date.label,
      causeEventId: interval.cause.event.eventId,
      historical,
    };
  }

  private computeCurrent(): CurrentPosition {
    const last = this.intervals.length - 1;
    if (last < 0) {
      return { stance: null, since: null, sincePrecision: null, causeEventId: null, eventIds: [], conditions: [], sourceCount: 0, lastStatedOn: null };
    }
    const interval = this.intervals[last];
    const backing = this.backingEntries(last);
    const conditions = new ConditionSet();
    // Conditions carry over along a run of willing stances (considering → conditional → committed).
    let first = last;
    while (first > 0 && isWilling(this.intervals[first].stance) && isWilling(this.intervals[first - 1].stance)) first--;
    for (let i = first; i <= last; i++) this.collectConditions(i, conditions);
    return {
      stance: interval.stance,
      since: interval.cause.date.label,
      sincePrecision: interval.cause.date.precision,
      causeEventId: interval.cause.event.eventId,
      eventIds: backing.map((entry) => entry.event.eventId),
      conditions: conditions.values(),
      sourceCount: backing.reduce((sum, entry) => sum + (entry.event.sourceCount ?? 0), 0),
      lastStatedOn: backing.length ? backing[backing.length - 1].date.label : null,
    };
  }

  /** Entries from the first day of interval i up to the next interval. */
  private intervalRange(i: number): [number, number] {
    const start = this.firstEntryOn(this.intervals[i].day);
    const end = i + 1 < this.intervals.length ? this.firstEntryOn(this.intervals[i + 1].day) : this.entries.length;
    return [start, end];
  }

  /**
   * Conditions of interval i: those of the events behind it and, for a willing stance, of willing
   * statements made the same day it began (a pledge and its condition stated together).
   */
  private collectConditions(i: number, into: ConditionSet): void {
    const interval = this.intervals[i];
    const [start, end] = this.intervalRange(i);
    const willing = isWilling(interval.stance);
    for (let index = start; index < end; index++) {
      const entry = this.entries[index];
      const sameDayWilling = willing && entry.date.day === interval.day && isWilling(STANCE_RULES[entry.event.type].stance);
      if (sameDayWilling || backsStance(interval.stance, entry.event.type)) into.addAll(entry.event.conditions);
    }
  }

  /** Events behind interval i's stance: every event from the day it began that backs it (the cause among them). */
  private backingEntries(i: number): Entry[] {
    const interval = this.intervals[i];
    const [start, end] = this.intervalRange(i);
    const backing: Entry[] = [];
    for (let index = start; index < end; index++) {
      const entry = this.entries[index];
      if (entry === interval.cause || backsStance(interval.stance, entry.event.type)) backing.push(entry);
    }
    return backing;
  }
}

function isWilling(stance: Stance): boolean {
  return WILLING_STANCES.includes(stance);
}

function streamFrom(event: StanceEvent): StanceStream {
  return { actor: event.actor, actorRole: event.actorRole ?? null, issue: event.issue };
}

function intervalKey(interval: Interval): string {
  return `${interval.day}|${interval.stance}|${interval.cause.event.eventId}`;
}

/** Conditions without repeats (same kind and wording), in the order first seen. */
export class ConditionSet {
  private readonly byKey = new Map<string, Condition>();

  addAll(conditions: readonly Condition[] | null | undefined): void {
    for (const condition of conditions ?? []) {
      const key = `${condition.kind ?? ''}|${condition.text.trim().toLowerCase().replace(/\s+/g, ' ')}`;
      if (!this.byKey.has(key)) this.byKey.set(key, { text: condition.text, kind: condition.kind ?? null });
    }
  }

  values(): Condition[] {
    return [...this.byKey.values()];
  }
}
