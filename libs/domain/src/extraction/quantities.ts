// Amounts in a clause: "6,000 French soldiers", "several hundred troops", "€2 billion",
// "C$80.5m", "200 million pounds sterling", "two Eurofighter jets", "an air-defence frigate".
import type { Asset, Quantity } from '../catalogue';
import { lexicon } from './lexicon';
import { matchAt } from './match';
import type { Token } from './nlp';

export interface FoundQuantity {
  quantity: Quantity;
  asset: Asset | null;
  start: number; // token indices
  end: number;
}

const COUNTABLE_SINGULAR = new Set(['frigate', 'ship', 'warship', 'destroyer', 'corvette', 'minehunter', 'vessel', 'submarine', 'jet', 'aircraft', 'plane', 'fighter', 'helicopter', 'battalion', 'brigade', 'battlegroup', 'system', 'tank', 'battery']);
// ship nouns that, singular and followed by a name, name one ship: "the frigate Prairial", "its frigate Hydra"
const SHIP_NOUNS = new Set(['frigate', 'destroyer', 'corvette', 'minehunter', 'minesweeper', 'submarine', 'warship', 'vessel', 'ship', 'cruiser', 'carrier', 'tanker', 'icebreaker']);
// "a company of about 150 members", "100 members of the Jamaica Defence Force": members of a unit or a force are its troops
const UNIT_OF = new Set(['company', 'battalion', 'platoon', 'contingent', 'unit', 'detachment', 'team', 'squadron', 'regiment', 'brigade', 'battlegroup', 'force']);
const FORCE_NAME = /^(?:forces?|army|navy|guard|corps|contingent|gendarmerie|battalion|brigade|regiment|marines)$/i;

function numberAt(toks: Token[], i: number): { value: number; end: number } | null {
  const lx = lexicon();
  const t = toks[i];
  if (!t) return null;
  let value: number | null = null;
  if (t.kind === 'number' || /^\d[\d,]*(\.\d+)?$/.test(t.text)) {
    // "10,000-15,000" in one token: the upper bound
    const range = /^\d[\d,.]*[-–](\d[\d,.]*)$/.exec(t.text);
    const v = Number((range ? range[1] : t.text).replace(/,/g, ''));
    if (Number.isFinite(v)) value = v;
  } else if (lx.numberWords.has(t.lower) && !['a', 'an', 'pair', 'couple'].includes(t.lower)) {
    value = lx.numberWords.get(t.lower)!;
  }
  if (value == null) return null;
  let end = i + 1;
  // "two hundred", "6 thousand", "80.5 m", "5 B"
  while (end < toks.length) {
    // "£25m." at the end of a sentence: the tokeniser keeps the stop on the scale word
    const n = toks[end].lower.replace(/\.$/, '');
    if (n === 'hundred') value *= 100;
    else if (lx.scale.has(n) && (n.length > 1 || toks[end].start === toks[end - 1].end)) value *= lx.scale.get(n)!;
    else break;
    end++;
  }
  return { value: Math.round(value * 1000) / 1000, end };
}

function assetAt(toks: Token[], i: number) {
  return matchAt(lexicon().assets, toks, i, true);
}

