import { PositionEventType } from '@stancewatch/domain/catalogue';
import { Report, createOccurrence, mergeReport } from '@stancewatch/domain/stance/corroboration';
import { AssignedOccurrence, buildPledgeLedger } from '@stancewatch/domain/stance/pledge-ledger';
import { summariseRedLines } from '@stancewatch/domain/stance/red-lines';

let n = 0;
function statement(type: PositionEventType, actor: string, extra: Partial<Report> = {}, issues = ['ukraine-security-force']): AssignedOccurrence {
  n++;
  const report: Report = {
    eventId: `o${n}`,
    articleId: `a${n}`,
    url: `https://news.example/${n}`,
    type,
    actor,
    actorRole: null,
    target: ['UA'],
    asset: ['troops'],
    quantity: null,
    conditions: [],
    statedOn: null,
    observedAt: '2026-01-10T08:00:00Z',
    evidence: `${actor} ${type} (${n})`,
    confidence: 0.9,
    ...extra,
  };
  return { occurrence: createOccurrence(report), issues };
}
const troops = (value: number | null, text = String(value)) => ({ value, unit: 'troops', text });

describe('buildPledgeLedger', () => {
  it('lists pledges with their status and lets a later refusal withdraw an earlier pledge', () => {
    const announced = statement('pledge-announced', 'IT', { statedOn: '2025-06-01', quantity: troops(1000) });
    const refused = statement('pledge-refused', 'IT', { statedOn: '2025-09-01' });
    const laterConsidered = statement('pledge-considered', 'IT', { statedOn: '2026-01-05' });
    const { pledges } = buildPledgeLedger([laterConsidered, refused, announced]);
    expect(pledges.map((p) => [p.occurrenceId, p.status, p.withdrawnBy, p.statedOn])).toEqual([
      [announced.occurrence.occurrenceId, 'withdrawn', refused.occurrence.occurrenceId, '2025-06-01'],
      [refused.occurrence.occurrenceId, 'refused', null, '2025-09-01'],
      [laterConsidered.occurrence.occurrenceId, 'considered', null, '2026-01-05'],
    ]);
  });

  it('withdraws only the assets a refusal covers (Romania: no troops, but ships)', () => {
    const naval = statement('pledge-announced', 'RO', { asset: ['naval'] });
    const noTroops = statement('pledge-refused', 'RO', { asset: ['troops'] });
    const { pledges } = buildPledgeLedger([naval, noTroops]);
    expect(pledges.map((p) => [p.asset, p.status])).toEqual([
      [['naval'], 'announced'],
      [['troops'], 'refused'],
    ]);
  });

  it('totals troops pledged to the Ukraine force by country, taking each country\'s latest figure', () => {
    const fr = statement('pledge-announced', 'FR', {
      statedOn: '2026-01-08',
      quantity: troops(6000, '6,000 troops'),
      conditions: [{ text: 'after a ceasefire', kind: 'ceasefire' }],
    });
    const frEarlier = statement('pledge-announced', 'FR', { statedOn: '2025-03', quantity: troops(2000) });
    const gb = statement('pledge-announced', 'GB', { statedOn: '2026-01-06', quantity: troops(7500) });
    const lt = statement('pledge-considered', 'LT', { quantity: troops(null, 'several hundred') });
    const opposition = statement('pledge-announced', 'FR', { actorRole: 'opposition', quantity: troops(100) });
    const aid = statement('pledge-announced', 'FR', { asset: ['equipment'], quantity: { value: 2e9, unit: 'EUR', text: '€2 billion' } }, ['ukraine-military-aid']);
    const moreAid = statement('pledge-announced', 'FR', { statedOn: '2026-02-01', asset: ['equipment'], quantity: { value: 1e9, unit: 'EUR', text: '€1 billion' } }, [
      'ukraine-military-aid',
    ]);
    const { pledges, totals } = buildPledgeLedger([fr, frEarlier, gb, lt, opposition, aid, moreAid]);
    expect(pledges.find((p) => p.occurrenceId === fr.occurrence.occurrenceId)).toMatchObject({
      actor: 'FR',
      status: 'announced',
      quantity: { value: 6000, unit: 'troops' },
      conditions: [{ text: 'after a ceasefire', kind: 'ceasefire' }],
    });
    expect(totals).toEqual([
      {
        issue: 'ukraine-military-aid',
        unit: 'EUR',
        status: 'announced',
        total: 3e9,
        byActor: [{ actor: 'FR', value: 3e9, occurrenceIds: [aid.occurrence.occurrenceId, moreAid.occurrence.occurrenceId] }],
        vague: [],
      },
      {
        issue: 'ukraine-security-force',
        unit: 'troops',
        status: 'announced',
        total: 13500,
        byActor: [
          { actor: 'GB', value: 7500, occurrenceIds: [gb.occurrence.occurrenceId] },
          { actor: 'FR', value: 6000, occurrenceIds: [fr.occurrence.occurrenceId] },
        ],
        vague: [],
      },
      {
        issue: 'ukraine-security-force',
        unit: 'troops',
        status: 'considered',
        total: 0,
        byActor: [],
        vague: [{ actor: 'LT', text: 'several hundred', occurrenceId: lt.occurrence.occurrenceId }],
      },
    ]);
  });

  it('counts a corroborated pledge once', () => {
    const pledge = statement('pledge-announced', 'FR', { statedOn: '2026-01-08', quantity: troops(6000) });
    const again = mergeReport(pledge.occurrence, { ...pledge.occurrence.sources[0], eventId: 'x', articleId: 'b', url: 'https://other.example/x', type: 'pledge-announced', actor: 'FR', actorRole: null, observedAt: '2026-01-09T00:00:00Z' });
    const { pledges, totals } = buildPledgeLedger([{ occurrence: again.occurrence, issues: pledge.issues }]);
    expect(pledges).toHaveLength(1);
    expect(pledges[0].sourceCount).toBe(2);
    expect(totals[0].total).toBe(6000);
  });
});

