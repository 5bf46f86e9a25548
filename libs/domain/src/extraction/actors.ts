// Actor noun phrases in a sentence and the grammatical slot each one fills: clause subject,
// possessor or modifier of a noun ("Russia's red line", "UK offers"), or oblique object
// ("to Ukraine", "from the United Kingdom and France"). Coordinated actors form one group.
import { lexicon, type ActorEntry } from './lexicon';
import { matchAt, type Match } from './match';
import type { Token } from './nlp';

export interface ActorNP {
  start: number;
  end: number; // exclusive, after any "'s"
  code: string | null;
  role: string | null;
  kinds: ActorEntry['kind'][];
  govNoun: boolean;
  /** "the government", "his country": a definite or possessive description whose country comes from the context */
  anaphor?: 'definite' | 'possessive';
}

export type Slot = 'subject' | 'possessor' | 'modifier' | 'oblique' | 'other';

export interface ActorGroup {
  members: ActorNP[];
  start: number;
  end: number;
  slot: Slot;
  prep: string | null;
  /** token index of the noun a possessor/modifier attaches to */
  head: number;
}

const OBLIQUE = new Set(['to', 'into', 'in', 'for', 'from', 'against', 'on', 'at', 'toward', 'towards', 'across', 'over', 'between', 'among', 'amongst', 'than', 'inside', 'within', 'near', 'beyond', 'via', 'about', 'around', 'through', 'onto', 'alongside', 'after', 'before', 'despite', 'upon', 'of', 'under', 'without', 'sans', 'as', 'by', 'with', 'outside', 'off', 'during', 'along', 'throughout', 'behind', 'beside', 'besides', 'unlike', 'toward']);
const AUX_LIKE = new Set(['has', 'have', 'had', 'is', 'are', 'was', 'were', 'will', 'would', 'could', 'can', 'may', 'might', 'must', 'should', 'shall', 'did', 'does', 'do', 'who', 'which', 'that', 'wo', 'also', 'now', 'still', 'already', 'jointly', 'publicly', 'reportedly', 'separately', 'too']);
const DET = new Set(['the', 'a', 'an', 'its', 'their']);
const HYPHEN = new Set(['-', '‑', '‐']);
const DASHES = new Set(['-', '–', '—', '‑', '‐']);
/** "The Alliance of Sahel States - Mali, Burkina Faso and Niger - rejected": a dash with spaces around is punctuation, not a hyphen */
export function spacedDash(toks: Token[], i: number): boolean {
  const t = toks[i];
  if (!t || !DASHES.has(t.text)) return false;
  if (t.text === '–' || t.text === '—') return true;
  return (!toks[i - 1] || toks[i - 1].end < t.start) && (!toks[i + 1] || t.end < toks[i + 1].start);
}
const CALENDAR = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december)$/;
const ANAPHOR_DETS = new Set(['the', 'his', 'her', 'its', 'their']);
const TITLE = new Set(['president', 'prime', 'minister', 'general', 'gen.', 'mr', 'mr.', 'mrs', 'ms', 'ms.', 'dr', 'chancellor', 'secretary', 'king', 'queen', 'premier', 'foreign', 'defence', 'defense', 'spokesperson', 'spokesman', 'spokeswoman', 'ministry', 'envoy', 'ambassador', 'leader', 'admiral', 'colonel', 'senator', 'deputy', 'vice', 'chief', 'commander', 'interior', 'state', 'head', 'of', 'acting', 'former', 'opposition']);

function acceptActor(toks: Token[]) {
  return (m: Match<ActorEntry>) => {
    let a = m.start;
    if (toks[a].lower === 'the' && m.end - m.start > 1) a++;
    const surface = toks.slice(a, m.end).map((t) => t.text).join('');
    if (m.value.exact) return surface === m.value.exact.replace(/\s+/g, '');
    if (m.value.kind === 'role-noun') return true;
    return /^[\p{Lu}]/u.test(toks[a].text);
  };
}