/** Every quantity expression in toks[from, to). */
export function findQuantities(toks: Token[], from = 0, to = toks.length): FoundQuantity[] {
  const lx = lexicon();
  const out: FoundQuantity[] = [];
  for (let i = from; i < to; i++) {
    const t = toks[i];
    // currency symbol first: € 2 billion, C$ 80.5 m
    // "EUR 15 million", "USD 200m": an ISO code written before the amount
    if (t.kind === 'currency' || /^[A-Z]{0,2}[$€£¥]$/.test(t.text) || (/^[A-Z]{3}$/.test(t.text) && lx.currencies.has(t.lower))) {
      const cur = lx.currencies.get(t.lower);
      const n = numberAt(toks, i + 1);
      if (cur && n) {
        out.push({ quantity: { value: n.value, unit: cur, text: text(toks, i, n.end) }, asset: 'money', start: i, end: n.end });
        i = n.end - 1;
        continue;
      }
    }
    let start = i;
    // "97-metre vessels", "40-tonne trucks": a size, not a count
    if (sizeAt(toks, i)) {
      i += 2;
      continue;
    }
    const approx = matchAt(lx.approximators, toks, i, false);
    const vague = matchAt(lx.vague, toks, i, false);
    let n = approx && sizeAt(toks, approx.end) ? null : numberAt(toks, approx ? approx.end : i);
    // "10,000-15,000 troops", "10,000 to 15,000 troops": a range is measured by its upper bound, as "between A and B" is
    if (n && ['-', '–', 'to'].includes(toks[n.end]?.lower ?? '') && toks[n.end].start - toks[n.end - 1].end <= 1) {
      const upper = numberAt(toks, n.end + 1);
      if (upper && upper.value > n.value) n = upper;
    }
    let value: number | null = n ? n.value : null;
    let after = n ? n.end : -1;
    let vagueText: string | null = null;
    if (!n && vague) {
      after = vague.end;
      vagueText = text(toks, vague.start, vague.end);
    }
    if (after < 0) {
      // "an air-defence frigate": an article counts one of a countable noun
      // "HMS Trent", "USS Ford": a commissioned ship named by its prefix is one ship
      if (SHIP_PREFIXES.has(t.text) && toks[i + 1]?.pos === 'PROPN' && /^\p{Lu}/u.test(toks[i + 1].text) && !out.some((q) => q.end >= i - 3 && q.quantity.unit === 'ships')) {
        out.push({ quantity: { value: 1, unit: 'ships', text: text(toks, i, i + 2) }, asset: 'naval', start: i, end: i + 2 });
        i += 1;
        continue;
      }
      // "the frigate Prairial", "its frigate Hydra", "the Italian destroyer Caio Duilio": a ship named after its type is one ship
      if (SHIP_NOUNS.has(t.lower) && toks[i + 1]?.pos === 'PROPN' && /^\p{Lu}\p{Ll}/u.test(toks[i + 1].text) && !out.some((q) => q.end >= i - 3 && q.quantity.unit === 'ships')) {
        out.push({ quantity: { value: 1, unit: 'ships', text: text(toks, i, i + 2) }, asset: 'naval', start: i, end: i + 2 });
        i += 1;
        continue;
      }
      // "another minehunter", "a second frigate", "one more tanker"
      if (ONE_OF.has(t.lower) && i + 1 < to) {
        for (let k = i + 1; k < Math.min(to, i + 6); k++) {
          const a = assetAt(toks, k);
          if (a && COUNTABLE_SINGULAR.has(toks[a.end - 1].lemma) && toks[a.end - 1].lower === toks[a.end - 1].lemma) {
            out.push({ quantity: { value: 1, unit: a.value.unit, text: text(toks, i, a.end) }, asset: a.value.asset, start: i, end: a.end });
            i = a.end - 1;
            break;
          }
          // "a second SAMP/T battery": a slash inside a model name
          const glued = toks[k].text === '/' && toks[k].start === toks[k - 1].end && toks[k + 1]?.start === toks[k].end;
          if ((!['ADJ', 'NOUN', 'PROPN', 'PUNCT'].includes(toks[k].pos) && !glued) || toks[k].text === ',') break;
        }
      }
      continue;
    }
    // currency after the number: 200 million pounds sterling, 2 billion euros
    // "20,000 or more troops", "300 or so soldiers"
    if (value != null && toks[after]?.lower === 'or' && ['more', 'so'].includes(toks[after + 1]?.lower ?? '')) after += 2;
    const curAfter = after < to ? matchAt(lx.currencyPhrases, toks, after, false) : null;
    if (curAfter && value != null) {
      out.push({ quantity: { value, unit: curAfter.value, text: text(toks, start, curAfter.end) }, asset: 'money', start, end: curAfter.end });
      i = curAfter.end - 1;
      continue;
    }
    // "-strong" compounds name a force's size: 15,000-strong
    // skip up to three modifiers (French, Eurofighter, air-defence) to reach the unit noun
    for (let k = after, reach = after + 5; k < Math.min(to, reach); k++) {
      // "five additional 97-metre response vessels": past a size compound to the unit noun
      if (sizeAt(toks, k)) {
        k += 2;
        reach += 2;
        continue;
      }
      const a = assetAt(toks, k);
      if (a && a.value.unit) {
        if (value == null && !vagueText) break;
        out.push({ quantity: { value, unit: a.value.unit, text: text(toks, start, a.end), ...(value == null ? {} : {}) }, asset: a.value.asset, start, end: a.end });
        if (value == null && vagueText) out[out.length - 1].quantity.text = vagueText;
        i = a.end - 1;
        break;
      }
      // "a company of about 150 members", "100 supplementary members of the Jamaica Defence Force"
      if (value != null && toks[k].lower === 'members' && membersOfForce(toks, start, k, to)) {
        out.push({ quantity: { value, unit: 'troops', text: text(toks, start, k + 1) }, asset: 'troops', start, end: k + 1 });
        i = k;
        break;
      }
      const p = toks[k].pos;
      // "200 U.S. troops": the full stop of an abbreviation belongs to the modifier
      const abbreviationDot = toks[k].text === '.' && toks[k].start === toks[k - 1]?.end && toks[k - 1].pos === 'PROPN';
      if (!['ADJ', 'NOUN', 'PROPN', 'VERB'].includes(p) && toks[k].text !== '-' && !abbreviationDot) break;
    }
    if (n && !approx) i = Math.max(i, n.end - 1);
    start = i;
  }
  return out;
}