describe('buildPledgeLedger withdrawals', () => {
  it('withdraws a pledge by the first later refusal of the same actor, role and issue that covers its asset', () => {
    const types: PositionEventType[] = ['pledge-announced', 'pledge-considered', 'pledge-refused'];
    const assets = [[], ['troops'], ['naval'], ['troops', 'naval']] as const;
    let seed = 11;
    const next = (k: number) => Math.floor((seed = (seed * 1103515245 + 12345) % 2147483648) / 65536) % k;
    const entries: AssignedOccurrence[] = [];
    for (let i = 0; i < 300; i++) {
      entries.push(
        statement(types[next(3)], ['FR', 'DE'][next(2)], { actorRole: next(4) === 0 ? 'opposition' : null, asset: [...assets[next(4)]], statedOn: `2026-0${1 + next(9)}-1${next(10)}` }, next(3) === 0 ? ['a', 'b'] : ['a']),
      );
    }
    const { pledges } = buildPledgeLedger(entries);
    const dayOf = (id: string) => pledges.find((p) => p.occurrenceId === id)!.statedOn;
    const covers = (refusal: { asset: readonly string[] }, pledge: { asset: readonly string[] }) =>
      refusal.asset.length === 0 || pledge.asset.length === 0 || pledge.asset.some((a) => refusal.asset.includes(a));
    let withdrawn = 0;
    for (const pledge of pledges.filter((p) => p.status !== 'refused')) {
      // the earliest refusal after the pledge in the timeline's order (day, then same-day rank: refusals after pledges)
      const refusals = pledges.filter(
        (r) => r.status === 'refused' && r.issue === pledge.issue && r.actor === pledge.actor && r.actorRole === pledge.actorRole && r.statedOn >= dayOf(pledge.occurrenceId) && covers(r, pledge),
      );
      const first = refusals.sort((a, b) => (a.statedOn < b.statedOn ? -1 : a.statedOn > b.statedOn ? 1 : 0))[0];
      if (first && first.statedOn === pledge.statedOn && refusals.filter((r) => r.statedOn === first.statedOn).length > 1) continue; // same-day ties: ordered by time seen and id, not checked here
      expect([pledge.occurrenceId, pledge.status === 'withdrawn', pledge.withdrawnBy]).toEqual([pledge.occurrenceId, Boolean(first), first?.occurrenceId ?? null]);
      if (first) withdrawn++;
    }
    expect(withdrawn).toBeGreaterThan(20);
  });
});

describe('summariseRedLines', () => {
  it('tells who drew which line, first and last stated, and how often it was restated', () => {
    const september = statement('red-line-stated', 'RU', { statedOn: '2025-09', evidence: 'Putin labeled pre-peace troops “legitimate targets”.' });
    const zakharova = statement('red-line-stated', 'RU', { evidence: 'Zakharova deems foreign peacekeepers “unacceptable”.' });
    const restated = mergeReport(zakharova.occurrence, { ...zakharova.occurrence.sources[0], eventId: 'y', articleId: 'c', url: 'https://other.example/y', type: 'red-line-stated', actor: 'RU', actorRole: null });
    const unassigned = statement('red-line-stated', 'CN', { target: ['TW'] }, []);
    const summaries = summariseRedLines([{ occurrence: restated.occurrence, issues: zakharova.issues }, september, unassigned, statement('demand-made', 'RU')]);
    expect(summaries).toEqual([
      expect.objectContaining({ actor: 'CN', issue: null, timesStated: 1, timesRestated: 0 }),
      expect.objectContaining({
        actor: 'RU',
        actorRole: null,
        issue: 'ukraine-security-force',
        firstStated: '2025-09',
        lastStated: '2026-01-10',
        timesStated: 2,
        timesRestated: 1,
        sourceCount: 3,
        lines: ['Putin labeled pre-peace troops “legitimate targets”.', 'Zakharova deems foreign peacekeepers “unacceptable”.'],
      }),
    ]);
  });
});