export function findActors(toks: Token[], isVerbLike: (i: number) => boolean, people?: Map<string, { code: string; role: string | null }>): ActorGroup[] {
  const lx = lexicon();
  const nps: ActorNP[] = [];
  const accept = acceptActor(toks);
  for (let i = 0; i < toks.length; ) {
    const m = matchAt(lx.actors, toks, i, false, accept);
    if (!m) {
      // a surname introduced earlier in the article with its office
      const p = people?.get(toks[i].lower);
      if (p && toks[i].pos === 'PROPN' && /^\p{Lu}/u.test(toks[i].text)) nps.push({ start: i, end: i + 1, code: p.code, role: p.role, kinds: ['person'], govNoun: true });
      i++;
      continue;
    }
    // "the government", "his country": only with its determiner, and resolved later from the context
    if (m.value.anaphor) {
      const det = toks[m.start - 1]?.lower ?? '';
      if (!ANAPHOR_DETS.has(det) || toks[m.start - 2]?.lower === "'s") {
        i++;
        continue;
      }
      nps.push({ start: m.start - 1, end: m.end, code: null, role: m.value.role, kinds: ['role-noun'], govNoun: true, anaphor: det === 'the' ? 'definite' : 'possessive' });
      i = m.end;
      continue;
    }
    // the next token continues a capitalised name ("Georgia Meloni"? "Paris Agreement"): not this actor
    const next = toks[m.end];
    // "Abbas Araqchi": a one-word name followed by a surname is someone else's first name
    if (m.value.kind === 'person' && m.end - m.start === 1 && next && next.pos === 'PROPN' && /^\p{Lu}\p{Ll}/u.test(next.text) && !CALENDAR.test(next.lower) && !matchAt(lx.govNouns, toks, m.end, true)) {
      i = m.end;
      continue;
    }
    // "Port Sudan", "the Sahel States": a country or capital word inside a longer capitalised name ("On Monday Chad said" is not one)
    const prevTok = toks[m.start - 1];
    if ((m.value.kind === 'country' || m.value.kind === 'capital') && m.start > 1 && prevTok && prevTok.pos === 'PROPN' && /^\p{Lu}\p{Ll}/u.test(prevTok.text) && !TITLE.has(prevTok.lower) && !CALENDAR.test(prevTok.lower) && !nps.some((n) => n.end === m.start)) {
      i = m.end;
      continue;
    }
    // "the Alliance of Sahel States": a one-word organisation name that begins a longer name
    if (m.value.kind === 'org' && m.end - m.start === 1 && next?.lower === 'of' && /^\p{Lu}/u.test(toks[m.end + 1]?.text ?? '')) {
      i = m.end;
      continue;
    }
    const officeAhead = (k: number) => !!matchAt(lx.govNouns, toks, k, true) || (toks[k + 1] && /^\p{Lu}/u.test(toks[k + 1].text) && !!matchAt(lx.govNouns, toks, k + 1, true));
    if (m.value.kind !== 'role-noun' && next && next.pos === 'PROPN' && /^\p{Lu}/u.test(next.text) && !matchAt(lx.actors, toks, m.end, false, accept) && !officeAhead(m.end)) {
      if (m.value.kind === 'capital' || m.value.kind === 'country' || m.value.kind === 'org') {
        i = m.end;
        continue;
      }
    }
    const np: ActorNP = { start: m.start, end: m.end, code: m.value.code, role: m.value.role, kinds: [m.value.kind], govNoun: m.value.kind === 'person' || m.value.kind === 'institution' || m.value.kind === 'party' };
    // extend: Russia's foreign minister Sergei Lavrov / French President Emmanuel Macron
    for (;;) {
      const t = toks[np.end];
      if (!t) break;
      if ((t.lower === "'s" || t.lower === '’s' || t.lower === "'") && np.end + 1 < toks.length) {
        // up to three modifiers between the possessive and the office: "top", "Transitional Presidential", "U.N.", "Houthi"
        let office = -1;
        for (let k = np.end + 1; k <= np.end + 4 && k < toks.length; k++) {
          const g = matchAt(lx.govNouns, toks, k, true);
          // "Sudan's army-aligned government": an office word inside a hyphenated modifier is not the office
          if (g && HYPHEN.has(toks[g.end]?.text ?? '') && !spacedDash(toks, g.end)) {
            // past the hyphen and the word after it
            k = g.end + 1;
            continue;
          }
          if (g) {
            office = g.end;
            break;
          }
          const w = toks[k];
          // "the African Union's Peace and Security Council"
          const and = w.lower === 'and' && /^\p{Lu}/u.test(toks[k - 1].text) && /^\p{Lu}/u.test(toks[k + 1]?.text ?? '');
          if (!(w.pos === 'ADJ' || (w.pos === 'PROPN' && /^\p{Lu}/u.test(w.text)) || w.pos === 'NOUN' || and)) break;
        }
        if (office > 0) {
          np.end = office;
          np.govNoun = true;
          continue;
        }
        break;
      }
      let g = matchAt(lx.govNouns, toks, np.end, true);
      // "U.S. Central Command", "the Chinese Foreign Affairs Ministry": a capitalised name ending in an office
      for (let k = np.end; !g && !np.kinds.includes('person') && k < np.end + 2 && toks[k]?.pos === 'PROPN' && /^\p{Lu}\p{Ll}/u.test(toks[k].text) && !matchAt(lx.actors, toks, k, false, accept); k++) {
        const h = matchAt(lx.govNouns, toks, k + 1, true);
        if (h && /^\p{Lu}/u.test(toks[k + 1].text)) g = h;
      }
      if (g && !(np.kinds.includes('person') && g.value)) {
        np.end = g.end;
        np.govNoun = true;
        continue;
      }
      const m2 = matchAt(lx.actors, toks, np.end, false, accept);
      if (m2 && (m2.value.code === np.code || (np.govNoun && m2.value.kind === 'person' && np.kinds.includes('demonym')))) {
        if (m2.value.code !== np.code) break;
        np.end = m2.end;
        np.kinds.push(m2.value.kind);
        if (m2.value.role) np.role = m2.value.role;
        if (m2.value.kind === 'person') np.govNoun = true;
        continue;
      }
      // unknown names after a title: Defence Minister Jane Doe
      if (np.govNoun && t.pos === 'PROPN' && /^\p{Lu}/u.test(t.text) && !m2) {
        np.end++;
        continue;
      }
      break;
    }
    // titles before a person belong to the phrase: President Zelensky, Foreign Ministry spokesperson Maria Zakharova
    for (;;) {
      const p = toks[np.start - 1];
      if (p && TITLE.has(p.lower) && /^\p{Lu}/u.test(p.text)) np.start--;
      // "Secretary of State Marco Rubio"
      else if (p?.lower === 'of' && np.start > 1 && TITLE.has(toks[np.start - 2].lower) && /^\p{Lu}/u.test(toks[np.start - 2].text)) np.start -= 2;
      else break;
    }
    nps.push(np);
    i = np.end;
  }

  // coordination: A, B and C / A and B / A as well as B
  const groups: ActorGroup[] = [];
  for (let k = 0; k < nps.length; k++) {
    const members = [nps[k]];
    let end = nps[k].end;
    let conjunctions = 0;
    while (k + 1 < nps.length) {
      const between = toks.slice(end, nps[k + 1].start).map((t) => t.lower);
      const ok = between.length > 0 && between.length <= 4 && between.every((w) => w === ',' || w === 'and' || w === 'or' || w === '&' || w === 'as' || w === 'well' || w === 'the' || w === 'nor');
      if (!ok) break;
      // "between Finland and Estonia, and Estonia will send": a list has one conjunction; a second starts a new clause
      const conj = between.some((w) => w === 'and' || w === 'or' || w === 'nor' || w === '&');
      // "Poland, Ukraine's neighbor and ...": a possessive after a bare comma is an apposition, not a list
      if (!conj && /^(?:'s|’s|')$/.test(toks[nps[k + 1].end - 1]?.lower ?? '')) break;
      if (!conj && /^(?:'s|’s|')$/.test(toks[nps[k + 1].end]?.lower ?? '')) break;
      if (conj && conjunctions > 0) break;
      // "In Washington, the State Department said": a place set off by a comma frames the clause, it is not listed with its subject
      if (!conj && members.length === 1 && nps[k].kinds.includes('capital') && ['in', 'from', 'at'].includes(toks[nps[k].start - 1]?.lower ?? '')) break;
      if (conj) conjunctions++;
      k++;
      members.push(nps[k]);
      end = nps[k].end;
    }
    // "According to the Pentagon, Japan will ...": a comma alone does not make a list of different actors
    if (!conjunctions && members.length > 1 && members.some((m) => m.code !== members[0].code)) {
      for (const m of members) groups.push(classify(toks, [m], isVerbLike));
      continue;
    }
    groups.push(classify(toks, members, isVerbLike));
  }
  return groups;
}

