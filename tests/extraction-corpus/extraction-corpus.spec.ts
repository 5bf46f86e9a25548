// Runs the extractor in-process over the shared development corpus and our own annotated
// corpus, with the matching rules of ../shared/eval/score.mjs, and fails on regressions.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractEvents, type ExtractedEvent } from '@stancewatch/domain';

interface Gold {
  type: string;
  altTypes?: string[];
  actor: string;
  evidence: string | string[];
  optional?: boolean;
  statedOn?: string | null;
  quantity?: { value: number | null } | null;
}

const tokens = (s: string) => new Set(s.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').filter(Boolean));
function overlap(a: string, b: string): number {
  const na = a.toLowerCase().replace(/\s+/g, ' ').trim();
  const nb = b.toLowerCase().replace(/\s+/g, ' ').trim();
  if (na && nb && (na.includes(nb) || nb.includes(na))) return 1;
  const ta = tokens(a);
  const tb = tokens(b);
  let inter = 0;
  for (const t of ta) if (tb.has(t)) inter++;
  const union = ta.size + tb.size - inter;
  return union ? inter / union : 0;
}
const goldOverlap = (g: Gold, p: ExtractedEvent) => Math.max(...(Array.isArray(g.evidence) ? g.evidence : [g.evidence]).map((e) => overlap(e ?? '', p.evidence)));
const types = (g: Gold) => [g.type, ...(g.altTypes ?? [])];

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  p: number;
  r: number;
  f1: number;
  statedOn: [number, number];
  quantity: [number, number];
}

export function scoreCorpus(dir: string): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const statedOn: [number, number] = [0, 0];
  const quantity: [number, number] = [0, 0];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const raw = readFileSync(join(dir, name), 'utf8');
    const [head, ...rest] = raw.split(/\n\s*\n/);
    const header = Object.fromEntries(head.split('\n').map((l) => l.match(/^([A-Z]+):\s*(.*)$/)).filter((m): m is RegExpMatchArray => !!m).map((m) => [m[1], m[2]]));
    const gold = JSON.parse(readFileSync(join(dir, name.replace(/\.txt$/, '.gold.json')), 'utf8')) as Gold[];
    const predicted = extractEvents({ text: rest.join('\n\n'), title: header.TITLE, publishedOn: header.PUBLISHED });
    const matched = new Set<number>();
    for (const p of predicted) {
      let best = -1;
      let bestScore = 0;
      gold.forEach((g, gi) => {
        if (!types(g).includes(p.type) || g.actor.toUpperCase() !== p.actor.toUpperCase()) return;
        const s = goldOverlap(g, p);
        if (s >= 0.5 && s > bestScore && !(matched.has(gi) && !g.optional)) {
          best = gi;
          bestScore = s;
        }
      });
      if (best < 0) {
        const dup = gold.some((g, gi) => matched.has(gi) && types(g).includes(p.type) && g.actor.toUpperCase() === p.actor.toUpperCase() && goldOverlap(g, p) >= 0.5);
        if (!dup) fp++;
        continue;
      }
      matched.add(best);
      if (gold[best].optional) continue;
      tp++;
      const g = gold[best];
      if (g.statedOn) {
        statedOn[1]++;
        if (p.statedOn?.startsWith(g.statedOn)) statedOn[0]++;
      }
      if (g.quantity && g.quantity.value != null) {
        quantity[1]++;
        if (p.quantity?.value === g.quantity.value) quantity[0]++;
      }
    }
    gold.forEach((g, gi) => {
      if (!g.optional && !matched.has(gi)) fn++;
    });
  }
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { tp, fp, fn, p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, statedOn, quantity };
}

