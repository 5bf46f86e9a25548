import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Asset, PositionEventType } from '@stancewatch/domain/catalogue';
import { assignIssues } from '@stancewatch/domain/issues';
import { Occurrence, Report, createOccurrence, findMatchingOccurrence, mergeReport, toStanceEvent } from '@stancewatch/domain/stance/corroboration';
import { buildPledgeLedger } from '@stancewatch/domain/stance/pledge-ledger';
import { summariseRedLines } from '@stancewatch/domain/stance/red-lines';
import { StanceTimeline, stanceStreamId } from '@stancewatch/domain/stance/stance-timeline';

// The two shared articles' gold events, through issues, corroboration and the stance aggregate:
// the stances an analyst states. Skipped where the corpus is not mounted.
const corpus = process.env.CORPUS_DIR ?? '/work/shared/corpus';
const articles = ['seed-france-6000-troops', 'seed-ukraine-demands-uk-french-troops'];
const available = articles.every((a) => existsSync(join(corpus, `${a}.gold.json`)));

interface Gold {
  type: PositionEventType;
  actor: string;
  actorRole?: string | null;
  target: string[] | string | null;
  asset: Asset[] | Asset | null;
  quantity: { value: number | null; unit: string | null; text?: string } | null;
  statedOn: string | null;
  evidence: string[] | string;
}

const list = <T>(value: T[] | T | null | undefined): T[] => (value == null ? [] : Array.isArray(value) ? value : [value]);

(available ? describe : describe.skip)('the shared articles, projected', () => {
  const occurrences: Occurrence[] = [];
  const issuesOf = new Map<string, string[]>();
  for (const article of articles) {
    const gold: Gold[] = JSON.parse(readFileSync(join(corpus, `${article}.gold.json`), 'utf8'));
    gold.forEach((g, i) => {
      const report: Report = {
        eventId: `${article}#${i}`,
        articleId: article,
        url: `https://example.org/${article}`,
        type: g.type,
        actor: g.actor,
        actorRole: g.actorRole ?? null,
        target: list(g.target),
        asset: list(g.asset),
        quantity: g.quantity ? { value: g.quantity.value, unit: g.quantity.unit, text: g.quantity.text ?? String(g.quantity.value) } : null,
        conditions: [],
        statedOn: g.statedOn,
        observedAt: '2026-01-10T09:00:00Z',
        evidence: list(g.evidence)[0],
        confidence: 1,
      };
      const match = findMatchingOccurrence(report, occurrences);
      if (match) {
        occurrences[occurrences.indexOf(match)] = mergeReport(match, report).occurrence;
      } else {
        occurrences.push(createOccurrence(report));
        issuesOf.set(report.eventId, assignIssues({ ...report, evidence: list(g.evidence) }));
      }
    });
  }
  const timelines = new Map<string, StanceTimeline>();
  for (const occurrence of occurrences) {
    for (const issue of issuesOf.get(occurrence.occurrenceId)!) {
      const event = toStanceEvent(occurrence, issue);
      const id = stanceStreamId(event);
      if (!timelines.has(id)) timelines.set(id, new StanceTimeline(event));
      timelines.get(id)!.apply(event);
    }
  }
  const stanceOf = (id: string) => timelines.get(id)?.current();

  it('gives the stances an analyst would state on the Ukraine force', () => {
    const force = Object.fromEntries(
      [...timelines.entries()].filter(([id]) => id.endsWith('/ukraine-security-force')).map(([id, t]) => [id.split('/')[0], t.current().stance]),
    );
    expect(force).toEqual({
      FR: 'committed',
      GB: 'committed',
      CA: 'considering',
      BE: 'committed',
      LT: 'considering',
      ES: 'considering',
      RO: 'refused', // ruled out troops; its Black Sea offer the same day does not outrank the refusal
      US: 'supportive',
      'FR:opposition': 'opposed',
      RU: 'red-line',
      UA: 'demanding',
      DE: 'considering',
      TR: 'considering',
    });
    expect(stanceOf('FR/ukraine-security-force')).toMatchObject({ since: '2025-03', lastStatedOn: '2026-01-08' });
    expect(stanceOf('RU/ukraine-security-force')).toMatchObject({ since: '2025-09' });
    expect(stanceOf('FR/ukraine-military-aid')?.stance).toBe('committed');
  });

  it('merges the same pledge reported by both articles into one occurrence', () => {
    // "By March, Macron and Starmer announced the reassurance force" is one statement per actor.
    expect(occurrences.filter((o) => o.actor === 'GB' && o.statedOn === '2025-03')).toHaveLength(1);
  });

  it('totals the troops pledged and summarises Russia\'s red line', () => {
    const entries = occurrences.map((occurrence) => ({ occurrence, issues: issuesOf.get(occurrence.occurrenceId)! }));
    const { totals } = buildPledgeLedger(entries);
    expect(totals.find((t) => t.issue === 'ukraine-security-force' && t.status === 'announced' && t.unit === 'troops')).toMatchObject({
      total: 6000,
      byActor: [{ actor: 'FR', value: 6000 }],
    });
    const [russia] = summariseRedLines(entries).filter((r) => r.actor === 'RU');
    // The two undated red lines (article 1's "well-advertised red line", Zakharova's "unacceptable")
    // are seen the same day with compatible fields, so corroboration takes them for one statement.
    expect(russia).toMatchObject({ issue: 'ukraine-security-force', firstStated: '2025-09', lastStated: '2026-01-10', timesStated: 2, timesRestated: 1, sourceCount: 3 });
  });
});