function classify(toks: Token[], members: ActorNP[], isVerbLike: (i: number) => boolean): ActorGroup {
  const start = members[0].start;
  const last = members[members.length - 1];
  let end = last.end;
  const g: ActorGroup = { members, start, end, slot: 'other', prep: null, head: -1 };
  let p = start - 1;
  // look back over determiners and compound modifiers: "in post-war Ukraine", "to the war-torn Haiti"
  for (let hops = 0; p >= 0 && hops < 6; hops++) {
    const t = toks[p];
    if (spacedDash(toks, p)) break;
    const hyphenated = HYPHEN.has(t.text) || HYPHEN.has(toks[p + 1]?.text ?? '') || HYPHEN.has(toks[p - 1]?.text ?? '');
    if (DET.has(t.lower) || t.pos === 'ADJ' || HYPHEN.has(t.text) || (hyphenated && (t.pos === 'NOUN' || t.pos === 'X' || t.pos === 'PROPN'))) p--;
    else break;
  }
  const prev = p >= 0 ? toks[p].lower : null;
  const onlyDemonyms = members.every((m) => m.kinds.every((k) => k === 'demonym') && !m.govNoun);

  // possessive
  const t = toks[end];
  if (t && (t.lower === "'s" || t.lower === '’s' || t.lower === "'" || t.lower === '’') && !members.some((m) => m.govNoun && m.end === end && toks[end - 1].lower !== "'s")) {
    g.slot = 'possessor';
    g.head = nextNoun(toks, end + 1);
    if (prev && OBLIQUE.has(prev)) g.prep = prev;
    return g;
  }
  // "after the United States and Israel pressed for it": a conjunction, and the subject of its clause
  const conjunction = (prev === 'after' || prev === 'before' || prev === 'until' || prev === 'since') && toks[end]?.pos === 'VERB' && /ed$/.test(toks[end].lower);
  // "the government in Tripoli said", "the Government of National Unity in Tripoli", "the junta in Niamey rejected": the
  // capital names whose government speaks
  if (prev === 'in' && members.every((m) => m.kinds.includes('capital')) && isVerbLike(end)) {
    let k = p - 1;
    while (k >= 0 && p - k <= 6 && (/^\p{Lu}/u.test(toks[k].text) || toks[k].lower === 'of') && !GOV_HEADS.test(toks[k].lower)) k--;
    if (k >= 0 && GOV_HEADS.test(toks[k].lower)) {
      g.slot = 'subject';
      return g;
    }
  }
  if (prev && OBLIQUE.has(prev) && !conjunction && !(prev === 'with' && toks[end] && (/(ed|ing)$/.test(toks[end].lower) || toks[end].lower === 'to') && toks[end].pos === 'VERB') && !(prev === 'of' && p > 0 && /^(governments?|leaders?|presidents?|ministers?|parliaments?|juntas?|rulers|kingdom|republic|federation|principality|emirate|sultanate|state|representatives?|delegates?|delegations?|ambassadors?|envoys?)$/.test(toks[p - 1].lower))) {
    g.slot = 'oblique';
    g.prep = prev;
    return g;
  }
  // "The Dutch said they would ...", "the Germans have offered": a demonym after "the" with a verb of its own is the country
  const demonymSubject = onlyDemonyms && toks[start - 1]?.lower === 'the' && !!t && (AUX_LIKE.has(t.lower) || isVerbLike(end));
  if ((onlyDemonyms && !demonymSubject) || (t && (t.pos === 'NOUN' || t.pos === 'ADJ' || (t.pos === 'PROPN' && !isVerbLike(end))) && !isVerbLike(end))) {
    g.slot = 'modifier';
    g.head = nextNoun(toks, end);
    return g;
  }
  // skip an apposition or parenthesis: "Macron, post-Paris, committed", "Panot (LFI), who confirmed"
  let q = end;
  // "Russia's ambassador to Germany said", "Russia's envoy to the U.N. Vassily Nebenzia said": the office's complement and holder
  if (last.govNoun) {
    // ("the EU's Special Representative for the Belgrade-Pristina Dialogue called ...", "Minister for Defence Jane Doe said")
    if (['to', 'in', 'at', 'for'].includes(toks[q]?.lower ?? '')) {
      let k = q + 1;
      if (toks[k]?.lower === 'the') k++;
      const from = k;
      while (k < toks.length && k - from < 4 && /^\p{Lu}/u.test(toks[k].text)) k++;
      if (k > from) q = k;
    }
    const from = q;
    while (q < toks.length && q - from < 4 && toks[q].pos === 'PROPN' && /^\p{Lu}/u.test(toks[q].text)) q++;
  }
  for (let hops = 0; hops < 2; hops++) {
    if (toks[q]?.text === '(') {
      const close = toks.findIndex((x, i) => i > q && x.text === ')');
      if (close > 0 && close - q < 15) q = close + 1;
    }
    if (toks[q]?.text === ',') {
      const close = toks.findIndex((x, i) => i > q && x.text === ',');
      if (toks[q + 1] && (toks[q + 1].lower === 'who' || toks[q + 1].lower === 'which')) {
        q = q + 1;
        break;
      }
      if (close > 0 && close - q <= 12) q = close + 1;
    }
  }
  // "- Mali, Burkina Faso and Niger - rejected": the closing dash of an apposition
  if (spacedDash(toks, q)) q++;
  // "Niger's junta leader, General Abdourahamane Tiani, said"
  else if (toks[q]?.text === ',' && toks[q + 1]?.pos === 'VERB' && lexicon().speechVerbs.has(toks[q + 1].lemma)) q++;
  // "Mali and Niger on Wednesday rejected": a date between subject and verb
  if (toks[q]?.lower === 'on' && toks[q + 1] && /day$/i.test(toks[q + 1].text)) q += 2;
  // "Algeria and Tunisia both support", "Chile and Peru each sent": a floating quantifier of a coordinated subject
  // (the tagger reads the verb after it as a noun: "both/DET support/NOUN the mission")
  if (members.length > 1 && (toks[q]?.lower === 'both' || toks[q]?.lower === 'each' || toks[q]?.lower === 'all') && toks[q + 1]) {
    q++;
    if (toks[q].pos !== 'VERB' && toks[q].pos !== 'AUX' && ['DET', 'NUM', 'PRON', 'ADP'].includes(toks[q + 1]?.pos ?? '')) toks[q].pos = 'VERB';
  }
  if (isVerbLike(end) || isVerbLike(q)) g.slot = 'subject';
  end = Math.max(end, 0);
  return g;
}

const GOV_HEADS = /^(?:government|authorities|junta|administration|regime|leadership|cabinet|presidency|rulers)$/;

function nextNoun(toks: Token[], i: number): number {
  for (let k = i; k < Math.min(toks.length, i + 6); k++) {
    const p = toks[k].pos;
    if (p === 'NOUN' || p === 'PROPN') return k;
    if (!(p === 'ADJ' || p === 'ADV' || p === 'PUNCT' || p === 'VERB')) break;
  }
  return i;
}

export { AUX_LIKE };
