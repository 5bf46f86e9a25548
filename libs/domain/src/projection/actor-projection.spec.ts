import { ActorProjection, compareExtractorVersions, ProjectionInput } from '@stancewatch/domain/projection';

const report = (eventId: string, extra: Partial<ProjectionInput> = {}): ProjectionInput => ({
  eventId,
  type: 'pledge-announced',
  actor: 'FR',
  actorRole: null,
  target: ['UA'],
  asset: ['troops'],
  quantity: { value: 6000, unit: 'troops', text: '6,000 troops' },
  conditions: [],
  statedOn: '2026-01-08',
  observedAt: '2026-01-09T08:00:00.000Z',
  evidence: 'France will send 6,000 troops to Ukraine.',
  articleId: `article-${eventId}`,
  url: `https://news.example/${eventId}`,
  confidence: 0.9,
  ...extra,
});

const projection = () => new ActorProjection('FR', () => ['ukraine-security-force']);

describe('ActorProjection', () => {
  it('merges reports of one statement into one occurrence and moves the stance once', () => {
    const p = projection();
    const first = p.apply(report('a'));
    const second = p.apply(report('b'));
    expect(first.changes.map((c) => c.to)).toEqual(['committed']);
    expect(second).toMatchObject({ occurrenceId: first.occurrenceId, changed: true, changes: [] });
    expect(p.occurrence(first.occurrenceId)!.sourceCount).toBe(2);
    expect(p.streams()[0].current).toMatchObject({ stance: 'committed', sourceCount: 2 });
  });

  it('finds a restatement across a week boundary (Sunday and the next Tuesday)', () => {
    const p = projection();
    const sunday = p.apply(report('a', { statedOn: '2026-01-11' }));
    const tuesday = p.apply(report('b', { statedOn: '2026-01-13' }));
    expect(tuesday.occurrenceId).toBe(sunday.occurrenceId);
    const later = p.apply(report('c', { statedOn: '2026-01-20' }));
    expect(later.occurrenceId).not.toBe(sunday.occurrenceId);
  });

  it('ignores the same report twice and another actor\'s report', () => {
    const p = projection();
    p.apply(report('a'));
    expect(p.apply(report('a'))).toMatchObject({ changed: false, changes: [] });
    expect(() => p.apply(report('x', { actor: 'GB' }))).toThrow(/GB's, not FR's/);
  });

  it('keeps pledges and totals on the ledger', () => {
    const p = projection();
    p.apply(report('a'));
    p.apply(report('r', { type: 'pledge-refused', statedOn: '2026-02-01', quantity: null, evidence: 'France ruled out sending troops.' }));
    const ledger = p.ledger();
    expect(ledger.pledges.map((x) => x.status).sort()).toEqual(['refused', 'withdrawn']);
    expect(ledger.totals).toEqual([]);
  });
});

describe('ActorProjection.place', () => {
  it('leaves the projection exactly as apply does (corroboration, revised dates, late reports, several issues)', () => {
    const issuesOf = (o: { asset: string[] }) => (o.asset.includes('money') ? ['ukraine-military-aid'] : ['ukraine-security-force', 'nato-eastern-flank']);
    const applied = new ActorProjection('FR', issuesOf);
    const placed = new ActorProjection('FR', issuesOf);
    const types = ['pledge-announced', 'pledge-considered', 'pledge-refused', 'red-line-stated', 'condition-set', 'support-expressed'] as const;
    let seed = 7;
    const next = (n: number) => Math.floor((seed = (seed * 1103515245 + 12345) % 2147483648) / 65536) % n;
    for (let i = 0; i < 600; i++) {
      // few days and types, so reports restate each other, refine month-only dates and arrive out of order
      const day = next(300);
      const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
      const input = report(`r${i}`, {
        type: types[next(types.length)],
        asset: [next(3) === 0 ? 'money' : 'troops'],
        statedOn: next(5) === 0 ? date.slice(0, 7) : next(6) === 0 ? null : date,
        observedAt: new Date(Date.UTC(2026, 0, 1 + day + next(3), next(24))).toISOString(),
        quantity: next(2) ? { value: 1000 * (1 + next(3)), unit: 'troops', text: 'n' } : null,
        conditions: next(4) === 0 ? [{ text: 'once a ceasefire holds', kind: 'ceasefire' }] : [],
        articleId: `article-${next(400)}`,
        url: null,
      });
      expect(placed.place(input)).toBe(applied.apply(input).occurrenceId);
    }
    // the latest statement, restated by several articles: the current stance counts their sources
    for (let k = 0; k < 4; k++) {
      const input = report(`late-${k}`, { statedOn: '2026-12-01', observedAt: `2026-12-0${2 + k}T10:00:00.000Z`, articleId: `late-${k}`, url: null });
      expect(placed.place(input)).toBe(applied.apply(input).occurrenceId);
    }
    expect(placed.streams()).toEqual(applied.streams());
    expect(placed.allOccurrences()).toEqual(applied.allOccurrences());
    expect(placed.ledger()).toEqual(applied.ledger());
    expect(placed.redLines()).toEqual(applied.redLines());
    expect(placed.eventOccurrences()).toEqual(applied.eventOccurrences());
    // the reports did corroborate and revise, so the comparison covered merges
    expect(applied.allOccurrences().some((o) => o.sourceCount > 2)).toBe(true);
    expect(applied.streams().some((s) => s.history.length > 3)).toBe(true);
    expect(applied.streams().some((s) => s.current.sourceCount === 4)).toBe(true);
  });
});

describe('compareExtractorVersions', () => {
  it('orders versions numerically', () => {
    expect(compareExtractorVersions('1.10.0', '1.9.3')).toBeGreaterThan(0);
    expect(compareExtractorVersions('0.3.0', '0.3.0')).toBe(0);
    expect(compareExtractorVersions('0.2.9', '0.3.0')).toBeLessThan(0);
    expect(compareExtractorVersions('1.0', '1.0.0')).toBe(0);
  });
});
