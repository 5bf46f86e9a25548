// Actor noun phrases in a sentence and the grammatical slot each one fills: clause subject,
// possessor or modifier of a noun ("Russia's red line", "UK offers"), or oblique object
// ("to Ukraine", "from the United Kingdom and France"). Coordinated actors form one group.
import { lexicon, type ActorEntry, type Reading } from './lexicon';
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
  /** "the bloc": an organisation named before */
  orgAnaphor?: boolean;
  /** "the ECOWAS Commission": the organ named after the organisation (lower case) */
  organ?: string;
  /** "the Commission" alone: an organ whose organisation is the one the article named with it last */
  bareOrgan?: string;
  /** "the opposition Left Alliance", "the nationalist party Vazrazhdane": a name no lexicon knows, given with a descriptor; its country is the one the text frames or is about */
  named?: boolean;
}

/** Picks the reading of a name shared by several actors from the sentence and article around it (null: none fits). */
export type ReadingPicker = (readings: Reading[], toks: Token[], fallback: string | null) => Reading | null;

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
/** the bodies whose spokespeople speak for the government: "a foreign ministry spokesman", "a government spokeswoman" */
const SPOKES_BODY = new Set(['ministry', 'government', 'foreign', 'defence', 'defense', 'presidential', 'presidency', 'cabinet', 'military', 'army']);
/** "the former minister", "the shadow defence secretary", "the opposition leader": not the office holder of the government */
const NOT_OFFICE_MODIFIER = new Set(['former', 'shadow', 'opposition', 'ex', 'late', 'new', 'next', 'future', 'incoming', 'outgoing', 'previous', 'regional', 'local', 'provincial', 'state', 'separatist', 'rebel']);
/** "the Deputy Prime Minister", "the First Vice-President": a rank before an office, capitalised or not */
export const RANK = new Set(['deputy', 'vice', 'first', 'acting', 'assistant', 'junior', 'senior']);
const TITLE = new Set(['president', 'prime', 'minister', 'general', 'gen.', 'mr', 'mr.', 'mrs', 'ms', 'ms.', 'dr', 'chancellor', 'secretary', 'king', 'queen', 'premier', 'foreign', 'defence', 'defense', 'spokesperson', 'spokesman', 'spokeswoman', 'ministry', 'envoy', 'ambassador', 'leader', 'admiral', 'colonel', 'senator', 'deputy', 'vice', 'chief', 'commander', 'interior', 'state', 'head', 'of', 'acting', 'former', 'opposition']);

function acceptActor(toks: Token[]) {
  return (m: Match<ActorEntry>) => {
    let a = m.start;
    if (toks[a].lower === 'the' && m.end - m.start > 1) a++;
    const surface = toks.slice(a, m.end).map((t) => t.text).join('');
    if (m.value.exact) return surface === m.value.exact.replace(/\s+/g, '');
    if (m.value.kind === 'role-noun' || m.value.orgAnaphor) return true;
    if (m.value.lowercase && (toks[m.start].lower === 'the' || toks[m.start - 1]?.lower === 'the')) return true;
    return /^[\p{Lu}]/u.test(toks[a].text);
  };
}

