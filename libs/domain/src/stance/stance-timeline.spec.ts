import { PositionEventType, POSITION_EVENT_TYPES } from '@stancewatch/domain/catalogue';
import { Stance } from '@stancewatch/domain/stance/stance-rules';
import { PositionChange, StanceEvent, StanceTimeline } from '@stancewatch/domain/stance/stance-timeline';

const stream = { actor: 'FR', actorRole: null, issue: 'ukraine-security-force' };
let counter = 0;

function event(type: PositionEventType, statedOn: string | null, extra: Partial<StanceEvent> = {}): StanceEvent {
  counter++;
  return {
    eventId: `e${String(counter).padStart(4, '0')}`,
    type,
    actor: 'FR',
    actorRole: null,
    issue: 'ukraine-security-force',
    statedOn,
    observedAt: '2026-01-15T10:00:00Z',
    quantity: null,
    conditions: [],
    asset: ['troops'],
    target: ['UA'],
    sourceCount: 1,
    ...extra,
  };
}

/** Deterministic PRNG so a failing shuffle can be replayed. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function applyAll(timeline: StanceTimeline, events: StanceEvent[]): PositionChange[] {
  return events.flatMap((e) => timeline.apply(e));
}

describe('StanceTimeline', () => {
  it('starts empty', () => {
    const timeline = new StanceTimeline(stream);
    expect(timeline.current()).toMatchObject({ stance: null, since: null, causeEventId: null, eventIds: [] });
    expect(timeline.history()).toEqual([]);
  });

  it('reads the analysts\' example: FR committed with 6,000 troops on 8 January 2026 conditional on a ceasefire', () => {
    const timeline = new StanceTimeline(stream);
    const pledge = event('pledge-announced', '2026-01-08', {
      quantity: { value: 6000, unit: 'troops', text: '6,000 troops' },
      conditions: [{ text: 'once a peace agreement and ceasefire are in place', kind: 'ceasefire' }],
    });
    expect(timeline.apply(pledge)).toEqual([
      { ...stream, from: null, to: 'committed', since: '2026-01-08', causeEventId: pledge.eventId, historical: false },
    ]);
    expect(timeline.current()).toEqual({
      stance: 'committed',
      since: '2026-01-08',
      sincePrecision: 'day',
      causeEventId: pledge.eventId,
      eventIds: [pledge.eventId],
      conditions: [{ text: 'once a peace agreement and ceasefire are in place', kind: 'ceasefire' }],
      sourceCount: 1,
      lastStatedOn: '2026-01-08',
    });
  });

  it('keeps a commitment through support, consideration, demands and red lines, attaching later conditions', () => {
    const timeline = new StanceTimeline(stream);
    const pledge = event('pledge-announced', '2026-01-06');
    timeline.apply(pledge);
    const condition = event('condition-set', '2026-01-07', { conditions: [{ text: 'UN mandate', kind: 'un-mandate' }] });
    for (const e of [
      event('support-expressed', '2026-01-07'),
      event('pledge-considered', '2026-01-07'),
      event('demand-made', '2026-01-08'),
      event('red-line-stated', '2026-01-09'),
      event('opposition-expressed', '2026-01-09'),
      condition,
    ]) {
      expect(timeline.apply(e)).toEqual([]);
    }
    const reaffirmed = event('pledge-announced', '2026-01-10', { sourceCount: 3 });
    expect(timeline.apply(reaffirmed)).toEqual([]);
    expect(timeline.current()).toMatchObject({
      stance: 'committed',
      since: '2026-01-06',
      eventIds: [pledge.eventId, condition.eventId, reaffirmed.eventId],
      conditions: [{ text: 'UN mandate', kind: 'un-mandate' }],
      sourceCount: 5,
      lastStatedOn: '2026-01-10',
    });
    expect(timeline.history()).toEqual([{ stance: 'committed', from: '2026-01-06', to: null, causeEventId: pledge.eventId }]);
  });

  it('makes a condition on its own conditional, and carries its conditions into a later commitment', () => {
    const timeline = new StanceTimeline(stream);
    const condition = event('condition-set', '2026-01-03', { conditions: [{ text: 'only with a ceasefire', kind: 'ceasefire' }] });
    expect(timeline.apply(condition).map((c) => c.to)).toEqual(['conditional']);
    const pledge = event('pledge-announced', '2026-01-08');
    expect(timeline.apply(pledge)).toEqual([
      { ...stream, from: 'conditional', to: 'committed', since: '2026-01-08', causeEventId: pledge.eventId, historical: false },
    ]);
    expect(timeline.current().conditions).toEqual([{ text: 'only with a ceasefire', kind: 'ceasefire' }]);
    // A refusal drops the conditions with the commitment.
    timeline.apply(event('pledge-refused', '2026-02-01'));
    expect(timeline.current()).toMatchObject({ stance: 'refused', conditions: [] });
  });

  it('moves from refused to considering (Spain), and lets a refusal withdraw a commitment', () => {
    const timeline = new StanceTimeline(stream);
    timeline.apply(event('pledge-refused', '2025-09-01'));
    expect(timeline.apply(event('pledge-considered', '2026-01-07')).map((c) => [c.from, c.to])).toEqual([['refused', 'considering']]);
    expect(timeline.apply(event('pledge-announced', '2026-01-20')).map((c) => [c.from, c.to])).toEqual([['considering', 'committed']]);
    expect(timeline.apply(event('pledge-refused', '2026-02-20')).map((c) => [c.from, c.to])).toEqual([['committed', 'refused']]);
  });

  it('lifts a red line only by a pledge, refusal, condition or consideration', () => {
    const timeline = new StanceTimeline({ ...stream, actor: 'RU' });
    const ru = (type: PositionEventType, statedOn: string) => event(type, statedOn, { actor: 'RU' });
    timeline.apply(ru('red-line-stated', '2025-09'));
    expect(timeline.apply(ru('demand-made', '2025-10-01'))).toEqual([]);
    expect(timeline.apply(ru('opposition-expressed', '2025-10-02'))).toEqual([]);
    expect(timeline.apply(ru('support-expressed', '2025-10-03'))).toEqual([]);
    expect(timeline.apply(ru('condition-set', '2025-11-01')).map((c) => c.to)).toEqual(['conditional']);
  });

  it('decides a day by rank, not by arrival: a refusal outranks a same-day pledge (Romania)', () => {
    const refused = event('pledge-refused', null, { actor: 'RO' });
    const naval = event('pledge-announced', null, { actor: 'RO', asset: ['naval'] });
    const roStream = { ...stream, actor: 'RO' };
    for (const order of [[refused, naval], [naval, refused]]) {
      const timeline = new StanceTimeline(roStream);
      applyAll(timeline, order);
      expect(timeline.current()).toMatchObject({ stance: 'refused', since: '2026-01-15', sincePrecision: 'observed' });
      // The pledge that held for part of the day never shows in the history.
      expect(timeline.history()).toEqual([{ stance: 'refused', from: '2026-01-15', to: null, causeEventId: refused.eventId }]);
    }
  });

  it('sorts a month-only date at the start of the month', () => {
    const timeline = new StanceTimeline(stream);
    const day = event('pledge-refused', '2025-03-02');
    const month = event('pledge-announced', '2025-03');
    applyAll(timeline, [day, month]);
    expect(timeline.history()).toEqual([
      { stance: 'committed', from: '2025-03', to: '2025-03-02', causeEventId: month.eventId },
      { stance: 'refused', from: '2025-03-02', to: null, causeEventId: day.eventId },
    ]);
  });

  it('falls back to the observed day when statedOn is null', () => {
    const timeline = new StanceTimeline(stream);
    const stated = event('pledge-considered', '2026-01-20');
    const undated = event('pledge-refused', null, { observedAt: '2026-01-10T23:30:00-02:00' }); // 2026-01-11 UTC
    applyAll(timeline, [stated, undated]);
    expect(timeline.history().map((i) => [i.stance, i.from])).toEqual([
      ['refused', '2026-01-11'],
      ['considering', '2026-01-20'],
    ]);
  });

  it('files a late older statement in its place without overwriting the newer stance', () => {
    const timeline = new StanceTimeline(stream);
    const considering = event('pledge-considered', '2026-01-07');
    timeline.apply(considering);
    const refusal = event('pledge-refused', '2025-09', { observedAt: '2026-01-20T08:00:00Z' });
    expect(timeline.apply(refusal)).toEqual([
      { ...stream, from: null, to: 'refused', since: '2025-09', causeEventId: refusal.eventId, historical: true },
    ]);
    expect(timeline.current()).toMatchObject({ stance: 'considering', since: '2026-01-07', causeEventId: considering.eventId });
    expect(timeline.history()).toEqual([
      { stance: 'refused', from: '2025-09', to: '2026-01-07', causeEventId: refusal.eventId },
      { stance: 'considering', from: '2026-01-07', to: null, causeEventId: considering.eventId },
    ]);
  });

  it('reports an earlier start of the current stance as historical', () => {
    const timeline = new StanceTimeline(stream);
    const january = event('pledge-announced', '2026-01-08');
    timeline.apply(january);
    const march = event('pledge-announced', '2025-03');
    expect(timeline.apply(march)).toEqual([
      { ...stream, from: null, to: 'committed', since: '2025-03', causeEventId: march.eventId, historical: true },
    ]);
    expect(timeline.current()).toMatchObject({ since: '2025-03', eventIds: [march.eventId, january.eventId] });
  });

  it('emits a live change when a late statement changes what is current', () => {
    const timeline = new StanceTimeline(stream);
    timeline.apply(event('support-expressed', '2026-01-01'));
    timeline.apply(event('opposition-expressed', '2026-01-05'));
    timeline.apply(event('support-expressed', '2026-01-10'));
    const pledge = event('pledge-announced', '2026-01-03');
    // The pledge absorbs the later opposition and support: current moves supportive → committed.
    expect(timeline.apply(pledge)).toEqual([
      { ...stream, from: 'supportive', to: 'committed', since: '2026-01-03', causeEventId: pledge.eventId, historical: false },
    ]);
    expect(timeline.history().map((i) => i.stance)).toEqual(['supportive', 'committed']);
  });

  it('ignores an event it has already seen', () => {
    const timeline = new StanceTimeline(stream);
    const pledge = event('pledge-announced', '2026-01-08');
    expect(timeline.apply(pledge)).toHaveLength(1);
    expect(timeline.apply({ ...pledge })).toEqual([]);
    expect(timeline.size).toBe(1);
  });

  it('refuses an event of another stream, including another role of the same actor', () => {
    const timeline = new StanceTimeline(stream);
    expect(() => timeline.apply(event('condition-set', null, { actorRole: 'opposition' }))).toThrow(/FR:opposition\/ukraine-security-force/);
    expect(() => timeline.apply(event('condition-set', null, { issue: 'ukraine-military-aid' }))).toThrow(/not to FR\/ukraine-security-force/);
  });

  it('rejects malformed dates', () => {
    const timeline = new StanceTimeline(stream);
    expect(() => timeline.apply(event('pledge-announced', '8 January 2026'))).toThrow(/statedOn/);
    expect(() => timeline.apply(event('pledge-announced', '2026-02-30'))).toThrow(/statedOn/);
    expect(() => timeline.apply(event('pledge-announced', null, { observedAt: 'yesterday' }))).toThrow(/observedAt/);
  });

  it('revises an occurrence whose date became known, moving it in the history', () => {
    const timeline = new StanceTimeline(stream);
    const undated = event('pledge-refused', null, { observedAt: '2026-01-20T00:00:00Z' });
    const considering = event('pledge-considered', '2026-01-10');
    applyAll(timeline, [considering, undated]);
    expect(timeline.current().stance).toBe('refused');
    const changes = timeline.revise({ ...undated, statedOn: '2025-09' });
    expect(changes).toEqual([
      { ...stream, from: null, to: 'refused', since: '2025-09', causeEventId: undated.eventId, historical: true },
      { ...stream, from: 'refused', to: 'considering', since: '2026-01-10', causeEventId: considering.eventId, historical: false },
    ]);
    expect(timeline.history()).toEqual(StanceTimeline.fromEvents(timeline.events()).history());
  });

  it('records more sources without moving the stance', () => {
    const timeline = new StanceTimeline(stream);
    const pledge = event('pledge-announced', '2026-01-08');
    timeline.apply(pledge);
    expect(timeline.recordSources(pledge.eventId, 4)).toBe(true);
    expect(timeline.recordSources('unknown', 4)).toBe(false);
    expect(timeline.current().sourceCount).toBe(4);
  });

  describe('arrival order does not matter', () => {
    const days = ['2025-01', '2025-03-01', '2025-03-02', '2025-09', '2025-09-15', '2026-01-06', '2026-01-08', null];
    const randomEvents = (random: () => number, count: number): StanceEvent[] =>
      Array.from({ length: count }, () =>
        event(POSITION_EVENT_TYPES[Math.floor(random() * POSITION_EVENT_TYPES.length)], days[Math.floor(random() * days.length)], {
          observedAt: `2026-01-${String(10 + Math.floor(random() * 3)).padStart(2, '0')}T0${Math.floor(random() * 3)}:00:00Z`,
          conditions: random() < 0.3 ? [{ text: `condition ${Math.floor(random() * 3)}`, kind: 'other' }] : [],
        }),
      );

    it('gives the same current position and history for 300 shuffles of random event sets', () => {
      const random = mulberry32(20260108);
      for (let round = 0; round < 300; round++) {
        const events = randomEvents(random, 1 + Math.floor(random() * 25));
        const reference = StanceTimeline.fromEvents(events);
        const timeline = new StanceTimeline(stream);
        const changes = applyAll(timeline, shuffled(events, random));
        expect(timeline.history()).toEqual(reference.history());
        expect(timeline.current()).toEqual(reference.current());
        // Live changes chain from nothing to the final stance.
        let live: Stance | null = null;
        for (const change of changes.filter((c) => !c.historical)) {
          expect(change.from).toBe(live);
          live = change.to;
        }
        expect(live).toBe(reference.current().stance);
        // Restoring a snapshot gives the same aggregate.
        const restored = StanceTimeline.restore(JSON.parse(JSON.stringify(timeline.snapshot())));
        expect(restored.history()).toEqual(reference.history());
        expect(restored.current()).toEqual(reference.current());
      }
    });

    it('changes nothing when the same events are delivered again in another order', () => {
      const random = mulberry32(7);
      const events = randomEvents(random, 40);
      const timeline = StanceTimeline.fromEvents(events);
      expect(applyAll(timeline, shuffled(events, random))).toEqual([]);
    });

    it('agrees with in-order arrival after every prefix', () => {
      const random = mulberry32(99);
      const events = randomEvents(random, 60);
      const timeline = new StanceTimeline(stream);
      const seen: StanceEvent[] = [];
      for (const e of shuffled(events, random)) {
        timeline.apply(e);
        seen.push(e);
        expect(timeline.history()).toEqual(StanceTimeline.fromEvents(seen).history());
      }
    });
  });

  // Speed is the replay bench's business (bench/projection-replay.bench.ts); this checks the same workload's result.
  it('keeps many long streams with late arrivals consistent through snapshot and restore', () => {
    const random = mulberry32(1);
    const streams = 500;
    const perStream = 400;
    const timelines = Array.from({ length: streams }, (_, i) => new StanceTimeline({ actor: `A${i}`, actorRole: null, issue: 'x' }));
    const events: StanceEvent[] = [];
    for (let n = 0; n < streams * perStream; n++) {
      const s = n % streams;
      const step = Math.floor(n / streams);
      // Mostly in order, one in ten stated up to a year earlier than it arrives.
      const dayOffset = random() < 0.1 ? step - Math.floor(random() * 365) : step;
      const date = new Date(Date.UTC(2024, 0, 1) + Math.max(0, dayOffset) * 86_400_000).toISOString().slice(0, 10);
      events.push({
        eventId: `s${s}-${step}`,
        type: POSITION_EVENT_TYPES[Math.floor(random() * POSITION_EVENT_TYPES.length)],
        actor: `A${s}`,
        actorRole: null,
        issue: 'x',
        statedOn: date,
        observedAt: '2026-01-01T00:00:00.000Z',
        quantity: null,
        conditions: [],
        asset: [],
        target: [],
        sourceCount: 1,
      });
    }
    for (const e of events) timelines[Number(e.actor.slice(1))].apply(e);
    const restored = timelines.map((t) => StanceTimeline.restore(t.snapshot()));
    for (const i of [0, 7, 250, streams - 1]) {
      expect(restored[i].history()).toEqual(timelines[i].history());
      expect(timelines[i].history()).toEqual(StanceTimeline.fromEvents(events.filter((e) => e.actor === `A${i}`)).history());
    }
  });
});