/** "members" at `k` counts troops: the number sizes a unit ("a company of about 150 members") or the members are of a named force */
function membersOfForce(toks: Token[], start: number, k: number, to: number): boolean {
  let b = start - 1;
  if (toks[b]?.lower !== 'of') b = -1;
  if (b > 0 && UNIT_OF.has(toks[b - 1]?.lemma ?? '')) return true;
  if (toks[k + 1]?.lower !== 'of') return false;
  for (let j = k + 2; j < Math.min(to, k + 8); j++) {
    if (FORCE_NAME.test(toks[j].text) && /^\p{Lu}/u.test(toks[j].text)) return true;
    if (toks[j].text === ',' || toks[j].pos === 'VERB') return false;
  }
  return false;
}

const ONE_OF = new Set(['a', 'an', 'one', 'single', 'another']);
// prefixes of commissioned ships (Royal Navy, US, Canada, Australia, Netherlands, Germany, Italy, Spain, Denmark,
// Norway, Sweden, India, Japan, Korea, Philippines, Turkey, Portugal, Poland, Greece, France)
const SHIP_PREFIXES = new Set(['HMS', 'USS', 'USNS', 'HMCS', 'HMAS', 'HMNZS', 'HNLMS', 'Zr.Ms.', 'FGS', 'ITS', 'ESPS', 'HDMS', 'KNM', 'HNoMS', 'HSwMS', 'INS', 'JS', 'ROKS', 'BRP', 'TCG', 'NRP', 'ORP', 'HS']);

const SIZE_UNITS = new Set(['metre', 'meter', 'metres', 'meters', 'm', 'tonne', 'ton', 'tonnes', 'tons', 'foot', 'feet', 'ft', 'km', 'kilometre', 'kilometer', 'mm', 'calibre', 'caliber', 'seat', 'bed', 'year', 'day', 'month', 'week', 'hour', 'kg']);
/** "97-metre", "40-tonne", "155-mm": a number joined by a hyphen to a unit of size or time */
function sizeAt(toks: Token[], i: number): boolean {
  const t = toks[i];
  return !!t && /^\d[\d.,]*$/.test(t.text) && HYPHEN_TOKENS.has(toks[i + 1]?.text ?? '') && toks[i + 1].start === t.end && SIZE_UNITS.has(toks[i + 2]?.lower ?? '');
}
const HYPHEN_TOKENS = new Set(['-', '‑', '‐']);

function text(toks: Token[], a: number, b: number): string {
  let s = '';
  for (let k = a; k < b; k++) s += (k > a && toks[k].start > toks[k - 1].end ? ' ' : '') + toks[k].text;
  return s;
}
