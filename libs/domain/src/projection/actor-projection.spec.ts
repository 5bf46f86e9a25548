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

describe('compareExtractorVersions', () => {
  it('orders versions numerically', () => {
    expect(compareExtractorVersions('1.10.0', '1.9.3')).toBeGreaterThan(0);
    expect(compareExtractorVersions('0.3.0', '0.3.0')).toBe(0);
    expect(compareExtractorVersions('0.2.9', '0.3.0')).toBeLessThan(0);
    expect(compareExtractorVersions('1.0', '1.0.0')).toBe(0);
  });
});