const shared = join(__dirname, '../../../shared/corpus');
const own = __dirname;
// written before the 0.3.0, 0.4.0 and 0.5.0 rules as held-out sets; from 0.6.0 on they are development sets (their
// errors were analysed and fixed with general rules), so these floors guard against regressions, not generalisation
const heldout = join(__dirname, '../extraction-heldout');
const heldout2 = join(__dirname, '../extraction-heldout-2');
const heldout3 = join(__dirname, '../extraction-heldout-3');
// written independently after 0.6.0 and first scored as fresh sets; since the 0.6.x round 2 they are development
// sets too (genre failures found on them were fixed with general rules), so their floors guard against regressions
const heldout4 = join(__dirname, '../extraction-heldout-4');
const heldout6 = join(__dirname, '../extraction-heldout-6');
// written blind to the extractor in the 0.7.0 round and scored once on first contact (heldout-8 0.700 / 0.849, heldout-9
// 0.700 / 0.786); their first-contact errors were then fixed with general rules, so they are development sets too
const heldout8 = join(__dirname, '../extraction-heldout-8');
const heldout9 = join(__dirname, '../extraction-heldout-9');
// written blind to the extractor in the 0.8.0 round and scored once on first contact (0.699 / 0.797, statedOn 31/61); its
// first-contact errors were then fixed with general rules, so it is a development set too (heldout-11 stays blind)
const heldout10 = join(__dirname, '../extraction-heldout-10');
// the same for heldout-12 (first contact 0.646 / 0.710, statedOn 49/75; heldout-13 stays blind)
const heldout12 = join(__dirname, '../extraction-heldout-12');
// written blind to the extractor in the 0.9.0 round and scored once on first contact (0.8.1: heldout-14 0.694 / 0.765,
// heldout-15 0.689 / 0.764, heldout-16 0.712 / 0.791; mid-round build: heldout-19 0.669 / 0.812, heldout-20 0.674 /
// 0.763); their errors were then fixed with general rules, so they are development sets (heldout-17 and -18 stay blind)
const heldout14 = join(__dirname, '../extraction-heldout-14');
const heldout15 = join(__dirname, '../extraction-heldout-15');
const heldout16 = join(__dirname, '../extraction-heldout-16');
const heldout19 = join(__dirname, '../extraction-heldout-19');
const heldout20 = join(__dirname, '../extraction-heldout-20');