export function findActors(toks: Token[], isVerbLike: (i: number) => boolean, people?: Map<string, { code: string; role: string | null }>, pick?: ReadingPicker): ActorGroup[] {
  const lx = lexicon();
  const nps: ActorNP[] = [];
  const accept = acceptActor(toks);
  for (let i = 0; i < toks.length; ) {
    const m = matchAt(lx.actors, toks, i, false, accept);
    if (!m) {
      // "Rep. Mark Delaney (R-Texas)", "Carl Hutchins (R-Ohio)": a member of a parliament
      const member = legislatorAt(toks, i);
      if (member) {
        nps.push({ start: i, end: member.end, code: member.code, role: member.role, kinds: ['person'], govNoun: true });
        i = member.end;
        continue;
      }
      // "the nationalist party Vazrazhdane", "the ruling party Georgian Unity": a party named by its description
      const described = describedParty(toks, i, accept);
      if (described) {
        nps.push(described);
        i = described.end;
        continue;
      }
      // "Special Representative Jane Roe": an organisation's officer by title, whose organisation the article decides
      const officer = officerAt(toks, i);
      if (officer) {
        nps.push({ start: i, end: officer.end, code: null, role: null, kinds: ['person'], govNoun: true, bareOrgan: officer.title });
        i = officer.end;
        continue;
      }
      // a surname introduced earlier in the article with its office
      const p = people?.get(toks[i].lower);
      if (p && toks[i].pos === 'PROPN' && /^\p{Lu}/u.test(toks[i].text)) nps.push({ start: i, end: i + 1, code: p.code, role: p.role, kinds: ['person'], govNoun: true });
      i++;
      continue;
    }
    // "the government", "his country": only with its determiner, and resolved later from the context
    if (m.value.anaphor) {
      // "the unification minister", "its armed forces ministry": up to two lower-case modifiers after the determiner
      let d = m.start - 1;
      while (d >= m.start - 2 && toks[d] && ((/^\p{Ll}/u.test(toks[d].text) && (toks[d].pos === 'NOUN' || toks[d].pos === 'ADJ')) || RANK.has(toks[d].lower)) && !ANAPHOR_DETS.has(toks[d].lower) && !NOT_OFFICE_MODIFIER.has(toks[d].lower)) d--;
      let det = toks[d]?.lower ?? '';
      // "its foreign ministry spokesman", "a Foreign Ministry spokesperson": the spokesman of the body is one phrase
      let end = /^spokes/.test(toks[m.end]?.lower ?? '') ? m.end + 1 : m.end;
      // "the Prime Minister's Office", "the president's spokesman": the office's own staff speak for it
      if (["'s", '’s'].includes(toks[end]?.lower ?? '') && /^(?:office|spokes(?:man|woman|person))$/.test(toks[end + 1]?.lower ?? '')) end += 2;
      // "a foreign ministry spokesman", "a government spokeswoman": one of the spokespeople of the country under discussion
      if ((det === 'a' || det === 'an') && /^spokes/.test(toks[end - 1].lower) && toks.slice(d + 1, end - 1).some((t) => SPOKES_BODY.has(t.lower))) det = 'the';
      // "the Secretary-General", "the Secretary General": an organisation's officer, not a country's
      const general = toks[m.end - 1].lower === 'secretary' && (HYPHEN.has(toks[m.end]?.text ?? '') || toks[m.end]?.lower === 'general');
      if (!ANAPHOR_DETS.has(det) || toks[d - 1]?.lower === "'s" || general) {
        i++;
        continue;
      }
      nps.push({ start: d, end, code: null, role: m.value.role, kinds: ['role-noun'], govNoun: true, anaphor: det === 'the' ? 'definite' : 'possessive' });
      i = end;
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
    const officeAhead = (k: number) => !!matchAt(lx.govNouns, toks, k, true) || (toks[k + 1] && /^\p{Lu}/u.test(toks[k + 1].text) && !!matchAt(lx.govNouns, toks, k + 1, true)) || ((m.value.kind === 'org' || !!m.value.readings) && k < toks.length && !!matchAt(lx.organs, toks, k, false));
    if (m.value.kind !== 'role-noun' && next && next.pos === 'PROPN' && /^\p{Lu}/u.test(next.text) && !matchAt(lx.actors, toks, m.end, false, accept) && !officeAhead(m.end)) {
      if (m.value.kind === 'capital' || m.value.kind === 'country' || m.value.kind === 'org') {
        i = m.end;
        continue;
      }
    }
    const np: ActorNP = { start: m.start, end: m.end, code: m.value.code, role: m.value.role, kinds: [m.value.kind], govNoun: m.value.kind === 'person' || m.value.kind === 'institution' || m.value.kind === 'party' };
    // "the opposition Party of Socialists": a party name that starts inside a role noun ("opposition party") and runs past it
    if (m.value.kind === 'role-noun' && m.end - m.start > 1) {
      for (let k = m.start + 1; k < m.end; k++) {
        const inner = matchAt(lx.actors, toks, k, false, accept);
        if (inner && inner.end > m.end && (inner.value.kind === 'party' || inner.value.kind === 'person') && inner.value.code && !inner.value.readings) {
          np.end = inner.end;
          np.code = inner.value.code;
          np.kinds = [inner.value.kind];
          np.govNoun = true;
          break;
        }
      }
    }
    if (m.value.orgAnaphor) {
      // "the bloc", "the regional grouping": only with its article
      if (toks[m.start - 1]?.lower !== 'the' && toks[m.start - 2]?.lower !== 'the') {
        i = m.end;
        continue;
      }
      np.orgAnaphor = true;
    }
    // "the ECOWAS Commission", "the AU Peace and Security Council": an organ after an organisation's name is that organisation
    const organ = (m.value.kind === 'org' || m.value.readings) && m.end < toks.length ? matchAt(lx.organs, toks, m.end, false) : null;
    if (organ && m.value.kind === 'org' && !m.value.orgAnaphor) {
      np.end = organ.end;
      np.organ = organ.value;
      np.govNoun = true;
    }
    // a name that is itself an organ ("the Commission"): which organisation's is decided by the article
    if (m.value.kind === 'org' && !organ && m.end - m.start >= 1 && matchAt(lx.organs, toks, m.start, false)?.end === m.end) np.bareOrgan = toks.slice(m.start, m.end).map((t) => t.lower).join(' ');
    if (m.value.readings) {
      // "the AU", "the AU Commission", "AU-led": the determiner's reading
      const det = toks[m.start - 1]?.lower === 'the' || !!organ || HYPHEN.has(toks[m.end]?.text ?? '');
      const r = det && m.value.determinerCode ? m.value.readings.find((x) => x.code === m.value.determinerCode) ?? null : pick ? pick(m.value.readings, toks, m.value.code) : m.value.readings.find((x) => x.code === m.value.code) ?? null;
      if (!r) {
        i = m.end;
        continue;
      }
      np.code = r.code;
      np.role = r.role;
      np.kinds = [r.kind];
      np.govNoun = r.kind !== 'country';
      if (organ && r.kind === 'org') {
        np.end = organ.end;
        np.organ = organ.value;
        np.govNoun = true;
      }
    }
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
        // "Britain's mission said": a country's diplomatic mission speaks for it (not "Britain's mission in Mali ended")
        const said = toks[np.end + 2] && toks[np.end + 2].pos === 'VERB' && lx.speechVerbs.has(toks[np.end + 2].lemma);
        if (office < 0 && toks[np.end + 1]?.lower === 'mission' && said && np.kinds.some((k) => k === 'country' || k === 'capital')) office = np.end + 2;
        if (office > 0) {
          np.end = office;
          np.govNoun = true;
          continue;
        }
        break;
      }
      // "our Turkish friends", "his Greek counterpart", "our Italian colleagues": a demonym before a word for those one
      // deals with names that country's government
      if (np.kinds.every((k) => k === 'demonym') && np.code?.length === 2 && np.code !== 'EU' && np.code !== 'UN' && PEERS.has(t.lower)) {
        np.end++;
        np.govNoun = true;
        continue;
      }
      // "the Homeland Union party", "the CDU/CSU parliamentary group": the kind of group written after a party's name is part of it
      if (np.kinds.includes('party')) {
        const k = np.end + (t.lower === 'parliamentary' ? 1 : 0);
        if (GROUP_NOUN.test(toks[k]?.lower ?? '') && /^\p{Ll}/u.test(toks[k].text)) {
          np.end = k + 1;
          continue;
        }
      }
      let g = matchAt(lx.govNouns, toks, np.end, true);
      // "the EU special representative", "the UN special envoy", "the Russian deputy foreign minister": one or two rank
      // words between the name and its office
      if (!g && !np.kinds.includes('person') && !np.kinds.includes('role-noun')) {
        let k = np.end;
        while (k < np.end + 2 && (RANK.has(toks[k]?.lower ?? '') || OFFICE_RANK.has(toks[k]?.lower ?? ''))) k++;
        if (k > np.end) g = matchAt(lx.govNouns, toks, k, true);
      }
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
      // "the opposition Party of Socialists", "opposition Conservatives": a role noun before a party or person names them
      if (m2 && np.kinds.includes('role-noun') && !np.code && (m2.value.kind === 'party' || m2.value.kind === 'person')) {
        const r = m2.value.readings ? (pick ? pick(m2.value.readings, toks, m2.value.code) : null) : null;
        const code = m2.value.readings ? r?.code ?? null : m2.value.code;
        if (code) {
          np.end = m2.end;
          np.code = code;
          np.role = np.role ?? r?.role ?? m2.value.role;
          np.kinds = [m2.value.kind];
          np.govNoun = true;
          continue;
        }
      }
      if (m2 && (m2.value.code === np.code || (np.govNoun && m2.value.kind === 'person' && np.kinds.includes('demonym')))) {
        if (m2.value.code !== np.code) break;
        np.end = m2.end;
        np.kinds.push(m2.value.kind);
        if (m2.value.role) np.role = m2.value.role;
        if (m2.value.kind === 'person') np.govNoun = true;
        continue;
      }
      // "the opposition Left Alliance", "an opposition coalition", "the opposition platform \"Rasanble\"": the opposition
      // described by a name no lexicon knows or by the kind of group it is
      if (np.kinds.includes('role-noun') && !np.code && np.role === 'opposition' && np.end > np.start && !np.named && !(m2 && NAMED_ACTOR_KINDS.has(m2.value.kind))) {
        let k = np.end;
        if (GROUP_NOUN.test(t.lower)) k++;
        const name = nameRun(toks, k);
        const named = name > k;
        if (named) {
          k = name;
          if (GROUP_NOUN.test(toks[k]?.lower ?? '')) k++;
        }
        if (k > np.end) {
          np.named = named;
          np.end = k;
          np.govNoun = true;
          continue;
        }
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
      // "For The Bahamas, Prime Minister Philip Davis confirmed", "In Ukraine, Zelensky said": nor a country framing the sentence
      if (!conj && members.length === 1 && nps[k].kinds.includes('country') && (nps[k].start === 1 || (nps[k].start === 2 && toks[1].lower === 'the')) && ['in', 'for'].includes(toks[0].lower) && !['and', 'or', ','].includes(toks[nps[k + 1].end]?.lower ?? '')) break;
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

/**
 * "Special Representative Jane Roe", "Deputy Special Representative Ana Lopes": the title of an organisation's officer
 * (the UN's, the EU's, the AU's), capitalised, before one to three capitalised names the lexicon does not know.
 */
function officerAt(toks: Token[], i: number): { end: number; title: string } | null {
  let k = i;
  if (toks[k]?.text === 'Deputy') k++;
  if (toks[k]?.text !== 'Special' || toks[k + 1]?.text !== 'Representative') return null;
  // ("the EU Special Representative": an owner named before the title makes it that owner's)
  if (toks[i - 1] && /^\p{Lu}/u.test(toks[i - 1].text) && toks[i - 1].pos === 'PROPN') return null;
  const from = k + 2;
  let e = from;
  while (e < toks.length && e - from < 3 && toks[e].pos === 'PROPN' && /^\p{Lu}\p{Ll}/u.test(toks[e].text) && !matchAt(lexicon().actors, toks, e, false)) e++;
  return e > from ? { end: e, title: 'special representative' } : null;
}

/** "special representative", "high commissioner", "permanent representative": words that rank an office after a name */
const OFFICE_RANK = new Set(['special', 'high', 'top', 'personal', 'permanent', 'chief']);
const PEERS = new Set(['friends', 'friend', 'partners', 'partner', 'colleagues', 'colleague', 'counterparts', 'counterpart', 'allies', 'brothers', 'neighbours', 'neighbors', 'hosts', 'interlocutors']);
/** the kinds of group an opposition is ("an opposition coalition", "the opposition Confederation party") */
const GROUP_NOUN = /^(?:party|coalition|platform|alliance|bloc|movement|front|group|groups)$/;
/** a name at the word after a descriptor that is itself an actor of its own: "the opposition Polish lawmakers" */
const NAMED_ACTOR_KINDS = new Set<string>(['country', 'capital', 'demonym', 'person', 'party', 'institution']);
const NAME_LINKS = new Set(['of', 'and', 'for', 'the', '-', '‑', '&']);
/**
 * The end of a name no lexicon need know, at k: capitalised words, with "of", "and", "for" between them ("Left
 * Alliance", "Party of Hope and Renewal"), or a quoted name ('"Rasanble pou Ayiti"'); k when there is none.
 */
function nameRun(toks: Token[], k: number): number {
  const t = toks[k];
  if (!t) return k;
  if ((t.text === '"' || t.text === '“') && /^\p{Lu}/u.test(toks[k + 1]?.text ?? '')) {
    for (let e = k + 2; e < Math.min(toks.length, k + 10); e++) if (toks[e].text === '"' || toks[e].text === '”') return e + 1;
    return k;
  }
  const cap = (x: Token | undefined) => !!x && /^\p{Lu}/u.test(x.text) && !CALENDAR.test(x.lower) && x.pos !== 'PUNCT';
  if (!cap(t)) return k;
  let e = k + 1;
  while (e < toks.length && e - k < 6) {
    if (cap(toks[e])) e++;
    else if (NAME_LINKS.has(toks[e].lower) && cap(toks[e + 1])) e += 2;
    else break;
  }
  return e;
}

/**
 * "the nationalist party Vazrazhdane", "the far-right party Vox Populi", "the ruling party Georgian Unity": a party named
 * after a lower-case description and the word "party", when the lexicon does not know the name. The ruling or governing
 * party governs; any other described party is read as the opposition.
 */
function describedParty(toks: Token[], i: number, accept: (m: Match<ActorEntry>) => boolean): ActorNP | null {
  if (toks[i].lower !== 'party' || !/^\p{Ll}/u.test(toks[i].text)) return null;
  let a = i;
  while (a > 0 && i - a < 4 && (/^\p{Ll}[\p{Ll}-]*$/u.test(toks[a - 1].text) && ['ADJ', 'NOUN', 'VERB'].includes(toks[a - 1].pos) || (HYPHEN.has(toks[a - 1].text) && a - 1 > 0))) a--;
  if (a === i) return null;
  const end = nameRun(toks, i + 1);
  if (end === i + 1) return null;
  const known = matchAt(lexicon().actors, toks, i + 1, false, accept);
  if (known && known.value.kind !== 'org') return null;
  const ruling = toks.slice(a, i).some((t) => t.lower === 'ruling' || t.lower === 'governing');
  return { start: a, end, code: null, role: ruling ? 'ruling-party' : 'opposition', kinds: ['role-noun'], govNoun: true, named: true };
}

const capitalisedName = (t: Token | undefined) => !!t && t.pos === 'PROPN' && /^\p{Lu}\p{Ll}/u.test(t.text);
/** "(R-Texas)", "(D-N.H.)", "(I-Vt.)": a party tag after a member's name; the end past ")" and the party letter */
function partyTag(toks: Token[], k: number, tags: Record<string, string>): { end: number; letter: string } | null {
  if (toks[k]?.text !== '(' || !tags[toks[k + 1]?.text ?? ''] || !HYPHEN.has(toks[k + 2]?.text ?? '') || !/^\p{Lu}/u.test(toks[k + 3]?.text ?? '')) return null;
  for (let e = k + 3; e < Math.min(toks.length, k + 9); e++) if (toks[e].text === ')') return { end: e + 1, letter: toks[k + 1].text };
  return null;
}

/**
 * "Rep. Mark Delaney (R-Texas)", "Congresswoman Jane Roe", "Sen. Ann Lee (D-Fla.)", "Carl Hutchins (R-Ohio)": a member
 * of a parliament, by a title before one to three capitalised names or a party tag after them. The role is the
 * tag's, else the legislature's.
 */
function legislatorAt(toks: Token[], i: number): { end: number; code: string; role: string } | null {
  const t = toks[i];
  if (!t || !/^\p{Lu}/u.test(t.text)) return null;
  for (const l of lexicon().legislators) {
    const tags = l.partyTags ?? {};
    const title = l.titles.includes(t.text) || (toks[i + 1]?.text === '.' && toks[i + 1].start === t.end && l.titles.includes(t.text + '.'));
    const tagTitle = !title && ((l.titlesWithTag ?? []).includes(t.text) || (toks[i + 1]?.text === '.' && toks[i + 1].start === t.end && (l.titlesWithTag ?? []).includes(t.text + '.')));
    // a title opens the phrase ("High Representative" is someone else's office)
    if ((title || tagTitle) && capitalisedName(toks[i - 1]) && !/^(?:The|A)$/.test(toks[i - 1].text)) continue;
    let k = title || tagTitle ? i + (toks[i + 1]?.text === '.' && toks[i + 1].start === t.end ? 2 : 1) : i;
    const from = k;
    while (k < toks.length && k - from < 3 && capitalisedName(toks[k])) k++;
    if (k === from) continue;
    const tag = partyTag(toks, k, tags);
    if (tag) return { end: tag.end, code: l.country, role: tags[tag.letter] ?? l.role };
    if (title) return { end: k, code: l.country, role: l.role };
  }
  return null;
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
    // ("in south-eastern Poland": the tagger reads "south" as an adverb)
    if (DET.has(t.lower) || t.pos === 'ADJ' || HYPHEN.has(t.text) || (hyphenated && (t.pos === 'NOUN' || t.pos === 'X' || t.pos === 'PROPN' || (t.pos === 'ADV' && /^(?:south|north|east|west)/.test(t.lower))))) p--;
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
  if (prev && OBLIQUE.has(prev) && !conjunction && !(prev === 'with' && toks[end] && (/(ed|ing)$/.test(toks[end].lower) || toks[end].lower === 'to') && toks[end].pos === 'VERB') && !(prev === 'of' && p > 0 && /^(governments?|leaders?|presidents?|ministers?|parliaments?|juntas?|rulers|kingdom|republic|federation|principality|emirate|sultanate|state|representatives?|delegates?|delegations?|ambassadors?|envoys?|member)$/.test(toks[p - 1].lower))) {
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
  // (an organisation's envoy named by office: "the Special Envoy of the Secretary-General for Yemen called ...")
  if (last.govNoun || toks.slice(last.start, last.end).some((t) => t.lower === 'envoy' || t.lower === 'representative')) {
    // ("the EU's Special Representative for the Belgrade-Pristina Dialogue called ...", "Minister for Defence Jane Doe said")
    // ("Haiti's Minister of Foreign Affairs urged", "the Secretary of State said": an office's own complement)
    if (['to', 'in', 'at', 'for', 'of'].includes(toks[q]?.lower ?? '')) {
      let k = q + 1;
      const the = toks[k]?.lower === 'the';
      if (the) k++;
      let e = complementEnd(toks, k);
      // "for the Belgrade-Pristina dialogue", "for the Great Lakes region": a named thing's common noun closes it
      if (e > k && the && toks[e]?.pos === 'NOUN' && /^\p{Ll}/u.test(toks[e].text)) e++;
      // "Washington's envoy to the talks insisted", "the Romanian ministry of national defence announced": common words
      // alone, when the verb follows them
      else if (e === k) {
        let j = k;
        while (j < k + 3 && (toks[j]?.pos === 'NOUN' || toks[j]?.pos === 'ADJ') && /^\p{Ll}/u.test(toks[j].text)) j++;
        if (j > k && toks[j - 1].pos === 'NOUN' && isVerbLike(j)) e = j;
      }
      if (e > k) q = e;
    }
    const from = q;
    while (q < toks.length && q - from < 4 && toks[q].pos === 'PROPN' && /^\p{Lu}/u.test(toks[q].text)) q++;
  }
  // "The president himself said"
  if (['himself', 'herself', 'itself', 'themselves'].includes(toks[q]?.lower ?? '')) q++;
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
  // "Spain's foreign minister, José Manuel Albares, criticised": the group took in the apposition; its closing comma
  else if (toks[q]?.text === ',' && toks[q + 1]?.pos === 'VERB' && /(?:ed|s)$/.test(toks[q + 1].lower) && toks.slice(start, q).some((x) => x.text === ',')) q++;
  // "Mali and Niger on Wednesday rejected": a date between subject and verb
  if (toks[q]?.lower === 'on' && toks[q + 1] && /day$/i.test(toks[q + 1].text)) q += 2;
  // "Algeria and Tunisia both support", "Chile and Peru each sent": a floating quantifier of a coordinated subject
  // (the tagger reads the verb after it as a noun: "both/DET support/NOUN the mission")
  if (members.length > 1 && (toks[q]?.lower === 'both' || toks[q]?.lower === 'each' || toks[q]?.lower === 'all') && toks[q + 1]) {
    q++;
    if (toks[q].pos !== 'VERB' && toks[q].pos !== 'AUX' && ['DET', 'NUM', 'PRON', 'ADP'].includes(toks[q + 1]?.pos ?? '')) toks[q].pos = 'VERB';
  }
  // "told a visiting EU delegation on Wednesday that Israel must ...": "that" opening a clause with its own subject is
  // no relative pronoun of the group's
  const complementizer = (k: number) => toks[k]?.lower === 'that' && ['DET', 'PROPN', 'PRON', 'NUM'].includes(toks[k + 1]?.pos ?? '');
  if ((isVerbLike(end) && !complementizer(end)) || (isVerbLike(q) && !complementizer(q))) g.slot = 'subject';
  // "Hungary: Opposes and will not take part", "- Poland: supports": a table row or list line whose first cell is the
  // actor and whose next cell is a predicate without a subject
  else if (start <= 1 && toks[end]?.text === ':' && toks[end + 1] && (toks[end + 1].pos === 'AUX' || (toks[end + 1].pos === 'VERB' && /s$/.test(toks[end + 1].lower)) || isVerbLike(end + 1))) g.slot = 'subject';
  end = Math.max(end, 0);
  return g;
}

/**
 * The end of an office's complement that starts at k: capitalised words ("for Yemen", "of Foreign Affairs"), joined
 * by "and", "of", "&" or a hyphen ("for Defence and Space", "for the Belgrade-Pristina Dialogue"), and a list inside
 * the name ("for Political Affairs, Peace and Security": a comma only when the run after it closes with "and" and a
 * capitalised word). k when there is none.
 */
function complementEnd(toks: Token[], k: number): number {
  const cap = (x: Token | undefined) => !!x && /^\p{Lu}/u.test(x.text) && x.pos !== 'PUNCT';
  const joined = (j: number) => HYPHEN.has(toks[j]?.text ?? '') && toks[j].start === toks[j - 1]?.end && toks[j + 1]?.start === toks[j].end && cap(toks[j + 1]);
  const run = (from: number): { end: number; and: boolean } => {
    let e = from;
    let and = false;
    while (e < toks.length && e - from < 8) {
      if (cap(toks[e])) e++;
      else if (e > from && joined(e)) e += 2;
      else if (e > from && ['and', '&', 'of'].includes(toks[e].lower) && cap(toks[e + 1])) {
        if (toks[e].lower !== 'of') and = true;
        e += 2;
      } else break;
    }
    return { end: e, and };
  };
  let { end } = run(k);
  if (end === k) return k;
  // ", Peace and Security": one more part of a listed name
  if (toks[end]?.text === ',' && cap(toks[end + 1])) {
    const next = run(end + 1);
    if (next.and && next.end > end + 1) end = next.end;
  }
  return end;
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
