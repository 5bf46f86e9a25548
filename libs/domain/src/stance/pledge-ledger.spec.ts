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