describe('extraction quality on annotated corpora', () => {
  // floors sit a little under the current scores, so a regression fails here
  (existsSync(shared) ? it : it.skip)('shared development corpus (../shared/corpus)', () => {
    const s = scoreCorpus(shared);
    expect(s.f1).toBeGreaterThanOrEqual(FLOORS.shared.f1);
    expect(s.p).toBeGreaterThanOrEqual(FLOORS.shared.p);
  });

  it('own corpus (tests/extraction-corpus)', () => {
    const s = scoreCorpus(own);
    expect(readdirSync(own).filter((f) => f.endsWith('.txt')).length).toBeGreaterThanOrEqual(15);
    expect(s.f1).toBeGreaterThanOrEqual(FLOORS.own.f1);
    expect(s.p).toBeGreaterThanOrEqual(FLOORS.own.p);
    expect(s.statedOn[0] / Math.max(1, s.statedOn[1])).toBeGreaterThanOrEqual(0.9);
    expect(s.quantity[0] / Math.max(1, s.quantity[1])).toBeGreaterThanOrEqual(0.8);
  });

  it('held-out corpus (tests/extraction-heldout)', () => {
    const s = scoreCorpus(heldout);
    expect(readdirSync(heldout).filter((f) => f.endsWith('.txt')).length).toBeGreaterThanOrEqual(10);
    expect(s.f1).toBeGreaterThanOrEqual(FLOORS.heldout.f1);
    expect(s.p).toBeGreaterThanOrEqual(FLOORS.heldout.p);
    expect(s.statedOn[0] / Math.max(1, s.statedOn[1])).toBeGreaterThanOrEqual(0.9);
    expect(s.quantity[0] / Math.max(1, s.quantity[1])).toBeGreaterThanOrEqual(0.9);
  });

  it('second held-out corpus (tests/extraction-heldout-2)', () => {
    const s = scoreCorpus(heldout2);
    expect(readdirSync(heldout2).filter((f) => f.endsWith('.txt')).length).toBeGreaterThanOrEqual(10);
    expect(s.f1).toBeGreaterThanOrEqual(FLOORS.heldout2.f1);
    expect(s.p).toBeGreaterThanOrEqual(FLOORS.heldout2.p);
    expect(s.statedOn[0] / Math.max(1, s.statedOn[1])).toBeGreaterThanOrEqual(0.9);
    expect(s.quantity[0] / Math.max(1, s.quantity[1])).toBeGreaterThanOrEqual(0.9);
  });

  it('third held-out corpus (tests/extraction-heldout-3)', () => {
    const s = scoreCorpus(heldout3);
    expect(readdirSync(heldout3).filter((f) => f.endsWith('.txt')).length).toBeGreaterThanOrEqual(10);
    expect(s.f1).toBeGreaterThanOrEqual(FLOORS.heldout3.f1);
    expect(s.p).toBeGreaterThanOrEqual(FLOORS.heldout3.p);
    expect(s.statedOn[0] / Math.max(1, s.statedOn[1])).toBeGreaterThanOrEqual(0.9);
    expect(s.quantity[0] / Math.max(1, s.quantity[1])).toBeGreaterThanOrEqual(0.9);
  });

  it('fourth held-out corpus, development set since 0.6.x round 2 (tests/extraction-heldout-4)', () => {
    const s = scoreCorpus(heldout4);
    expect(readdirSync(heldout4).filter((f) => f.endsWith('.txt')).length).toBeGreaterThanOrEqual(10);
    expect(s.f1).toBeGreaterThanOrEqual(FLOORS.heldout4.f1);
    expect(s.p).toBeGreaterThanOrEqual(FLOORS.heldout4.p);
  });

  it('sixth held-out corpus, development set since 0.6.x round 2 (tests/extraction-heldout-6)', () => {
    const s = scoreCorpus(heldout6);
    expect(readdirSync(heldout6).filter((f) => f.endsWith('.txt')).length).toBeGreaterThanOrEqual(10);
    expect(s.f1).toBeGreaterThanOrEqual(FLOORS.heldout6.f1);
    expect(s.p).toBeGreaterThanOrEqual(FLOORS.heldout6.p);
  });

  it('corpora first scored blind in the 0.9.0 round, development sets since (tests/extraction-heldout-14, -15, -16, -19, -20)', () => {
    for (const [dir, floor] of [[heldout14, FLOORS.heldout14], [heldout15, FLOORS.heldout15], [heldout16, FLOORS.heldout16], [heldout19, FLOORS.heldout19], [heldout20, FLOORS.heldout20]] as const) {
      const s = scoreCorpus(dir);
      expect(readdirSync(dir).filter((f) => f.endsWith('.txt')).length).toBeGreaterThanOrEqual(12);
      expect(s.f1).toBeGreaterThanOrEqual(floor.f1);
      expect(s.p).toBeGreaterThanOrEqual(floor.p);
      expect(s.statedOn[0] / Math.max(1, s.statedOn[1])).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('eighth, ninth and tenth held-out corpora, development sets since 0.7.0 and 0.8.0 (tests/extraction-heldout-8, -9, -10, -12)', () => {
    for (const [dir, floor] of [[heldout8, FLOORS.heldout8], [heldout9, FLOORS.heldout9], [heldout10, FLOORS.heldout10], [heldout12, FLOORS.heldout12]] as const) {
      const s = scoreCorpus(dir);
      expect(readdirSync(dir).filter((f) => f.endsWith('.txt')).length).toBeGreaterThanOrEqual(10);
      expect(s.f1).toBeGreaterThanOrEqual(floor.f1);
      expect(s.p).toBeGreaterThanOrEqual(floor.p);
      expect(s.statedOn[0] / Math.max(1, s.statedOn[1])).toBeGreaterThanOrEqual(0.8);
    }
  });
});

// 0.6.0: heldout 0.962 / 0.947, heldout-2 0.977 / 1.000, heldout-3 0.972 / 0.990, own 0.983 / 0.991, shared 0.978 / 1.000
const FLOORS = {
  shared: { f1: 0.95, p: 0.97 },
  own: { f1: 0.96, p: 0.97 },
  heldout: { f1: 0.94, p: 0.92 },
  heldout2: { f1: 0.95, p: 0.97 },
  heldout3: { f1: 0.95, p: 0.97 },
  // development sets (0.6.x round 2): heldout-4 0.650 / 0.654, heldout-6 0.713 / 0.807;
  // 0.7.0 (their errors fixed with general rules): heldout-4 0.873 / 0.908, heldout-6 0.947 / 0.992
  heldout4: { f1: 0.85, p: 0.88 },
  heldout6: { f1: 0.92, p: 0.96 },
  // 0.7.x: heldout-8 0.823 / 0.885 (statedOn 51/62), heldout-9 0.760 / 0.813 (statedOn 50/55)
  // 0.8.0: heldout-8 0.907 / 0.949 (statedOn 65/66), heldout-9 0.920 / 0.948 (statedOn 61/65), heldout-10 0.894 / 0.911
  // (statedOn 84/85), heldout-12 0.765 / 0.827 (statedOn 80/89)
  heldout8: { f1: 0.87, p: 0.9 },
  heldout9: { f1: 0.87, p: 0.89 },
  heldout10: { f1: 0.86, p: 0.88 },
  heldout12: { f1: 0.77, p: 0.82 },
  // 0.9.0: heldout-14 0.817 / 0.861 (statedOn 71/78), heldout-15 0.792 / 0.868 (79/88), heldout-16 0.826 / 0.904
  // (72/81), heldout-19 0.729 / 0.831 (76/87), heldout-20 0.763 / 0.833 (79/92); heldout-12 0.806 / 0.853
  heldout14: { f1: 0.79, p: 0.83 },
  heldout15: { f1: 0.76, p: 0.84 },
  heldout16: { f1: 0.8, p: 0.87 },
  heldout19: { f1: 0.7, p: 0.8 },
  heldout20: { f1: 0.73, p: 0.8 },
};
