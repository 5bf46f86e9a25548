// The rules that turn a sentence into events: find the clause subject of each cue, decide the
// type from the cue and its modality, and attach assets, quantities, targets, conditions, date.
import type { Asset, Condition, ConditionKind, ExtractedEvent, PositionEventType, Quantity } from '../catalogue';
import { AUX_LIKE, RANK, findActors, type ActorGroup, type ActorNP, type ReadingPicker, type Slot } from './actors';
import { matchAt } from './match';
import { datesIn, SPEECH_ACT_FORMS } from './dates';
import { assignOccasionDates } from './occasion-date';
import { lexicon, type CueCategory, type CueValue, type Phrase, type Reading } from './lexicon';
import { sentencesOf, type Token } from './nlp';
import { findQuantities, type FoundQuantity } from './quantities';
import { JOINT_TEXT, sentences, type Sentence } from './text';

interface Cue {
  start: number;
  end: number;
  cat: CueCategory;
  phrase: string;
}

interface Clause {
  start: number;
  end: number;
}

interface Discourse {
  last: { code: string; role: string | null } | null;
  /** the speaker of the last sentence that held a quote: who a following speakerless quote ('"But only ..."') goes on from */
  quoteSpeaker?: { actor: { code: string; role: string | null }; paragraph: number } | null;
  /** the last country (not an organisation) a statement was attributed to: what "the government" or "its foreign ministry" refers to */
  lastCountry?: string | null;
  paragraph: number;
  /** surnames of office holders introduced earlier in the article ("Defence Minister Hanno Pevkur" -> pevkur) */
  people: Map<string, { code: string; role: string | null }>;
  /** the first office holder named in the article: who answers in a Q&A */
  interviewee: { code: string; role: string | null } | null;
  /** the paragraph of the interview answer being read: its sentences without "we" are the interviewee's too */
  answerParagraph?: number;
  /** the office holder named last: who "we spoke to him" introduces */
  lastOffice?: { code: string; role: string | null } | null;
  /** the interviewee was named by an introduction ("spoke to us"), not guessed from the first office holder */
  introduced?: boolean;
  /** the signatories of a joint text ("We, the foreign ministers of A, B and C, ..."): who "we" and "our governments" are */
  collective?: ActorNP[] | null;
  /** who issued the communiqué whose operative paragraphs ("24. CALLS ON ...") have no subject of their own */
  issuer?: ActorNP | null;
  /** countries that were subjects of statements, most recent last, distinct: who "the two leaders" of a readout are */
  recent?: string[];
  /** the article's clean text: the context that picks the reading of a shared name ("AU", "the Conservatives") */
  text?: string;
  /** how often the article names each reading's context (filled when a shared name first needs it) */
  readingCounts?: Map<Reading, number>;
  /** the last organisation named (not the UN): what "the bloc" refers to */
  lastOrg?: string | null;
  /** the running number of the sentence being read */
  sentenceNo?: number;
  /** an institution that was the leading subject of a sentence ("Russia's embassy did not respond."): what "it" opening the next one is */
  lastBody2?: { actor: { code: string; role: string | null }; sentence: number } | null;
  /** the article's title: whose protagonist an office holder the lexicon does not know may be */
  title?: string | null;
  /** the last organisation named, the UN included: whose officer "Special Representative Jane Roe" is */
  lastBody?: string | null;
  /** "the ECOWAS Commission": whose organ a later bare "the Commission" is */
  organOwner?: Map<string, string>;
  pick?: ReadingPicker;
  /** the countries last named together: who "their defence ministers" or "the three countries" are */
  lastPlural?: ActorNP[] | null;
  /** what each definite office ("the defence secretary") resolved to first: the same office holder later on */
  definites?: Map<string, string>;
  /** the country whose ministry or government issued the release or readout: who "the Minister" and "the Ministry" are */
  releaseIssuer?: string | null;
  /** the country the story is told from: its dateline's ("HELSINKI - ..."), else the one its title names first */
  home?: string | null;
  /** the country the last "In <capital>, ..." framed, and the paragraph it did so in */
  frame?: { code: string; paragraph: number } | null;
  /** the heading last entered and the actors each heading names ("Indonesia", "RUSSIA AND CHINA"; null: not only actors) */
  sectionText?: string | null;
  sectionActors?: Map<string, ActorNP[] | null>;
  /** a transcript's speaker labels and whom each speaks for ("HIGH REPRESENTATIVE" -> EU), resolved once */
  turnActors?: Map<string, { code: string; role: string | null } | null>;
  /** the article's title and the text before its first transcript turn: who the labels' offices are */
  turnContext?: string;
}

const readingPattern = new WeakMap<Reading, RegExp>();
/** the words that point to a reading: its own context words and, for a country or an organisation, its names */
function patternOf(r: Reading): RegExp {
  let re = readingPattern.get(r);
  if (!re) {
    const words = [...new Set([...r.context, ...(lexicon().namesOf.get(r.code) ?? [])])].filter((w) => w.length > 1).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|') || '(?!)'})(?![\\p{L}\\p{N}])`, 'gu');
    readingPattern.set(r, re);
  }
  return re;
}

function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

/** The reading of a shared name the sentence names most, else the article; else the default (or none). */
function readingPicker(discourse: Discourse): ReadingPicker {
  return (readings, toks, fallback) => {
    const text = discourse.text ?? '';
    const sentence = toks.length ? text.slice(toks[0].start, toks[toks.length - 1].end) : '';
    const counts = (discourse.readingCounts ??= new Map());
    let best: Reading | null = null;
    let bestScore = 0;
    for (const r of readings) {
      const re = patternOf(r);
      let article = counts.get(r);
      if (article === undefined) counts.set(r, (article = count(re, text)));
      const score = count(re, sentence) * 1000 + article;
      if (score > bestScore) {
        best = r;
        bestScore = score;
      }
    }
    return best ?? readings.find((r) => r.code === fallback) ?? null;
  };
}

const CLAUSE_BREAK = new Set([';', 'but', 'whereas', 'although', 'though', 'while', ':']);
const PRONOUN_SUBJECT = new Set(['he', 'she']);
/** "would pay a heavy price", "would face consequences", "would bear the consequences": the subject suffers the threat */
const SUFFER = new Set(['bear', 'pay', 'face']);
const TYPE_CATS = new Set<CueCategory>(['red-line-stated', 'demand-made', 'condition-set', 'support-expressed', 'opposition-expressed']);
const PRIORITY: PositionEventType[] = ['condition-set', 'red-line-stated', 'pledge-refused', 'pledge-considered', 'demand-made', 'pledge-announced', 'opposition-expressed', 'support-expressed'];
const QUOTES = new Set(['“', '”', '"']);
/** a condition that states a price ("provided that ...", "on condition that ..."), not a time or a circumstance ("if asked", "after a ceasefire") */
const PROVISO = /^(?:provided|providing|on (?:the )?condition|only if|only when|only once|only with|only under|subject to|unless)\b/i;
/**
 * "The EU first sent a team in October 2022", "Moscow has stationed forces there since 1992": a past contribution dated
 * to an earlier year, told by the writer (no one says it), is the story's background, not a position stated now.
 */
function history(toks: Token[], s: Sentence, cl: Clause, c: Cue, publishedOn: string | null, answer: boolean): boolean {
  if (answer || s.listItem || !publishedOn) return false;
  // "Kenya's deployment of police began in June 2024": a contribution noun is dated by its clause's verb
  const verb = c.cat === 'contribution-noun' || c.cat === 'nominal' ? toks.slice(c.end, cl.end).find((t) => t.pos === 'VERB') : toks[c.start];
  if (!verb || verb.lower === verb.lemma || !/(ed|ent|ave|ew|ought|gan|ook)$/.test(verb.lower)) return false;
  const lx = lexicon();
  if (toks.some((t) => QUOTES.has(t.text) || (t.pos === 'VERB' && lx.speechVerbs.has(t.lemma)) || t.lower === 'according')) return false;
  // a modal or future before the verb makes it a pledge ("would send", "will have deployed")
  for (let k = c.start - 1; k >= Math.max(cl.start, c.start - 4); k--) if (['will', 'would', 'shall', "'ll", 'to'].includes(toks[k].lower)) return false;
  const year = Number(publishedOn.slice(0, 4));
  for (let k = cl.start; k < cl.end; k++) {
    const t = toks[k];
    if (/^(19|20)\d\d$/.test(t.text) && Number(t.text) < year) return true;
    // "announced a field hospital last year", "sent troops two years ago"
    if ((t.lower === 'year' && toks[k - 1]?.lower === 'last') || (t.lower === 'ago' && /^(years?|decades?)$/.test(toks[k - 1]?.lower ?? ''))) return true;
  }
  return false;
}

/** "expressed his gratitude for Japan's support", "thanked Kenya for its support": what someone is thanked for */
function thankedFor(toks: Token[], at: number): boolean {
  if (toks[at - 1]?.lower !== 'for') return false;
  for (let k = at - 2; k >= Math.max(0, at - 6); k--) if (/^(gratitude|thanks|thank|thanked|appreciation|grateful|thankful)$/.test(toks[k].lower)) return true;
  return false;
}
/** the cue sits in an if/unless/once/when clause that opened after the last verb: "... if the AU asked" */
function insideConditional(toks: Token[], i: number, from: number): boolean {
  for (let k = i - 1; k >= Math.max(from, i - 6); k--) {
    if (['if', 'unless', 'once', 'whenever', 'provided', 'providing'].includes(toks[k].lower)) return true;
    // "only as long as the government requested them"
    if (toks[k].lower === 'as' && toks[k - 1]?.lower === 'long' && toks[k - 2]?.lower === 'as') return true;
    if (toks[k].pos === 'VERB' || toks[k].pos === 'AUX' || toks[k].text === ',') return false;
  }
  return false;
}
const DEMAND_VERBS = new Set(['call', 'urge', 'ask', 'appeal', 'press', 'request', 'demand']);
const OWN_ORGANS = /^(Commission|Chairperson|Chair|Secretariat|Secretary-General|Secretary|President)$/;
const SELF = new Set(['it', 'we', 'i']);
const GREETED = new Set(['brother', 'sister', 'friend', 'friends', 'colleague', 'colleagues', 'counterpart', 'guests', 'guest', 'delegation', 'everyone', 'you']);
const DENIED = new Set(['framing', 'characterisation', 'characterization', 'narrative', 'premise', 'suggestion', 'suggestions', 'accusation', 'accusations', 'allegation', 'allegations', 'claim', 'claims', 'report', 'reports', 'charge', 'charges', 'speculation', 'rumour', 'rumours', 'rumor', 'rumors', 'insinuation', 'insinuations']);
const PLEDGE_LIST = /\b(?:pledges|contributions|contributors|offers|commitments|pledged|offered|contributed|committed)\b/i;
const MANDATE_ACTIONS = new Set(['renew', 'extend', 'adopt', 'pass', 'strengthen', 'expand', 'broaden', 'revise', 'change', 'prolong']);
const APPROVAL_VERBS = new Set(['approve', 'authorise', 'authorize', 'ratify', 'sanction', 'endorse', 'mandate']);
const APPROVED = new Set(['approved', 'authorised', 'authorized', 'endorsed', 'ratified', 'sanctioned', 'backed', 'mandated']);
/** the word before i, past adverbs and modals: "it would first have to" -> it */
function prevWord(toks: Token[], i: number): number {
  let k = i - 1;
  while (k >= 0 && (toks[k].pos === 'ADV' || ['would', 'will', 'also', 'first', 'still', 'now'].includes(toks[k].lower))) k--;
  return k;
}
const PREDICTION = /\b(?:un)?likely to$|\bexpected to$|\bset to$/;
const EDITORIAL_NOTE = /^\s*(?:(?:Correction|Clarification)\s*[:\-–—]|\((?:Adds|Updates|Corrects|Recasts|Rewrites|Refiles|Fixes|Changes|Removes|Inserts)\b)|\b[Aa]n? (?:earlier|previous) version of (?:this|the|our)\b/;
const HYPHENS = new Set(['-', '‑', '‐']);
const DEBUG = typeof process !== 'undefined' && !!process.env.STANCEWATCH_EXTRACT_DEBUG;

/** Title-case words inside a sentence written in sentence case ("the Mine Countermeasures Task Group") are a name, not a cue */
function nameWord(toks: Token[], i: number, headline: () => boolean): boolean {
  if (i === 0 || !/^\p{Lu}\p{Ll}/u.test(toks[i].text)) return false;
  const prev = toks[i - 1].text;
  if (QUOTES.has(prev) || /^[:;(\[\-–—‘'•*]$/.test(prev) || /^[.!?]$/.test(prev)) return false;
  // "Hungary: Opposes the loan, Refuses to provide aid": a table row's next cell opens on a verb
  if (prev === ',' && toks[i].pos === 'VERB' && /(?:s|ed)$/.test(toks[i].lower)) return false;
  return !headline();
}

const OWN_SUBJECTS = new Set(['its', 'their', 'our', 'it', 'we', 'they', 'his', 'her', 'he', 'she', 'i', 'my']);
const NO_CUES: Phrase<CueValue>[] = [];

function allCues(toks: Token[]): Cue[] {
  const lx = lexicon();
  const out: Cue[] = [];
  let headlineMemo: boolean | null = null;
  // a headline capitalises most of its words: there a capital starts no name
  const headline = () => (headlineMemo ??= toks.filter((t) => /^\p{Ll}{3,}$/u.test(t.text)).length <= 1);
  for (let i = 0; i < toks.length; i++) {
    // the word, then its lemma when that differs; most tokens start no cue, so the look-up comes before the name
    // test and no key list or seen-set is built for them
    const byWord = lx.cues.candidates(toks[i].lower);
    const byLemma = toks[i].lemma !== toks[i].lower ? lx.cues.candidates(toks[i].lemma) : NO_CUES;
    if (!byWord.length && !byLemma.length) continue;
    if (nameWord(toks, i, headline)) continue;
    const seen = new Set<string>();
    for (const list of [byWord, byLemma]) {
      for (const ph of list) {
        const end = walk(ph.tokens, toks, i, 0);
        if (end < 0) continue;
        const id = ph.value.cat + '|' + ph.value.phrase;
        if (seen.has(id)) continue;
        seen.add(id);
        // "the use of force", "take it by force": force as violence, not a body of troops
        if (ph.value.cat === 'mission' && toks[i].lower === 'force' && end === i + 1 && ['of', 'by'].includes(toks[i - 1]?.lower ?? '')) continue;
        // "welcomes the proposed extension": a participle used as an adjective after a determiner is no one's proposal
        if (ph.value.cat === 'propose' && /ed$/.test(toks[i].lower) && toks[i - 1]?.pos === 'DET') continue;
        // "has long insisted that its troops will not deploy": insisting on one's own conduct asserts it, demands nothing
        if (ph.value.cat === 'demand-made' && ph.value.phrase === 'insist' && end === i + 1) {
          const k = toks[end]?.lower === 'that' ? end + 1 : end;
          if (OWN_SUBJECTS.has(toks[k]?.lower ?? '')) continue;
        }
        // "Asked by Sen. Marsh whether ...", "Asked about the plan, ...": the framing of an answer, not a request by anyone
        if (ph.value.cat === 'demand-made' && toks[i].lower === 'asked' && (i === 0 || QUOTES.has(toks[i - 1].text) || toks[i - 1].text === ',')) continue;
        // "If that is obstruction, I plead guilty": a plea, not an appeal
        if (ph.value.cat === 'demand-made' && toks[i].lemma === 'plead' && ['guilty', 'innocent', 'not'].includes(toks[end]?.lower ?? '')) continue;
        // "The meeting was requested by Greece", "requested an emergency session": procedure, not a demand on anyone
        if (ph.value.cat === 'demand-made' && ['request', 'ask', 'call'].includes(toks[i].lemma) && toks.slice(Math.max(0, i - 3), Math.min(toks.length, end + 4)).some((t) => MEETINGS.has(t.lemma))) continue;
        // "a source who asked not to be named", "requested anonymity": a source's terms, not a demand
        if (ph.value.cat === 'demand-made' && toks.slice(end, end + 5).some((t) => ['named', 'identified', 'anonymity', 'anonymous'].includes(t.lower))) continue;
        // "expects all members to reach", "told Washington to stop": someone else is to act ("expects to send" is one's own
        // plan, "is expected to announce" a forecast, "told its citizens to avoid travel" an advisory at home)
        // "condemned what he called Israel's attempt to ...": naming, not calling on anyone
        if (ph.value.phrase === 'call * to' && (toks[i - 2]?.lower === 'what' || toks.slice(i + 1, end).some((t) => t.text === "'s" || t.text === '’s'))) continue;
        // "warned Washington against military action" threatens; "warned its citizens against travel" advises at home
        if ((ph.value.phrase.startsWith('expect *') || ph.value.phrase === 'tell * to' || ph.value.phrase === 'call * to' || ph.value.phrase === 'warn * against') && !othersAddressed(toks, i, end)) continue;
        // "will not stand aside if the Serbs are attacked" threatens; "would not stand aside if a ceasefire required
        // European forces" offers: a threat needs hostility in the sentence
        if (STAND_ASIDE.has(ph.value.phrase) && !toks.some((t) => HOSTILE_ACTS.has(t.lemma))) continue;
        // "will stay as long as Lithuania needs us", "for as long as it takes": a promise of duration, not a condition
        // ("only as long as Somalia requests them" keeps its condition)
        if ((ph.value.phrase === 'as long as' || ph.value.phrase === 'so long as') && toks[i - 1]?.lower !== 'only' && durationPromise(toks, end)) continue;
        out.push({ start: i, end, cat: ph.value.cat, phrase: ph.value.phrase });
      }
    }
  }
  return out;
}

const WANTING = new Set(['need', 'want', 'ask', 'request', 'require', 'wish', 'last', 'remain', 'continue', 'persist', 'take']);
function durationPromise(toks: Token[], from: number): boolean {
  const next = toks[from]?.lower === '"' || toks[from]?.lower === '“' ? from + 1 : from;
  if (['needed', 'necessary', 'required', 'requested', 'wanted', 'possible'].includes(toks[next]?.lower ?? '')) return true;
  for (let k = next; k < Math.min(toks.length, next + 7); k++) {
    if (WANTING.has(toks[k].lemma) && (toks[k].pos === 'VERB' || toks[k].pos === 'AUX')) return true;
    if (toks[k].text === ',' || toks[k].lower === 'and' && k > next + 3) return false;
  }
  return false;
}
function addressesReader(toks: Token[]): boolean {
  const first = toks[0]?.text === '"' || toks[0]?.text === '“' ? 1 : 0;
  const t = toks[first];
  if (!t) return false;
  if (t.lower === 'you' && ['should', 'must', 'need', 'can', 'could', 'ought', 'have'].includes(toks[first + 1]?.lower ?? '')) return true;
  return t.pos === 'VERB' && t.lower === t.lemma && ['me', 'us'].includes(toks[first + 1]?.lower ?? '');
}

const MEETINGS = new Set(['meeting', 'session', 'briefing', 'debate', 'hearing', 'summit']);
const STAND_ASIDE = new Set(['not stand aside', 'not stay aside', 'not stand idly by', 'not sit idly by', 'not remain indifferent']);
const HOSTILE_ACTS = new Set(['attack', 'warn', 'threaten', 'threat', 'invade', 'invasion', 'aggression', 'provocation', 'undo', 'strike', 'harm', 'persecute', 'annex', 'seize', 'destabilise', 'destabilize', 'incursion']);

function walk(pattern: string[][], toks: Token[], i: number, p: number): number {
  if (p === pattern.length) return i;
  if (pattern[p][0] === '*') {
    for (let gap = 0; gap <= 3 && i + gap <= toks.length; gap++) {
      const r = walk(pattern, toks, i + gap, p + 1);
      if (r >= 0) return r;
    }
    return -1;
  }
  const t = toks[i];
  // 'would "respond decisively"', 'will "never accept"': a quotation mark inside a phrase does not break it
  if (p > 0 && t && QUOTES.has(t.text) && i + 1 < toks.length) return walk(pattern, toks, i + 1, p);
  if (!t) return -1;
  if (!(pattern[p].includes(t.lower) || pattern[p].includes(t.lemma))) {
    // "called again for", "ruled it firmly out": an adverb inside a phrase does not break it
    if (p > 0 && INSERTED_ADVERBS.has(t.lower) && i + 1 < toks.length) return walk(pattern, toks, i + 1, p);
    return -1;
  }
  return walk(pattern, toks, i + 1, p + 1);
}
const INSERTED_ADVERBS = new Set(['fully', 'squarely', 'entirely', 'unequivocally', 'wholeheartedly', 'unreservedly', 'resolutely', 'categorically', 'again', 'also', 'repeatedly', 'now', 'once', 'firmly', 'publicly', 'explicitly', 'strongly', 'formally', 'officially', 'still', 'previously', 'recently', 'reportedly', 'today', 'already', 'further', 'jointly', 'swiftly', 'urgently']);

function clausesOf(toks: Token[], operative = false): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    let brk = CLAUSE_BREAK.has(t.lower) && (t.lower !== 'while' || t.pos === 'SCONJ') && (t.lower !== ':' || (i > 2 && !toks.slice(0, i).every((x) => x.pos === 'PROPN' || x.pos === 'DET' || x.text === ',' || x.lower === 'and')));
    // "welcomed the vote and urged donors ...": coordinated predicates of one subject are two statements
    if (!brk && t.lower === 'and' && i - start > 3 && finiteVerbAt(toks, i + 1)) brk = true;
    // "EXPRESSES CONCERN over ..., and URGES both countries to ...": each capitalised verb of a communiqué paragraph operates alone
    if (!brk && t.lower === 'and' && operative && toks[i - 1]?.text === ',' && toks[i + 1]?.pos !== 'DET') brk = true;
    // "said Moscow supports Serbia and that any change would be unacceptable": two reported statements
    if (!brk && t.lower === 'and' && i - start > 3 && toks[i + 1]?.lower === 'that' && toks[i + 1].pos === 'SCONJ') brk = true;
    // "welcomed the initiative and is ready to help", "has prepared troops and could deploy": after a verb, an auxiliary starts a new predicate
    if (!brk && t.lower === 'and' && i - start > 3 && auxAt(toks, i + 1) && toks.slice(start, i).some((x) => x.pos === 'VERB')) brk = true;
    // "rejected the plan, saying any deployment would be ...": a participle of saying reports a second statement
    if (!brk && t.text === ',' && i - start > 3 && toks[i + 1]?.pos === 'VERB' && /ing$/.test(toks[i + 1].lower) && PARTICIPLE_STATEMENT.has(toks[i + 1].lemma)) brk = true;
    if (brk && i > start) {
      out.push({ start, end: i });
      start = i + 1;
    }
  }
  if (start < toks.length) out.push({ start, end: toks.length });
  return out;
}

const PARTICIPLE_STATEMENT = new Set(['say', 'add', 'warn', 'insist', 'argue', 'stress', 'note', 'call', 'describe', 'vow', 'threaten', 'claim', 'opt', 'choose', 'prefer', 'promise', 'pledge', 'offer', 'agree']);
const AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'could', 'can', 'may', 'might', 'must', 'should', 'shall', 'did', 'does']);
function auxAt(toks: Token[], i: number): boolean {
  let k = i;
  if (toks[k]?.pos === 'ADV') k++;
  return !!toks[k] && AUXILIARIES.has(toks[k].lower) && (toks[k].pos === 'AUX' || toks[k].pos === 'VERB');
}

// a finite verb (past or present tense, possibly after an adverb) starts a coordinated predicate
function finiteVerbAt(toks: Token[], i: number): boolean {
  let k = i;
  if (toks[k]?.pos === 'ADV') k++;
  const t = toks[k];
  if (!t || t.pos !== 'VERB') return false;
  if (toks[k - 1]?.lower === 'to') return false;
  return /(ed|s)$/.test(t.lower) || /^(said|told|sent|gave|made|took|held|led|kept|put|drew|met|won|set)$/.test(t.lower);
}

/** ", which has funded ..." / ", who confirmed ...": a non-restrictive relative clause describes, it does not state */
function inRelative(toks: Token[], i: number, from: number): boolean {
  for (let k = i - 1; k >= from; k--) {
    const w = toks[k].lower;
    if (w === ',' || w === ')') return false;
    if ((w === 'which' || w === 'who') && (toks[k - 1]?.text === ',' || toks[k - 1]?.text === '(')) return true;
  }
  return false;
}

/** "a country that must also fund its welfare state": the verb of a relative clause on a common noun describes that noun */
const INDEFINITE_HEADS = new Set(['nobody', 'anyone', 'anybody', 'everyone', 'everybody', 'someone', 'somebody', 'those', 'one', 'any', 'none']);
function restrictiveRelative(toks: Token[], i: number): boolean {
  let k = i - 1;
  while (k >= 0 && (toks[k].pos === 'AUX' || toks[k].pos === 'ADV' || toks[k].pos === 'PART' || AUXILIARIES.has(toks[k].lower))) k--;
  // "nobody who does not send drones", "anyone that sends troops": a pronoun head too
  return k > 0 && ['that', 'which', 'who'].includes(toks[k].lower) && (toks[k - 1].pos === 'NOUN' || INDEFINITE_HEADS.has(toks[k - 1].lower)) && /^\p{Ll}/u.test(toks[k - 1].text);
}

const relativeCache = new WeakMap<Token[], Uint8Array>();
/** Tokens of non-restrictive relative clauses (", which withdrew its frigate last year,"): background, not the statement */
function relativeMask(toks: Token[]): Uint8Array {
  let mask = relativeCache.get(toks);
  if (mask) return mask;
  mask = new Uint8Array(toks.length);
  for (let k = 1; k < toks.length; k++) {
    if (!((toks[k].lower === 'which' || toks[k].lower === 'who') && (toks[k - 1].text === ',' || toks[k - 1].text === '('))) continue;
    let j = k;
    while (j < toks.length && toks[j].text !== ',' && toks[j].text !== ')' && toks[j].text !== ';') j++;
    // "- Fabien Roussel (PCF), who warned of escalation.": a relative clause that ends the sentence carries its statement
    if (j < toks.length - 1) mask.fill(1, k, j);
    k = j;
  }
  relativeCache.set(toks, mask);
  return mask;
}

const quoteCache = new WeakMap<Token[], Uint8Array>();
function insideQuote(toks: Token[], i: number): boolean {
  let depths = quoteCache.get(toks);
  if (!depths) {
    depths = new Uint8Array(toks.length + 1);
    let depth = 0;
    for (let k = 0; k < toks.length; k++) {
      depths[k] = depth;
      const t = toks[k].text;
      if (t === '“') depth++;
      else if (t === '”') depth = Math.max(0, depth - 1);
      else if (t === '"') depth = depth ? 0 : 1;
    }
    depths[toks.length] = depth;
    quoteCache.set(toks, depths);
  }
  return depths[i] > 0;
}

export function extractFromText(clean: string, publishedOn: string | null, title: string | null = null): ExtractedEvent[] {
  const events: ExtractedEvent[] = [];
  const discourse: Discourse = { last: null, paragraph: -1, people: new Map(), interviewee: null, text: clean, title };
  discourse.pick = readingPicker(discourse);
  const all = sentences(clean);
  discourse.releaseIssuer = releaseIssuer(clean, title);
  discourse.home = homeCountry(clean, title);
  const firstTurn = all.find((s) => s.turn);
  if (firstTurn) discourse.turnContext = `${title ?? ''}\n${clean.slice(0, firstTurn.start)}`;
  const firstOperative = all.find((s) => s.operative);
  if (firstOperative) discourse.issuer = issuerOf(clean.slice(0, firstOperative.start));
  // an op-ed by an office holder: its "I" and "we" are the author's country, as an interviewee's are
  const author = opinionAuthor(clean, title);
  if (author) {
    discourse.interviewee = author;
    discourse.introduced = true;
  }
  for (const s of all) {
    if (s.paragraph - discourse.paragraph > 2) discourse.last = discourse.lastCountry = null;
    discourse.paragraph = s.paragraph;
    discourse.sentenceNo = (discourse.sentenceNo ?? 0) + 1;
    events.push(...fromSentence(s, publishedOn, discourse));
  }
  // a restatement of a position already recorded for the same actor is the same event
  // (a set of the events seen so far, kept or not, instead of a scan of all earlier events per event)
  const stated = new Map<string, ExtractedEvent>();
  const kept = events.filter((e, i) => {
    // two clauses of one sentence can state the same thing ("could accept it, but only if ...")
    const key = `${e.actor}\u0000${e.type}\u0000${e.span.start}\u0000${e.actorRole == null ? '\u0001' : e.actorRole}`;
    const same = stated.get(key);
    if (same) {
      // "will maintain its police officers in Haiti and will add one patrol vessel": the amount may be in either clause
      if (!same.quantity && e.quantity) {
        same.quantity = e.quantity;
        for (const a of e.asset) if (!same.asset.includes(a)) same.asset.push(a);
      }
      return false;
    }
    stated.set(key, e);
    if (!ANAPHORIC.has(e)) return true;
    const first = events.slice(0, i).find((d) => d.actor === e.actor && d.type === e.type);
    // the restatement may carry the date: "Speaking in Kyiv on January 3, ..."
    if (first && !first.statedOn) first.statedOn = e.statedOn;
    return !first;
  });
  propagateDates(kept);
  propagateQuantities(kept, clean);
  atTheTime(clean, publishedOn, kept);
  assignOccasionDates(clean, publishedOn, kept, title);
  inferAssets(kept);
  inferTargets(kept);
  return kept;
}

/**
 * "Spain opened the door to a peacekeeping-type mission after a ceasefire" in an article about forces for Ukraine:
 * a pledge, condition or refusal that names no target is about the article's dominant target — the most common
 * target of the other events, when it clearly leads (at least two events, and twice as many as the runner-up).
 */
function inferTargets(events: ExtractedEvent[]): void {
  const open = (e: ExtractedEvent) => !e.target.length && (e.type.startsWith('pledge') || e.type === 'condition-set');
  if (!events.some(open)) return;
  const counts = new Map<string, number>();
  for (const e of events) for (const t of new Set(e.target)) counts.set(t, (counts.get(t) ?? 0) + 1);
  for (const e of events) {
    if (!open(e)) continue;
    // the event's own actor cannot be its target, and an event does not vote for itself (it has no target)
    const ranked = [...counts.entries()].filter(([t]) => t !== e.actor).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (!ranked.length) continue;
    const [top, second] = ranked;
    if (top[1] >= 2 && (!second || top[1] >= 2 * second[1])) e.target = [top[0]];
  }
}

const ANAPHORIC = new WeakSet<ExtractedEvent>();

/** "said it could contribute": the asset of a bare pledge is the one the article's other pledges are about */
function inferAssets(events: ExtractedEvent[]): void {
  const counts = new Map<Asset, number>();
  for (const e of events) if (e.type.startsWith('pledge') && e.asset.length) for (const a of e.asset) counts.set(a, (counts.get(a) ?? 0) + 1);
  if (!counts.size) return;
  const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  for (const e of events) if (e.type.startsWith('pledge') && !e.asset.length && !e.quantity) e.asset = [top[0]];
}

function fromSentence(s: Sentence, publishedOn: string | null, discourse: Discourse): ExtractedEvent[] {
  const toks = s.tokens;
  const lx = lexicon();
  const cues = allCues(toks);
  // "Canada: C$200 million.": a pledge list written as "actor: amount"
  let colon = toks.findIndex((t, k) => k > 0 && k < 12 && t.text === ':');
  // "Correction: an earlier version of this story said ...", "(Adds reaction in paragraph 9)": notes about the story, not statements
  if (cues.length && EDITORIAL_NOTE.test(s.text)) cues.length = 0;
  // "Background: Germany and Lithuania signed the agreement in 2023.": the story's background, labelled as such
  if (cues.length && /^(?:background|context|recap|history)\s*:/i.test(s.text)) cues.length = 0;
  // "Ask me in December.", "Support us: ...", "You should ask Budapest.": said to the reader or the interviewer, not a
  // position (a communiqué's "Call on ..." paragraphs are operative and read on)
  // ("Give us the jets, Zelensky urged": a quoted imperative with its speaker is that speaker's demand)
  if (cues.length && !s.operative && addressesReader(toks) && !toks.some((t, k) => k > 1 && t.pos === 'VERB' && (lx.speechVerbs.has(t.lemma) || t.lemma === 'urge'))) cues.length = 0;
  if (JOINT_TEXT.test(s.text)) jointAuthors(toks, discourse);
  // under a heading that names only actors ("Indonesia", "AUSTRALIA AND CANADA", "ASEAN"), the lines are about them
  const section = s.section ? sectionActors(s.section.text, discourse) : null;
  if (s.section && discourse.sectionText !== s.section.text) {
    discourse.sectionText = s.section.text;
    if (section) enterSection(section, discourse);
  }
  if (!cues.length && colon < 0 && !verdictLike(toks)) {
    const found = findActors(toks, (i) => toks[i]?.pos === 'VERB' || toks[i]?.pos === 'AUX' || AUX_LIKE.has(toks[i]?.lower ?? ''), discourse.people, discourse.pick);
    framedHolder(toks, found, discourse);
    titledHolder(toks, found, discourse);
    apposedHolder(toks, found, discourse);
    if (TITLED_NAME.test(s.text) || INTERVIEW_INTRO.test(s.text) || OFFICE_WORD.test(s.text)) learnPeople(toks, found, discourse, INTERVIEW_INTRO.test(s.text));
    learnOffices(toks, found, discourse);
    placeFrame(toks, found, discourse);
    trackOrgs(found, discourse);
    trackPlural(found, discourse);
    // "Seoul has stayed silent on transits. Its defence ministry said ...": a sentence without a position still says who is
    // under discussion
    // "The Deputy Secretary spoke next.": an office the text introduced with its country
    for (const g of found) g.members = g.members.map((m) => (m.anaphor === 'definite' && !m.code && discourse.definites?.has(toks.slice(m.start + 1, m.end).map((t) => t.lower).join(' ')) ? { ...m, code: discourse.definites.get(toks.slice(m.start + 1, m.end).map((t) => t.lower).join(' '))! } : m));
    // ("The African Union's Commissioner ... went further. He urged ...": an organisation's office holder leads too)
    const subject = found.find((g) => g.slot === 'subject' && g.members.some((m) => m.code && (isCountry(m) || m.govNoun)));
    // "In Port-au-Prince, Prime Minister X used ...": the subject right after a place framing the sentence leads it too
    const leads = !!subject && (subject.start < 3 || (toks[0]?.lower === 'in' && found[0] !== subject && found[0].end === subject.start - 1 && toks[found[0].end]?.text === ','));
    const country = subject?.members.find((m) => m.code && isCountry(m));
    if (country && leads) discourse.lastCountry = country.code!;
    // "Beijing's response came within hours.": a country whose reaction or move opens the sentence is the one under discussion
    const opener = !leads ? found.find((g) => g.slot === 'possessor' && !g.prep && g.start < 2 && g.members.length === 1 && isCountry(g.members[0])) : undefined;
    if (opener && ['VERB', 'AUX'].includes(toks[opener.head + 1]?.pos ?? '')) discourse.lastCountry = opener.members[0].code!;
    // "Poland's defence minister spoke to reporters on Tuesday. \"We are against ...,\" he said.": the office holder "he" goes on to be
    updateDiscourse(toks, s, discourse, subject && leads && subject.members.some((m) => m.govNoun) ? subject : null);
    return [];
  }
  const cueAt = new Map<number, Cue[]>();
  for (const c of cues) cueAt.set(c.start, [...(cueAt.get(c.start) ?? []), c]);
  const isVerbLike = (i: number): boolean => {
    let k = i;
    while (toks[k] && (toks[k].pos === 'ADV' || QUOTES.has(toks[k].text)) && k - i < 3) k++;
    const t = toks[k];
    if (!t) return false;
    if (t.pos === 'VERB' || t.pos === 'AUX' || AUX_LIKE.has(t.lower)) return true;
    // ("demanded that NATO states be excluded": a noun with a verb of its own after it is the subject's head, not its verb)
    if ((lx.speechVerbs.has(t.lemma) || lx.speechVerbs.has(t.lower)) && !(t.pos === 'NOUN' && (toks[k + 1]?.pos === 'AUX' || toks[k + 1]?.pos === 'VERB'))) return true;
    // headline present tense is often tagged as a noun: "Turkey eyes", "Kremlin insists"
    const cs = cueAt.get(k);
    return !!cs && /s$/.test(t.lower) && cs.some((c) => c.cat !== 'mission' && c.cat !== 'nominal');
  };
  const groups = findActors(toks, isVerbLike, discourse.people, discourse.pick);
  framedHolder(toks, groups, discourse);
  titledHolder(toks, groups, discourse);
  apposedHolder(toks, groups, discourse);
  // "Greens: Jane Roe said ...": the colon labels a speaker, it does not list a pledge
  if (colon > 0 && labelledSpeaker(toks, groups, colon)) colon = -1;
  resolveOrgs(groups, discourse);
  learnPeople(toks, groups, discourse, INTERVIEW_INTRO.test(s.text));
  learnOffices(toks, groups, discourse);
  // a transcript's guest who was never introduced by office speaks for the first country named as a subject in the answers
  if (s.answer && !discourse.interviewee) {
    const first = groups.find((g) => g.slot === 'subject' && g.members.some((m) => m.code && isCountry(m)));
    const m = first?.members.find((x) => x.code && isCountry(x));
    if (m) discourse.interviewee = { code: m.code!, role: m.role };
  }
  // a transcript turn whose label names its speaker ("HIGH REPRESENTATIVE:", "SECRETARY RUBIO:", "MINISTER:" after
  // "Egypt's Foreign Minister" in the title): the first person is that speaker
  const turnActor = s.turn ? turnSpeaker(s.turn, discourse) : null;
  // an interview answer: a line marked "A:", or, once an interview was introduced, a paragraph in the first person
  const firstPersonHere = !turnActor && !!discourse.introduced && firstPerson(toks);
  if (firstPersonHere) discourse.answerParagraph = s.paragraph;
  if (discourse.introduced && s.afterQuestion) discourse.answerParagraph = s.paragraph;
  const interviewee = turnActor ?? discourse.interviewee;
  const answer = !!turnActor || ((s.answer || firstPersonHere || (!!discourse.introduced && discourse.answerParagraph === s.paragraph)) && !!discourse.interviewee);
  // "Parliament has approved ...", said by the interviewee: the interviewee's parliament
  placeFrame(toks, groups, discourse);
  let resolved = groups.map((g) => ({ ...g, members: g.members.map((m) => resolveRole(m, groups, discourse, answer ? interviewee!.code : null, toks)) }));
  onBehalfOf(toks, resolved);
  const joint = collectiveSubject(toks, resolved, discourse);
  if (joint) resolved = resolved.filter((g) => g.end <= joint.start || g.start >= joint.end).concat([joint.group]).sort((a, b) => a.start - b.start);

  // "25. DECIDES to allocate US$ 10 million ...": the issuing body speaks
  if (s.operative && discourse.issuer && !resolved.some((g) => g.slot === 'subject' && g.start < 2)) resolved = [{ members: [discourse.issuer], start: 0, end: 0, slot: 'subject' as const, prep: null, head: -1 }, ...resolved];
  // "- It has ruled out sending combat troops", "- Both abstained on the resolution": a pronoun opening a line under
  // a heading that names one actor ("It") or two or more ("Both", "They") is that heading's actor
  if (section && s.section && (s.listItem || s.section.order === 0)) {
    const w = toks[0]?.lower;
    const fits = (w === 'it' && section.length === 1) || (w === 'they' && section.length >= 2) || (w === 'both' && section.length === 2);
    if (fits && isVerbLike(1) && !resolved.some((g) => g.start === 0)) resolved = [sectionGroup(section, 0, 1), ...resolved];
  }
  let speaker = findSpeaker(toks, resolved);
  // "- The largest contributor so far, with about 1,600 soldiers deployed": a line under the heading with no subject of
  // its own speaks of the heading's actor
  if (!speaker && section && s.listItem && !resolved.some((g) => g.slot === 'subject') && toks[0]?.pos !== 'PRON') speaker = sectionGroup(section, toks.length, toks.length);
  // "... would be met with a firm response by our governments": the signatories of the joint text
  if (!speaker && !joint && discourse.collective && firstPerson(toks)) speaker = { members: discourse.collective, start: toks.length, end: toks.length, slot: 'subject', prep: null, head: -1 };
  // "..., he said": the person under discussion
  if (!speaker && discourse.last && pronounSpeaker(toks)) speaker = pseudoGroup(discourse.last);
  // '"We are ready," Macron said. "But only under a UN mandate."': a quote with no speaker of its own goes on from the last
  if (!speaker && discourse.quoteSpeaker && QUOTES.has(toks[0]?.text ?? '') && s.paragraph - discourse.quoteSpeaker.paragraph <= 1) speaker = pseudoGroup(discourse.quoteSpeaker.actor);
  // an interview answer speaks for the interviewee
  // "We will only deploy under a UN mandate": in an interview, the first person is the interviewee answering
  const ownSpeaker = !!speaker;
  if (answer && !speaker) speaker = pseudoGroup(interviewee!);
  const quoted = (i: number) => insideQuote(toks, i) || answer;
  // "Analysts said Germany could send a brigade": what commentators say is their reading, not the actor's position
  const opinionFrom = commentary(toks);
  const out: ExtractedEvent[] = [];
  let datesMemo: { value: string; index: number }[] | null = null;
  const dates = () => (datesMemo ??= datesIn(s.text, publishedOn));
  let sentenceSubject: ActorGroup | null = null;
  let prevSubject: ActorGroup | null = null;
  let prevLastSubject: ActorGroup | null = null;
  let prevPledge: ActorGroup | null = null;

  for (const cl of clausesOf(toks, !!s.operative)) {
    const inClause = (i: number) => i >= cl.start && i < cl.end;
    const ccues = cues.filter((c) => inClause(c.start));
    // "Russia warned Finland that ...", "told Kyiv it would ...": the one addressed is the verb's object, not a subject
    const subjects = resolved.filter((g) => g.slot === 'subject' && inClause(g.start) && !addressee(toks, g));
    if (subjects.length && !sentenceSubject) sentenceSubject = subjects[0];
    const candidates: Candidate[] = [];

    // subject of a verbal cue: nearest subject group before it in the clause, else inherited
    const subjectFor = (i: number): { group: ActorGroup | null; how: 'subject' | 'inherited' | 'pronoun' | 'speaker' | 'possessor' } => {
      // ("..., with Russia and China abstaining, welcomes a Board of Peace": the absolute clause's subject is not the verb's)
      // ("If Moscow tries that again, the answer will be immediate": an if-clause's subject is not the main clause's either)
      // ("Norway, which like Canada is not a member, is considering ...": nor is a subject inside a relative clause)
      const aside = (g: ActorGroup) => (toks[g.start - 1]?.lower === 'with' && i > g.end + 1) || (subordinate(toks, g) && toks.slice(g.end, i).some((x) => x.text === ',')) || (relativeMask(toks)[g.start] === 1 && relativeMask(toks)[i] !== 1);
      const before = subjects.filter((g) => g.end <= i && !aside(g));
      // "The army has asked for help, and we are considering sending trainers": in an answer or a quote, "we" after the
      // last named subject is the speaker
      // ("And France, with which we signed an agreement, is sending ...": not a "we" inside a relative clause on the subject)
      if (before.length && speaker && quoted(i) && toks.slice(before[before.length - 1].end, i).some((t, k) => (t.lower === 'we' || t.text === 'I') && t.pos === 'PRON' && !['which', 'whom', 'who'].includes(toks[before[before.length - 1].end + k - 1]?.lower ?? ''))) return { group: speaker, how: 'speaker' };
      if (before.length) return { group: before[before.length - 1], how: 'subject' };
      if (quoted(i) && speaker) return { group: speaker, how: 'speaker' };
      // "France's readiness to station ...": the possessor of the clause's head noun, when close
      // ("reports that Turkey's disaster agency is sending": a possessor opening a that-clause)
      const poss = resolved.filter((g) => g.slot === 'possessor' && inClause(g.start) && g.end <= i && i - g.end <= 4 && !g.prep && (g.start - cl.start <= 2 || toks[g.start - 1]?.lower === 'that'));
      if (poss.length) return { group: poss[0], how: 'possessor' };
      // "... said Islamabad had not decided and that any role would depend on ...": the second that-clause continues the first
      if (prevLastSubject && cl.start > 0 && toks[cl.start].lower === 'that') return { group: prevLastSubject, how: 'inherited' };
      if (prevSubject && cl.start > 0) return { group: prevSubject, how: 'inherited' };
      // only personal pronouns: "it"/"they" too often mean a coalition, a plan or a force
      // "He welcomed the move and called on Brussels to ...": a coordinated predicate shares the first clause's pronoun
      const from = cl.start > 0 && toks[cl.start - 1]?.lower === 'and' && toks[cl.start].pos === 'VERB' ? 0 : cl.start;
      const pron = toks.slice(from, i).find((t) => PRONOUN_SUBJECT.has(t.lower) && t.pos === 'PRON');
      if (pron && discourse.last) return { group: pseudoGroup(discourse.last), how: 'pronoun' };
      // "Russia's embassy did not respond. In a post on its channel, it described ...": "it" opening the sentence right
      // after one whose subject was an institution is that institution
      const body = discourse.lastBody2;
      if (body && body.sentence === (discourse.sentenceNo ?? 0) - 1) {
        const it = leadingIt(toks);
        if (it !== null && it >= cl.start && it < i && !subjects.some((g) => g.start < i)) return { group: pseudoGroup(body.actor), how: 'pronoun' };
      }
      // ("Human rights groups condemned the package; the Commission said ...": a subject of its own is no speaker's)
      if (!subjects.some((g) => !aside(g)) && speaker && speaker.end > i && (toks[i].pos !== 'VERB' || ownVerb(toks, i, resolved))) return { group: speaker, how: 'speaker' };
      // "Any deployment would be treated as aggression, Lavrov warned": no subject before the cue, the speaker comes last
      if (speaker && speaker.start > i && subjects.every((g) => g === speaker || g.start > i || aside(g)) && (toks[i].pos !== 'VERB' || ownVerb(toks, i, resolved) || !toks.slice(i, speaker.start).some((t) => t.text === ';'))) return { group: speaker, how: 'speaker' };
      return { group: null, how: 'subject' };
    };

    const has = (cat: CueCategory, from = cl.start, to = cl.end) => ccues.some((c) => c.cat === cat && c.start >= from && c.start < to);
    const assetsIn = (from: number, to: number) => assetsOf(toks, from, to);

    const x: ClauseCtx = { s, toks, lx, cues, ccues, cl, resolved, speaker, ownSpeaker, answer, quoted, subjectFor, has, assetsIn, candidates, isVerbLike, publishedOn, colon, discourse, inClause };
    contributionCandidates(x);
    forceCandidates(x);
    typedCandidates(x);
    otherCandidates(x);
    // "will provide funding and logistics but no troops": the elided verb's subject refuses what follows "but no"
    if (prevPledge && toks[cl.start - 1]?.lower === 'but' && (toks[cl.start]?.lower === 'no' || toks[cl.start]?.lower === 'not') && assetsIn(cl.start + 1, Math.min(cl.end, cl.start + 4)).length && !ccues.some((x) => x.cat === 'contribution' || x.cat === 'contribution-strong')) {
      candidates.push({ type: 'pledge-refused', group: prevPledge, how: 'inherited', cue: { start: cl.start, end: cl.start + 1, cat: 'refused', phrase: 'no' }, strong: true });
    }
    // "called on the Council to impose sanctions and to make any renewal conditional on ...": the condition is part of
    // what is demanded of another, so the event is the demand
    for (let k = candidates.length - 1; k >= 0; k--) {
      const cond = candidates[k];
      if (cond.type !== 'condition-set' || cond.cue.cat !== 'condition-set') continue;
      const demand = candidates.find((d) => d.type === 'demand-made' && d.cue.start < cond.cue.start && d.group.members.some((m) => cond.group.members.some((x) => x.code === m.code)) && toks.slice(d.cue.end, cond.cue.start).some((t) => t.lower === 'to'));
      if (demand && DEMAND_VERBS.has(toks[demand.cue.start].lemma)) candidates.splice(k, 1);
    }
    // one event per actor and clause: the most specific type wins
    const byActor = new Map<string, { cand: Candidate; member: ActorNP }>();
    for (const cand of candidates) {
      for (const m of cand.group.members) {
        if (!m.code) continue;
        const key = m.code + '|' + (m.role ?? '');
        const prev = byActor.get(key);
        if (!prev || rank(cand, toks) < rank(prev.cand, toks)) byActor.set(key, { cand, member: m });
      }
    }
    prevPledge = null;
    for (const { cand, member } of byActor.values()) {
      if (opinionFrom >= 0 && cand.cue.start > opinionFrom && !insideQuote(toks, cand.cue.start)) continue;
      // "offered to send another 150 troops, subject to approval by its assembly": the offer stands, with its price
      if (cand.type === 'condition-set' && cand.cue.cat === 'condition-set' && toks[cand.cue.start - 1]?.text === ',') {
        const offer = candidates.find((x) => x.type === 'pledge-announced' && x.cue.start < cand.cue.start && x.group.members.some((m) => m.code === member.code));
        if (offer) out.push(build(s, cl, toks, offer, member, resolved, dates, publishedOn));
      }
      const e = build(s, cl, toks, cand, member, resolved, dates, publishedOn);
      if (cand.anaphoric) ANAPHORIC.add(e);
      out.push(e);
      // "was ready to contribute a battalion, provided all members paid their share": the pledge stands, and so does its price
      if ((e.type === 'pledge-announced' || e.type === 'pledge-considered') && e.conditions.some((x) => PROVISO.test(x.text) && s.text.indexOf(x.text) > toks[cand.cue.start].start - s.start)) {
        out.push({ ...e, type: 'condition-set' });
      }
      if (e.type === 'pledge-announced' && !prevPledge) prevPledge = cand.group;
    }
    if (subjects.length) prevSubject = subjects[0];
    if (subjects.length) prevLastSubject = subjects[subjects.length - 1];
  }
  trackPlural(resolved, discourse);
  // who spoke the quote this sentence holds, for a quote that runs on into the next sentence
  const quoter = speaker?.members.find((m) => m.code);
  discourse.quoteSpeaker = quoter && toks.some((t) => QUOTES.has(t.text)) ? { actor: { code: quoter.code!, role: quoter.role }, paragraph: s.paragraph } : null;
  // "She confirmed that Manila had asked Canberra ...": the person a pronoun continues is still the one under discussion,
  // not the subject of what she reports
  const pronounLed = discourse.last && leadingPronoun(toks);
  updateDiscourse(toks, s, discourse, sentenceSubject, pronounLed !== null && (!sentenceSubject || sentenceSubject.start > pronounLed));
  return out;
}

/** "it" as the subject opening a sentence, past an adverbial set off by a comma ("In a post on X, it described ..."), else null */
function leadingIt(toks: Token[]): number | null {
  const comma = toks.findIndex((t, j) => j < 14 && t.text === ',');
  const k = toks[0]?.lower === 'it' ? 0 : comma > 0 ? comma + 1 : -1;
  return k >= 0 && toks[k]?.lower === 'it' && toks[k].pos === 'PRON' && toks[k + 1]?.pos === 'VERB' ? k : null;
}

/** The index of "he" or "she" as the subject opening a sentence ("She said ...", "On Monday, he confirmed ..."), else null. */
function leadingPronoun(toks: Token[]): number | null {
  let k = 0;
  // past a short adverbial set off by a comma
  const comma = toks.findIndex((t, j) => j < 6 && t.text === ',');
  if (comma > 0 && !PRONOUN_SUBJECT.has(toks[0].lower)) k = comma + 1;
  const t = toks[k];
  if (!t || !PRONOUN_SUBJECT.has(t.lower) || t.pos !== 'PRON' || insideQuote(toks, k)) return null;
  let v = k + 1;
  while (toks[v] && (toks[v].pos === 'ADV' || toks[v].pos === 'AUX')) v++;
  return toks[v] && (toks[v].pos === 'VERB' || toks[v - 1]?.pos === 'AUX') ? k : null;
}

interface Candidate {
  type: PositionEventType;
  group: ActorGroup;
  how: 'subject' | 'inherited' | 'pronoun' | 'speaker' | 'possessor';
  cue: Cue;
  strong: boolean;
  /** restates an earlier position ("emphasized this as ..."): dropped when the article already has it */
  anaphoric?: boolean;
}

function rank(c: Candidate, toks: Token[]): number {
  let r = PRIORITY.indexOf(c.type) * 10;
  // demands that set a UN mandate or parliament vote as the price are conditions
  void toks;
  return r;
}

const REGARD_VERBS = new Set(['see', 'view', 'regard', 'treat', 'consider', 'deem']);
const HOSTILE = new Set(['piracy', 'terrorism', 'banditry', 'threat', 'hostile', 'invasion', 'aggression', 'enemy', 'occupier', 'occupiers', 'occupation', 'target', 'targets', 'belligerent', 'belligerents', 'provocation']);
const SUBORDINATORS = new Set(['if', 'unless', 'once', 'whether', 'should', 'when', 'until', 'before', 'after', 'whenever', 'what', 'how', 'why']);
const FUTURE_MODALS = new Set(['will', 'would', "'ll", 'shall', 'could', 'must', 'wo']);
/** "if the United States offered ...", "when the Council voted ...": the subject of a subordinate clause states nothing */
function subordinate(toks: Token[], g: ActorGroup): boolean {
  let b = g.start - 1;
  while (b >= 0 && ['the', 'a', 'an', 'our', 'its', 'their'].includes(toks[b].lower)) b--;
  // "if the Government of Mozambique asks": past the head of a formal name
  if (b >= 2 && toks[b].lower === 'of' && (toks[b - 1].pos === 'NOUN' || toks[b - 1].pos === 'PROPN')) {
    b -= 2;
    while (b >= 0 && ['the', 'a', 'an', 'our', 'its', 'their'].includes(toks[b].lower)) b--;
  }
  if (b >= 0 && SUBORDINATORS.has(toks[b].lower)) return true;
  // "as long as the government asks us to stay", "so long as Kyiv wants it": a condition's subject
  if (b >= 2 && toks[b].lower === 'as' && toks[b - 1].lower === 'long' && (toks[b - 2].lower === 'as' || toks[b - 2].lower === 'so')) return true;
  // "only if Moldova asks for it and our parliament approves it": the second subject of the same if-clause
  if (toks[b]?.lower !== 'and' && toks[b]?.lower !== 'or') return false;
  for (let k = b - 1; k >= Math.max(0, b - 10); k--) {
    if (toks[k].text === ',' || toks[k].text === ';') return false;
    if (SUBORDINATORS.has(toks[k].lower)) return true;
  }
  return false;
}

const ADDRESS_VERBS = new Set(['warn', 'tell', 'remind', 'assure', 'caution', 'inform', 'accuse']);
const ADDRESSED = new Set(['warned', 'told', 'reminded', 'assured', 'cautioned', 'informed', 'accused']);
/** "warned Finland that", "told Kyiv it": an actor right after a verb of addressing is its object */
function addressee(toks: Token[], g: ActorGroup): boolean {
  // ("telling a visiting EU delegation that": past the object's determiner and modifiers)
  let p = g.start - 1;
  while (p > 0 && g.start - p <= 3 && (toks[p].pos === 'DET' || toks[p].pos === 'ADJ' || (toks[p].pos === 'NOUN' && /ing$/.test(toks[p].lower))) && toks[p - 1].pos !== 'AUX') p--;
  const prev = toks[p] && ADDRESS_VERBS.has(toks[p].lemma) && toks[p].pos === 'VERB' ? toks[p] : toks[g.start - 1];
  // "have informed Sofia that": the tagger may read a participle after "have" as an adjective
  const participle = !!prev && prev.pos === 'ADJ' && ADDRESSED.has(prev.lower) && ['have', 'has', 'had', 'having'].includes(toks[g.start - 2]?.lower ?? '');
  if (!prev || (!participle && (prev.pos !== 'VERB' || !ADDRESS_VERBS.has(prev.lemma)))) return false;
  const next = toks[g.end]?.lower;
  return next === 'that' || next === 'it' || next === 'of' || next === 'against' || next === 'they' || next === ',' || next === 'on';
}

/** "despite German hesitance and Russian rebuffs": a stance mentioned as circumstance, not stated here */
/** "endorsed a U.S. plan", "rejected China's demand": an actor's noun after a verb (not of saying or stating) is that verb's object */
function objectOfVerb(toks: Token[], from: number, at: number): boolean {
  const lx = lexicon();
  for (let k = at - 1; k >= from; k--) {
    const t = toks[k];
    if (t.pos !== 'VERB') continue;
    if (lx.speechVerbs.has(t.lemma) || lx.lightVerbs.has(t.lemma)) return false;
    return true;
  }
  return false;
}

function measureAhead(toks: Token[], from: number, to: number): boolean {
  const measures = lexicon().measures;
  for (let k = from; k < Math.min(to, from + 6); k++) if (measures.has(toks[k].lemma) || measures.has(toks[k].lower)) return true;
  // "is blocking the €6.6 billion in the European Peace Facility": an amount of money is a measure too
  return findQuantities(toks, from, Math.min(to, from + 6)).some((q) => q.asset === 'money' || /^[A-Z]{3}$/.test(q.quantity.unit ?? ''));
}

const DURATION = new Set(['last', 'take', 'continue', 'remain', 'exist', 'need', 'necessary', 'needed', 'required', 'require', 'possible']);
function domesticBudget(toks: Token[], from: number, to: number): boolean {
  for (let k = from; k < Math.min(to, from + 5); k++) {
    if (!['budget', 'budgets', 'spending'].includes(toks[k].lower)) continue;
    return toks.slice(Math.max(from, k - 3), k).some((t) => ['its', 'their', 'our', 'own', 'defence', 'defense', 'military', 'national'].includes(t.lower));
  }
  return false;
}

function durationAhead(toks: Token[], from: number, to: number): boolean {
  for (let k = from; k < Math.min(to, from + 5); k++) if (DURATION.has(toks[k].lemma) || DURATION.has(toks[k].lower)) return true;
  return false;
}

function backgroundNoun(toks: Token[], groupStart: number): boolean {
  for (let k = groupStart - 1; k >= Math.max(0, groupStart - 5); k--) {
    const w = toks[k].lower;
    if (w === 'despite' || w === 'amid' || w === 'notwithstanding') return true;
    if (toks[k].pos === 'VERB' || w === ',' || w === ';') return false;
  }
  return false;
}

function nominalType(noun: string): PositionEventType | null {
  if (/^red lines?$|^threats?$|^warning$/.test(noun)) return 'red-line-stated';
  if (/^(demands?|insistence|call)$/.test(noun)) return 'demand-made';
  if (/^(support|backing|acceptance|approval|endorsement|backstop)$/.test(noun)) return 'support-expressed';
  if (/^(opposition|objections?|rejection|veto|criticism|condemnation|resistance|pushback)$/.test(noun)) return 'opposition-expressed';
  if (/^(conditions?)$/.test(noun)) return 'condition-set';
  if (/^(offers?|pledges?|commitments?|contributions?|deployment|participation|involvement|readiness|decision|plan|proposal)$/.test(noun)) return 'pledge-announced';
  return null;
}

const CONSIDER_LEMMAS = new Set(['consider', 'weigh', 'mull', 'contemplate', 'explore', 'discuss', 'study', 'rule', 'about', 'avoid', 'resist', 'keep']);

function isVerbal(toks: Token[], i: number): boolean {
  const t = toks[i];
  if (t.pos === 'VERB') return true;
  // "would not be part of any mission"
  if (t.lemma === 'be' && toks[i + 1]?.lower === 'part' && toks[i + 2]?.lower === 'of') return true;
  const prev = toks[i - 1]?.lower;
  // "would consider contributing trainers": a gerund tagged as an adjective or noun
  if (/ing$/.test(t.lower) && CONSIDER_LEMMAS.has(toks[i - 1]?.lemma ?? '')) return true;
  if ((t.pos === 'NOUN' || t.pos === 'ADJ') && (prev === 'to' || prev === 'will' || prev === 'would' || prev === 'could')) return true;
  // "they would each keep", "will both send": a floating quantifier between the modal and a verb tagged as a noun
  if ((t.pos === 'NOUN' || t.pos === 'ADJ') && (prev === 'each' || prev === 'both' || prev === 'all') && ['will', 'would', 'could', 'to', 'can', 'shall'].includes(toks[i - 2]?.lower ?? '')) return true;
  // "could not spare soldiers": a modal and its negation before a word tagged as an adjective
  return (t.pos === 'NOUN' || t.pos === 'ADJ') && (prev === 'not' || prev === "n't") && ['will', 'would', 'could', 'can', 'ca', 'wo', 'did', 'does', 'do'].includes(toks[i - 2]?.lower ?? '');
}

function isVerbLikeAt(toks: Token[], i: number, groups: ActorGroup[]): boolean {
  // "Kremlin insists", "Germany demands": a noun-tagged verb right after a subject
  // "... —but demands reciprocal guarantees": a verb whose subject is the previous clause's
  if (['but', 'and'].includes(toks[i - 1]?.lower ?? '') && /s$/.test(toks[i].lower) && toks[i + 1] && ['ADJ', 'DET', 'NOUN', 'ADP'].includes(toks[i + 1].pos)) return true;
  return groups.some((g) => g.end === i && (g.slot === 'subject' || g.slot === 'modifier') && /s$/.test(toks[i].lower) && toks[i + 1]?.pos !== 'VERB' && g.members.some((m) => m.kinds.some((k) => k !== 'demonym')));
}

const VERB_GROUP = new Set(['not', "n't", 'to', 'out', 'also', 'already', 'still', 'now', 'jointly', 'ready', 'prepared', 'willing', 'able', 'set']);

/** A finite verb whose own subject is some other noun ("European states may deploy") is not the actor's. */
function ownVerb(toks: Token[], i: number, groups: ActorGroup[]): boolean {
  let k = i - 1;
  while (k >= 0 && (['AUX', 'PART', 'ADV', 'VERB'].includes(toks[k].pos) || VERB_GROUP.has(toks[k].lower))) {
    if (toks[k].lower === 'to') return true; // infinitive: controlled by the main clause subject
    k--;
  }
  // "The State Department on Wednesday approved", "Paris last week offered": a time between subject and verb
  k = pastTimeAdjunct(toks, k);
  if (k < 0) return true;
  const t = toks[k];
  if (groups.some((g) => g.end === k + 1)) return true;
  if ((t.pos === 'NOUN' || t.pos === 'PROPN') && (ownBody(toks, k) || possessedBody(toks, k, groups))) return true;
  if (t.pos === 'NOUN' || t.pos === 'PROPN' || (t.pos === 'PRON' && !['who', 'which', 'that', 'it', 'he', 'she', 'they', 'we', 'i'].includes(t.lower))) return false;
  return true;
}

/** "Turkey's disaster agency is sending", "Japan's coast guard will send": a body of the possessing actor acts for it */
const BODY_HEADS = new Set(['agency', 'ministry', 'department', 'navy', 'army', 'guard', 'military', 'government', 'cabinet', 'gendarmerie', 'office', 'corps', 'command', 'administration']);
function possessedBody(toks: Token[], head: number, groups: ActorGroup[]): boolean {
  if (!BODY_HEADS.has(toks[head].lemma)) return false;
  for (let k = head - 1; k >= Math.max(0, head - 4); k--) {
    if (toks[k].text === "'s" || toks[k].text === '’s') return groups.some((g) => g.end === k && g.slot === 'possessor');
    if (!['NOUN', 'PROPN', 'ADJ'].includes(toks[k].pos) && toks[k].text !== '-') return false;
  }
  return false;
}

const OTHERS_NOUNS = new Set(['partner', 'ally', 'friend', 'neighbour', 'neighbor', 'colleague', 'counterpart', 'donor', 'critic', 'opponent', 'enemy', 'adversary']);
/** "Our police academy at Muwaqqar will train", "our navy will send": a body of the speaker's own, not another party */
function ownBody(toks: Token[], head: number): boolean {
  if (OTHERS_NOUNS.has(toks[head].lemma)) return false;
  for (let k = head - 1; k >= Math.max(0, head - 6); k--) {
    const w = toks[k].lower;
    if (w === 'our' || w === 'my') return !toks.slice(k + 1, head).some((x) => OTHERS_NOUNS.has(x.lemma));
    if (!['NOUN', 'PROPN', 'ADJ', 'ADP', 'DET', 'NUM'].includes(toks[k].pos) && toks[k].text !== '-') return false;
  }
  return false;
}

const WHEN_WORDS = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year|weekend|yesterday|today|tonight|morning|evening|afternoon)$/;
/** index before a time adjunct ending at k ("on Wednesday", "last week", "this month", "yesterday"), else k */
function pastTimeAdjunct(toks: Token[], k: number): number {
  if (k < 0 || !WHEN_WORDS.test(toks[k].lower)) return k;
  const prev = toks[k - 1]?.lower ?? '';
  if (prev === 'on' || prev === 'last' || prev === 'this' || prev === 'earlier' || prev === 'late') return k - 2;
  if (toks[k].lower === 'yesterday' || toks[k].lower === 'today') return k - 1;
  return k;
}

const PENDING_BEFORE = new Set(['expected', 'due', 'set', 'soon', 'yet', 'still', 'will', 'would', "'ll"]);
function pendingFrame(toks: Token[], i: number): boolean {
  if (toks[i].lower !== toks[i].lemma && toks[i].lower !== 'decide') return false; // "announced" happened
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) if (PENDING_BEFORE.has(toks[k].lower)) return true;
  return false;
}

function pendingObject(toks: Token[], from: number, to: number): boolean {
  const objects = lexicon().pending.objects;
  for (let k = from; k < Math.min(to, from + 4); k++) if (objects.has(toks[k].lower) || objects.has(toks[k].lemma)) return true;
  return false;
}

const GATHERINGS = new Set(['summit', 'meeting', 'talks', 'conference', 'delegation', 'visit', 'forum', 'session', 'round', 'gathering', 'dinner', 'ceremony', 'planner', 'planners', 'envoy', 'envoys', 'minister', 'ministers', 'leader', 'leaders']);
const CONSIDER_VERBS = ['consider', 'weigh', 'mull', 'eye', 'explore', 'study', 'examine', 'contemplate', 'analyse', 'analyze'];
const ABSTRACT_AIMS = new Set(['stability', 'security', 'peace', 'calm', 'de-escalation', 'escalation', 'dialogue', 'solution', 'tension', 'tensions', 'ease', 'reduce', 'stabilise', 'stabilize', 'resolve', 'defuse', 'understanding', 'prosperity', 'development', 'reconciliation']);
/** A participation verb without an object of its own: "could contribute.", "would not take part in the scheme" */
function bareOk(toks: Token[], from: number, to: number): boolean {
  let k = from;
  while (k < to && (toks[k].pos === 'ADV' || ['further', 'too'].includes(toks[k].lower))) k++;
  if (k >= to) return true;
  const t = toks[k];
  // "not contributing to stability", "help to ease tensions": to an aim, not to a force
  if (t.lower === 'to' && toks.slice(k + 1, Math.min(to, k + 4)).some((x) => ABSTRACT_AIMS.has(x.lemma) || ABSTRACT_AIMS.has(x.lower))) return false;
  return t.pos === 'PUNCT' || t.pos === 'CCONJ' || t.pos === 'SCONJ' || ['in', 'to', 'with', 'if', 'once', 'after', 'as', 'but', 'though', 'although', 'provided', 'unless'].includes(t.lower) || (t.pos === 'VERB' && t.lower === t.lemma);
}

function hasObject(toks: Token[], from: number, to: number): boolean {
  for (let k = from; k < Math.min(to, from + 4); k++) if (toks[k].pos === 'NOUN' || toks[k].kind === 'currency' || toks[k].kind === 'number') return true;
  return false;
}

const PROPOSING = new Set(['propose', 'suggest', 'mention', 'ask', 'request', 'discuss', 'seek', 'push', 'call', 'announce']);
/** "has never proposed sending troops": the negation denies the proposing, not the sending */
function negatesOtherVerb(toks: Token[], i: number, from: number): boolean {
  for (let k = i - 1; k >= Math.max(from, i - 4); k--) {
    const t = toks[k];
    if (t.lower === 'not' || t.lower === 'never' || t.lower === "n't") return false;
    if (t.pos === 'VERB' && PROPOSING.has(t.lemma)) return true;
  }
  return false;
}

const NEGATORS = new Set(['not', "n't", 'never']);
/** the cue's own verb is negated right before it ("did not condemn", "has not publicly threatened to"); cues that carry their negation ("will not tolerate") are not */
function deniedVerb(toks: Token[], c: Cue): boolean {
  if (toks.slice(c.start, c.end).some((t) => NEGATORS.has(t.lower) || t.lower === 'no')) return false;
  if (toks[c.start].pos !== 'VERB') return false;
  let k = c.start - 1;
  // "has not threatened to veto it": the verb that governs the infinitive is denied ("did not hesitate to condemn" is no denial)
  if (toks[k]?.lower === 'to' && toks[k - 1]?.pos === 'VERB' && !['hesitate', 'fail', 'cease', 'stop'].includes(toks[k - 1].lemma)) k -= 2;
  while (k >= 0 && toks[k].pos === 'ADV' && !NEGATORS.has(toks[k].lower)) k--;
  return k >= 0 && NEGATORS.has(toks[k].lower);
}

function negatedBefore(toks: Token[], i: number, from: number, reach = 8): boolean {
  const rel = relativeMask(toks);
  for (let k = i - 1; k >= Math.max(from, i - reach); k--) {
    if (rel[k] && !rel[i]) continue;
    // "Denmark, speaking for itself and not for the EU, announced": a negation inside an aside negates the aside
    if (toks[k].text === ',') {
      let j = k - 1;
      while (j >= Math.max(from, k - 12) && toks[j].text !== ',') j--;
      if (j >= Math.max(from, k - 12) && toks[j].text === ',') {
        reach += k - j;
        k = j;
      }
      continue;
    }
    const l = toks[k].lemma;
    // "will neither send troops nor pay"
    if (l === 'not' || l === 'never' || l === 'deny' || l === 'neither' || toks[k].lower === "n't") return true;
  }
  return false;
}

// "may" before a noun is the month; "could"/"may" as modals need a verb after them
function modalOk(toks: Token[], c: Cue): boolean {
  if (!['could', 'may', 'might'].includes(c.phrase)) return true;
  return toks[c.start].pos === 'AUX' || toks[c.start].pos === 'VERB';
}

/** "..., she said", "..., said Chile's minister", "..., the ministry added": an attribution set off after token i */
function attributedAfter(toks: Token[], i: number): boolean {
  const lx = lexicon();
  for (let k = i + 1; k < toks.length; k++) {
    if (toks[k].text !== ',' || insideQuote(toks, k)) continue;
    const end = toks.findIndex((t, j) => j > k && (t.text === ',' || t.text === '.' || t.text === ';'));
    const seg = toks.slice(k + 1, end < 0 ? toks.length : end);
    if (seg.length && seg.length <= 8 && seg.some((t) => t.pos === 'VERB' && (lx.speechVerbs.has(t.lemma) || lx.speechVerbs.has(t.lower)))) return true;
  }
  return false;
}

/**
 * "Rwanda must withdraw its troops from Congo, she said", "Kenya said Rwanda must withdraw": an obligation on the actor
 * right before the modal, put on it by a speaker who is someone else (the speaker's own country, or "we", obliges itself).
 */
function othersObliged(toks: Token[], c: { start: number; end: number }, groups: ActorGroup[], speaker: ActorGroup | null, said = false): boolean {
  if (!speaker) return false;
  const subj = groups.find((g) => g.slot === 'subject' && g.end === c.start);
  if (!subj || !subj.members.some((m) => m.code)) return false;
  if (subj.members.some((m) => speaker.members.some((x) => x.code === m.code))) return false;
  // a speaker named in the sentence, before the one obliged or after the obligation
  if (speaker.end > 0) return speaker.start > c.start || speaker.end <= subj.start;
  // "he said" (the person under discussion): before the one obliged, or set off after the obligation; or the speaker's
  // own quote or answer
  return said || (reported(toks, subj.start) && !insideQuote(toks, subj.start)) || attributedAfter(toks, c.start);
}

/** "asked whether that ruled out a deployment": token i inside an embedded question, up to the comma that closes it */
function askedWhether(toks: Token[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(1, i - 10); k--) {
    if (toks[k].text === ',' || toks[k].text === ';') return false;
    if ((toks[k].lower === 'whether' || toks[k].lower === 'if') && toks[k - 1].lemma === 'ask' && toks[k - 1].pos === 'VERB') return true;
  }
  return false;
}

function reported(toks: Token[], i: number): boolean {
  const lx = lexicon();
  for (let k = i - 1; k >= Math.max(0, i - 25); k--) {
    const t = toks[k];
    if (t.lower === 'according' && toks[k + 1]?.lower === 'to') return true;
    if ((lx.speechVerbs.has(t.lemma) || lx.speechVerbs.has(t.lower)) && t.pos !== 'NOUN') return true;
  }
  return false;
}

/** "The Kremlin has warned that ... <i>": a subject before i whose verb (past auxiliaries) is a verb of saying */
function reportedBy(toks: Token[], groups: ActorGroup[], i: number): boolean {
  const lx = lexicon();
  return groups.some((g) => {
    if (g.slot !== 'subject' || g.end > i) return false;
    let k = g.end;
    while (k < i && (toks[k].pos === 'AUX' || toks[k].pos === 'ADV' || AUX_LIKE.has(toks[k].lower))) k++;
    return k < i && (lx.speechVerbs.has(toks[k].lemma) || lx.speechVerbs.has(toks[k].lower)) && toks[k].pos === 'VERB';
  });
}

function reporterOf(toks: Token[], i: number, groups: ActorGroup[]): ActorGroup | null {
  const subj = groups.filter((g) => g.slot === 'subject' && g.end <= i);
  return subj.length ? subj[0] : null;
}

function lightVerbBefore(toks: Token[], i: number, from: number): number | null {
  const lx = lexicon();
  for (let k = i - 1; k >= Math.max(from, i - 4); k--) if (lx.lightVerbs.has(toks[k].lemma) && toks[k].pos === 'VERB') return k;
  return null;
}

/** The actor whose possessive or modifier attaches to the noun at i ("Russia's well-advertised red line"). */
function attached(groups: ActorGroup[], i: number, toks?: Token[]): ActorGroup | null {
  for (const g of groups) {
    if ((g.slot === 'possessor' || g.slot === 'modifier') && g.end <= i && i - g.end <= 5 && g.head <= i + 2) {
      if (g.head >= 0 && g.head < i && i - g.head > 2) continue;
      // "has declared Turkish forces a red line": an article after the modified noun starts another noun phrase
      if (toks && g.head >= 0 && g.head < i && toks.slice(g.head + 1, i).some((t) => t.lower === 'a' || t.lower === 'an')) continue;
      return g;
    }
  }
  return null;
}

function findSpeaker(toks: Token[], groups: ActorGroup[]): ActorGroup | null {
  const lx = lexicon();
  // "..., Zelensky stated" / "said Ruto" / "according to Kenya's foreign ministry"
  for (const g of groups) {
    // "According to Zelensky, ...": the source, though it follows a preposition
    if (toks[g.start - 1]?.lower === 'to' && toks[g.start - 2]?.lower === 'according') return g;
    if (g.slot === 'oblique' || g.slot === 'modifier') continue;
    let after = g.end;
    // "Niger's junta leader, General Abdourahamane Tiani, said": past an apposition
    if (toks[after]?.text === ',') {
      const close = toks.findIndex((x, k) => k > after && x.text === ',');
      if (close > 0 && close - after <= 8) after = close + 1;
    }
    const next = toks[g.end];
    const prev = toks[g.start - 1];
    const prev2 = toks[g.start - 2];
    if (next && (lx.speechVerbs.has(next.lemma) || lx.speechVerbs.has(next.lower))) return g;
    // "The paper quotes Jordan's foreign minister as telling ...", "quoted an official as saying": the one quoted speaks
    if (next?.lower === 'as' && toks[g.end + 1]?.pos === 'VERB' && /ing$/.test(toks[g.end + 1].lower) && lx.speechVerbs.has(toks[g.end + 1].lemma) && toks.slice(Math.max(0, g.start - 4), g.start).some((t) => t.lemma === 'quote' || t.lemma === 'cite')) return g;
    const late = toks[after];
    if (after > g.end && late && late.pos === 'VERB' && lx.speechVerbs.has(late.lemma)) return g;
    // ("He said Argentina should ...": a verb with a subject of its own before it reports the name after it)
    if (prev && (lx.speechVerbs.has(prev.lemma) && prev.pos === 'VERB') && !(prev2 && prev2.pos === 'PRON' && PRONOUN_SUBJECT.has(prev2.lower))) return g;
    if (prev && prev2 && prev2.lower === 'according' && prev.lower === 'to') return g;
  }
  return null;
}

const ISSUING = /\b(?:adopted|issued|agreed|approved|endorsed) by\b|\bcommuniqu[eé]\b|\bdeclaration\b|\bresolution\b|^We\s*,\s+the\s/i;
/** the body named where the text introduces the document ("the decision ... adopted by the Assembly of the African Union"): its last organisation, else its last actor */
function issuerOf(intro: string): ActorNP | null {
  let found: ActorNP | null = null;
  for (const para of intro.split('\n')) {
    if (!ISSUING.test(para)) continue;
    for (const toks of sentencesOf(para, 0)) {
      if (!ISSUING.test(toks.map((t) => t.text).join(' '))) continue;
      const members = findActors(toks, () => false).flatMap((g) => g.members).filter((m) => m.code);
      const org = members.filter((m) => m.kinds.includes('org'));
      found = org[org.length - 1] ?? members[members.length - 1] ?? found;
    }
  }
  return found ? { ...found, start: 0, end: 0 } : null;
}

const SIGNATORIES = new Set(['leaders', 'ministers', 'governments', 'heads', 'presidents', 'representatives', 'members', 'participants', 'signatories', 'states', 'countries', 'delegations', 'premiers', 'chancellors']);
const PAIR_SUBJECT = new Set(['leaders', 'sides', 'ministers', 'governments', 'countries', 'presidents', 'delegations', 'premiers']);
/**
 * Joint texts and readouts speak for several actors at once. "We, the foreign ministers of Barbados, Canada and
 * Ghana, reaffirm ...": "we" is the signatories named in the apposition, here and in the later sentences of the text.
 * "The two leaders called on X" (a readout of a call or meeting): the last two countries that spoke.
 */
function collectiveSubject(toks: Token[], groups: ActorGroup[], discourse: Discourse): { group: ActorGroup; start: number; end: number } | null {
  const group = (at: number, members: ActorNP[]): ActorGroup => ({ members: members.map((m) => ({ ...m, start: at, end: at + 1 })), start: at, end: at + 1, slot: 'subject', prep: null, head: -1 });
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (insideQuote(toks, k)) continue;
    if (t.lower === 'we' && (k === 0 || toks[k - 1].text === ',' || toks[k - 1].lower === 'and' || toks[k - 1].lower === 'that')) {
      // the apposition that names the signatories: "We, the ... of A, B and C,"
      if (toks[k + 1]?.text === ',' && toks[k + 2]?.lower === 'the' && SIGNATORIES.has(toks[k + 3]?.lower ?? '') || (toks[k + 1]?.text === ',' && toks[k + 2]?.lower === 'the' && SIGNATORIES.has(toks[k + 4]?.lower ?? ''))) {
        let end = k + 3;
        while (end < toks.length && !(toks[end].text === ',' && !groups.some((g) => g.start === end + 1 || (g.start < end && g.end > end + 1)) && toks[end + 1]?.lower !== 'and' && toks[end + 1]?.lower !== 'the')) end++;
        const members = groups.filter((g) => g.start > k && g.end <= end).flatMap((g) => g.members).filter((m) => m.code);
        const codes = new Set(members.map((m) => m.code));
        if (codes.size >= 2) {
          discourse.collective = members.filter((m, i) => members.findIndex((x) => x.code === m.code) === i);
          return { group: group(k, discourse.collective), start: k, end: end + 1 };
        }
      }
      if (discourse.collective && !groups.some((g) => g.slot === 'subject' && g.start < k)) return { group: group(k, discourse.collective), start: k, end: k + 1 };
      continue;
    }
    // "Their defence ministers have warned", "The three countries reject": a plural description of the countries named
    // together before, in this sentence or the last one that listed several
    const plural = pluralAnaphor(toks, k);
    if (plural) {
      const before = groups.filter((g) => g.end <= k && g.slot !== 'oblique' && distinctCountries(g.members).length >= 2);
      const antecedent = before.length ? distinctCountries(before[before.length - 1].members) : discourse.lastPlural ?? null;
      if (antecedent && (!plural.size || plural.size === antecedent.length) && !groups.some((g) => g.start <= k && g.end > k)) {
        return { group: { ...group(k, antecedent), end: plural.end }, start: k, end: plural.end };
      }
    }
    // "The two leaders", "both sides" opening a clause
    const pair = (t.lower === 'two' && toks[k - 1]?.lower === 'the') || t.lower === 'both';
    if (pair && PAIR_SUBJECT.has(toks[k + 1]?.lower ?? '') && (k <= 1 || toks[k - 2]?.text === ',' || toks[k - 1]?.text === ',') && (discourse.recent?.length ?? 0) >= 2) {
      const codes = discourse.recent!.slice(-2);
      const members: ActorNP[] = codes.map((code) => ({ start: k, end: k + 2, code, role: null, kinds: ['country'], govNoun: false }));
      return { group: { ...group(k, members), end: k + 2 }, start: k, end: k + 2 };
    }
  }
  return null;
}

const PLURAL_GOV = new Set(['ministers', 'governments', 'leaders', 'militaries', 'armies', 'presidents', 'parliaments', 'officials', 'diplomats', 'juntas', 'envoys', 'ambassadors', 'authorities', 'capitals']);
const PLURAL_STATES = new Set(['countries', 'states', 'nations', 'governments', 'juntas', 'neighbours', 'neighbors', 'capitals', 'allies', 'members']);
const COUNT_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, both: 2 };
/** "Their defence ministers", "The three countries", "These countries", "Both governments" opening a clause: the description's end and number */
function pluralAnaphor(toks: Token[], k: number): { end: number; size: number | null } | null {
  const prev = toks[k - 1];
  if (k > 0 && !(prev && ([',', ':', ';', 'and', 'but', '-', '–', '—'].includes(prev.lower) || QUOTES.has(prev.text)))) return null;
  const t = toks[k].lower;
  if (t === 'their') {
    // "Their defence ministers", "their foreign ministers", "their governments"
    let j = k + 1;
    while (j < k + 3 && toks[j] && (toks[j].pos === 'ADJ' || toks[j].pos === 'NOUN' || toks[j].pos === 'PROPN') && !PLURAL_GOV.has(toks[j].lower)) j++;
    if (!toks[j] || !PLURAL_GOV.has(toks[j].lower)) return null;
    return { end: j + 1, size: null };
  }
  if (t === 'the' || t === 'these' || t === 'both' || t === 'all') {
    let j = k + 1;
    let size: number | null = null;
    if (t === 'both') size = 2;
    if (toks[j] && COUNT_WORDS[toks[j].lower] !== undefined && toks[j].lower !== 'both') size = COUNT_WORDS[toks[j++].lower];
    // "the three countries", "these countries", "both governments"; a bare "the countries" is too vague
    if (t === 'the' && size === null) return null;
    if (t === 'all' && size === null) return null;
    if (toks[j] && (toks[j].pos === 'ADJ') && !PLURAL_STATES.has(toks[j].lower)) j++;
    if (!toks[j] || !PLURAL_STATES.has(toks[j].lower)) return null;
    return { end: j + 1, size };
  }
  return null;
}

function distinctCountries(members: ActorNP[]): ActorNP[] {
  const out: ActorNP[] = [];
  for (const m of members) if (m.code && isCountry(m) && !out.some((x) => x.code === m.code)) out.push(m);
  return out;
}

/** The countries a sentence names together (not as a destination): who a later "their ministers" or "the three countries" are */
function trackPlural(groups: ActorGroup[], discourse: Discourse): void {
  for (const g of groups) {
    if (g.slot === 'oblique') continue;
    const c = distinctCountries(g.members);
    if (c.length >= 2) discourse.lastPlural = c;
  }
}

/** "The Prime Minister of Canada and the Prime Minister of Denmark ... issued the following joint statement": "we" from now on */
function jointAuthors(toks: Token[], discourse: Discourse): void {
  const members = findActors(toks, () => false, discourse.people).flatMap((g) => g.members).filter((m) => m.code);
  const distinct = members.filter((m, i) => members.findIndex((x) => x.code === m.code) === i);
  if (distinct.length >= 2) discourse.collective = distinct;
}

/** "the bloc": the organisation named before it in the sentence, else the article's last; "the Commission": whose organ it was */
function resolveOrgs(groups: ActorGroup[], discourse: Discourse): void {
  const notBloc = new Set(lexicon().notBloc);
  let lastOrg = discourse.lastOrg ?? null;
  const owner = (discourse.organOwner ??= new Map());
  for (const g of groups) {
    for (const m of g.members) {
      if (m.orgAnaphor) {
        if (lastOrg) m.code = lastOrg;
        continue;
      }
      if (m.bareOrgan && owner.has(m.bareOrgan)) m.code = owner.get(m.bareOrgan)!;
      // "Special Representative Jane Roe": the organisation the article named last, else the UN's
      else if (m.bareOrgan && !m.code && m.kinds.includes('person')) m.code = discourse.lastBody ?? 'UN';
      if (m.organ && m.code) owner.set(m.organ, m.code);
      if (m.code && m.kinds.includes('org') && !notBloc.has(m.code)) lastOrg = m.code;
      if (m.code && m.kinds.includes('org')) discourse.lastBody = m.code;
    }
  }
  discourse.lastOrg = lastOrg;
}

function trackOrgs(groups: ActorGroup[], discourse: Discourse): void {
  resolveOrgs(groups, discourse);
}

/**
 * "Speaking on behalf of the European Union, the representative of Denmark said ...", "Denmark, speaking on behalf of the
 * Nordic countries, said": the one spoken for states the position, not its spokesperson. The subject nearest the
 * phrase takes its actors.
 */
function onBehalfOf(toks: Token[], groups: ActorGroup[]): void {
  for (const g of groups) {
    if (g.slot !== 'oblique' || g.prep !== 'of' || toks[g.start - 2]?.lower !== 'behalf' && !(toks[g.start - 1]?.lower === 'the' && toks[g.start - 3]?.lower === 'behalf')) continue;
    const at = toks[g.start - 1]?.lower === 'the' ? g.start - 3 : g.start - 2;
    if (toks[at - 1]?.lower !== 'on') continue;
    const spokes = g.members.filter((m) => m.code);
    if (!spokes.length) continue;
    let best: ActorGroup | null = null;
    for (const s of groups) {
      if (s.slot !== 'subject' || s === g) continue;
      const d = s.start > g.end ? s.start - g.end : at - s.end;
      if (d < 0 || d > 12) continue;
      // the clause the phrase sits in: no full stop or semicolon between
      const [a, b] = s.start > g.end ? [g.end, s.start] : [s.end, at];
      if (toks.slice(a, b).some((t) => t.text === ';')) continue;
      if (!best || d < (best.start > g.end ? best.start - g.end : at - best.end)) best = s;
    }
    if (best) best.members = spokes.map((m) => ({ ...m, start: best!.start, end: best!.end }));
  }
}

function pseudoGroup(a: { code: string; role: string | null }): ActorGroup {
  return { members: [{ start: 0, end: 0, code: a.code, role: a.role, kinds: ['country'], govNoun: false }], start: 0, end: 0, slot: 'subject', prep: null, head: -1 };
}

/** a country, not an organisation (UN and EU have two-letter codes too) */
function isCountry(m: ActorNP): boolean {
  return !!m.code && m.code.length === 2 && !m.kinds.includes('org') && m.code !== 'UN' && m.code !== 'EU';
}

/**
 * "In Seoul, the unification minister said ...", "For The Bahamas, Prime Minister Philip Davis confirmed that his
 * country ...": a sentence framed by a capital or country is about that country
 */
function placeFrame(toks: Token[], groups: ActorGroup[], discourse: Discourse): void {
  const g = groups[0];
  if (!g || (toks[0]?.lower !== 'in' && toks[0]?.lower !== 'for') || !(g.start === 1 || (g.start === 2 && toks[1].lower === 'the')) || toks[g.end]?.text !== ',' || g.members.length !== 1) return;
  const m = g.members[0];
  if (m.code && isCountry(m) && m.kinds.every((k) => k === 'capital' || k === 'country')) {
    discourse.lastCountry = m.code;
    discourse.frame = { code: m.code, paragraph: discourse.paragraph };
  }
}

function resolveRole(m: ActorNP, groups: ActorGroup[], discourse: Discourse, answering: string | null = null, toks?: Token[]): ActorNP {
  if (m.code) return m;
  // "the Defence Secretary" said again later in the article is the same office holder
  const key = m.anaphor === 'definite' && toks ? toks.slice(m.start + 1, m.end).map((t) => t.lower).join(' ') : null;
  // "the defence secretary in Washington", "the foreign minister in Nairobi": the office of the place it sits in
  if (m.anaphor === 'definite' && toks && toks[m.end]?.lower === 'in') {
    const seat = groups.find((g) => g.start === m.end + 1 && g.members.length === 1 && g.members[0].kinds.every((k) => k === 'capital' || k === 'country'))?.members[0];
    if (seat?.code && isCountry(seat)) return { ...m, code: seat.code };
  }
  if (key && !answering && discourse.definites?.has(key)) return { ...m, code: discourse.definites.get(key)! };
  if (m.anaphor) {
    // "Petro said his country would ...": the possessor is the nearest actor named before; "the government": the actor under discussion
    // governments, ministries and countries belong to countries, not to organisations
    const before = groups.filter((g) => g.slot === 'subject' || g.slot === 'possessor').flatMap((g) => g.members).filter((x) => isCountry(x) && x.end <= m.start && x !== m);
    const near = m.anaphor === 'possessive' && before.length ? before[before.length - 1].code : null;
    // a target ("send troops to Latvia") is never the one who speaks
    const inSentence = groups.filter((g) => g.slot !== 'oblique').flatMap((g) => g.members).find((x) => isCountry(x) && x !== m)?.code ?? null;
    // "The Minister called on ...", in a release of Poland's defence ministry: Poland's minister
    const issuer = m.anaphor === 'definite' ? discourse.releaseIssuer ?? null : null;
    // "Colombia — Foreign Ministry: ... The foreign ministry demanded ...": a table row's or list line's lead actor
    const rowLead = toks ? groups.find((g) => g.start <= 1 && [':', '—', '–'].includes(toks[g.end]?.text ?? ''))?.members.find((x) => isCountry(x))?.code ?? null : null;
    const code = near ?? answering ?? rowLead ?? issuer ?? discourse.lastCountry ?? inSentence;
    if (key && code && !answering) (discourse.definites ??= new Map()).set(key, code);
    return { ...m, code };
  }
  // "the opposition Left Alliance said", "An opposition coalition in Kinshasa": a name no lexicon knows belongs to the
  // place it is put in, else to the country the text frames or is about; a country the sentence names as object or
  // target ("criticised the Ukrainian request") is not its own
  if (m.named && toks) {
    // "In Warsaw, the opposition ...": the place framing the sentence
    const lead = toks[0]?.lower === 'in' ? groups.find((g) => (g.start === 1 || (g.start === 2 && toks[1].lower === 'the')) && toks[g.end]?.text === ',') : undefined;
    const frame = lead?.members.find((x) => isCountry(x))?.code ?? null;
    const place = toks[m.end]?.lower === 'in' ? groups.find((g) => g.start === m.end + 1 || (g.start === m.end + 2 && toks[m.end + 1].lower === 'the')) : undefined;
    const code = place?.members.find((x) => isCountry(x))?.code ?? frame ?? (discourse.frame?.paragraph === discourse.paragraph ? discourse.frame.code : null) ?? answering ?? discourse.home ?? discourse.lastCountry ?? null;
    return { ...m, code };
  }
  // "opposition parties" belong to the country named in the sentence, else the one under discussion
  // ("backed a force \"with Egypt in the lead\"": not a country the sentence names only as an object of a preposition)
  // ("an opposition coalition in Kinshasa": the place it sits in is its country)
  const seat = groups.find((g) => g.slot === 'oblique' && (g.prep === 'in' || g.prep === 'from') && (g.start === m.end + 1 || (g.start === m.end + 2 && toks?.[m.end + 1]?.lower === 'the')));
  const country = (seat ? [seat] : groups.filter((g) => g.slot !== 'oblique')).flatMap((g) => g.members).find((x) => x.code && x.code.length === 2 && x !== m);
  const code = country?.code ?? answering ?? discourse.last?.code ?? discourse.lastCountry ?? null;
  return { ...m, code };
}

const INSTITUTION_HEADS = /^(?:ministry|embassy|government|office|mission|administration|cabinet|presidency|parliament|council|committee|command|authorities|junta|delegation|secretariat|commission)$/;
/** "Russia's embassy", "the Kremlin", "the defence ministry": an institution, which "it" can take up (not a person) */
function institutional(toks: Token[], m: ActorNP): boolean {
  if (m.kinds.includes('institution')) return true;
  return m.govNoun && m.end > m.start && INSTITUTION_HEADS.test(toks[m.end - 1]?.lower ?? '');
}

function updateDiscourse(toks: Token[], s: Sentence, discourse: Discourse, subj?: ActorGroup | null, keepLast = false) {
  void toks;
  void s;
  for (const x of subj?.members ?? []) {
    if (!x.code || !isCountry(x)) continue;
    discourse.recent = (discourse.recent ?? []).filter((c) => c !== x.code).concat([x.code]).slice(-4);
  }
  const m = subj?.members.find((x) => x.code);
  if (m && m.code && !keepLast) discourse.last = { code: m.code, role: m.role };
  discourse.lastBody2 = m && m.code && subj && subj.start <= 1 && institutional(toks, m) ? { actor: { code: m.code, role: m.role }, sentence: discourse.sentenceNo ?? 0 } : null;
  if (m && isCountry(m)) discourse.lastCountry = m.code;
}

function assetsOf(toks: Token[], from: number, to: number): Asset[] {
  const lx = lexicon();
  const out: Asset[] = [];
  for (let i = from; i < to; i++) {
    const best = matchAtAsset(toks, i);
    if (best) {
      if (!out.includes(best.value.asset)) out.push(best.value.asset);
      i = best.end - 1;
    }
  }
  void lx;
  return out;
}

function matchAtAsset(toks: Token[], i: number) {
  const lx = lexicon();
  // "the use of force", "by force": violence, not a body of troops
  if (toks[i].lower === 'force' && ['of', 'by'].includes(toks[i - 1]?.lower ?? '')) return null;
  const keys = [toks[i].lower, toks[i].lemma];
  let best: { end: number; value: { asset: Asset; unit: string | null } } | null = null;
  for (const key of keys)
    for (const ph of lx.assets.candidates(key)) {
      const end = walk(ph.tokens, toks, i, 0);
      if (end > 0 && (!best || end > best.end)) best = { end, value: ph.value };
    }
  return best;
}

const PARTICIPLE_NEXT = new Set(['by', 'to', 'for', 'in', 'with', 'under', 'through', 'at', 'on', 'via', 'from', 'since', 'so', '.', ',']);
const CONDITION_START = new Set(['if', 'once', 'unless', 'provided', 'providing', 'without', 'sans', 'after', 'only', 'when', 'upon', 'until']);

function conditionsOf(toks: Token[], cl: { start: number; end: number }, s: Sentence): Condition[] {
  const lx = lexicon();
  const out: Condition[] = [];
  for (let i = cl.start; i < cl.end; i++) {
    const w = toks[i].lower;
    const inEventOf = w === 'in' && toks[i + 1]?.lower === 'the' && toks[i + 2]?.lower === 'event';
    if (!CONDITION_START.has(w) && !inEventOf && !(w === 'as' && toks[i + 1]?.lower === 'long')) continue;
    if (w === 'after' && toks[i + 1]?.pos === 'VERB') continue;
    // "is providing a frigate", "the support provided by Norway": the verb, not "provided that"
    if (w === 'providing' && toks[i + 1]?.lower !== 'that' && !(i === cl.start || [',', 'but', 'and', 'only', '—', '–'].includes(toks[i - 1]?.lower ?? ''))) continue;
    if (w === 'provided' && (PARTICIPLE_NEXT.has(toks[i + 1]?.lower ?? '') || AUXILIARIES.has(toks[i - 1]?.lower ?? '') || toks[i - 1]?.lemma === 'be' || toks[i - 1]?.lemma === 'have')) continue;
    let j = i + 1;
    while (j < cl.end && !(toks[j].text === ',' && j - i > 2) && toks[j].text !== '.' && toks[j].text !== ';') j++;
    let kind: ConditionKind | null = null;
    for (let k = i; k < j && !kind; k++) {
      const keys = [toks[k].lower, toks[k].lemma];
      for (const key of keys)
        for (const ph of lx.conditionKinds.candidates(key)) if (walk(ph.tokens, toks, k, 0) > 0) { kind = ph.value as ConditionKind; break; }
    }
    if (!kind && (w === 'after' || w === 'when' || w === 'without')) continue;
    out.push({ text: s.text.slice(toks[i].start - s.start, toks[j - 1].end - s.start), kind: kind ?? 'other' });
    i = j;
  }
  return out;
}

function build(s: Sentence, cl: Clause, toks: Token[], cand: Candidate, member: ActorNP, groups: ActorGroup[], datesOf: () => { value: string; index: number }[], publishedOn: string | null): ExtractedEvent {
  const dates = datesOf();
  void publishedOn;
  let type = cand.type;
  const conditions = conditionsOf(toks, cl, s);
  // a demand for a UN mandate or a parliamentary vote is the price of support: a condition
  if ((type === 'demand-made' || type === 'opposition-expressed') && conditions.length === 0) {
    // the demanded thing may follow a colon: "converged on one critical demand: that ... a UN mandate"
    const found = findKind(toks, cand.cue.start, toks.length);
    // "insists on X, rejecting UN-mandated forces": the mandate is what is rejected, not demanded
    // ("agree on funding before the mandate expires": the mandate's term, a deadline, not a mandate demanded)
    // ("a decision before the end of the current mandate")
    const term = !!found && (toks.slice(Math.max(0, found.at - 6), found.at).some((t) => ['before', 'after', 'until', 'when'].includes(t.lower)) || ['expire', 'end', 'run', 'lapse'].includes(toks[found.at + 1]?.lemma ?? ''));
    const mandate = found && !term && !toks.slice(cand.cue.end, found.at).some((t) => ['reject', 'oppose', 'dismiss', 'refuse'].includes(t.lemma)) ? found : null;
    const without = toks.findIndex((t, k) => k > cand.cue.start && k < cl.end && (t.lower === 'without' || t.lower === 'sans'));
    // "called on the Security Council to impose sanctions and to make the mandate's renewal conditional": what an addressee
    // is asked to do with a mandate is the demand itself, not the actor's price
    // ("urged the council to renew the mandate": the mandate's renewal is what is demanded)
    // ("asked the council to \"treat helicopters and fuel as mandate issues\"": the mandate sits inside what is asked)
    const insideAsk = !!mandate && toks.slice(cand.cue.end, mandate.at).some((t, k, arr) => t.lower === 'to' && arr[k + 1]?.pos === 'VERB' || (QUOTES.has(arr[k + 1]?.text ?? '') && t.lower === 'to'));
    const addressed = insideAsk || (groups.some((g) => g !== cand.group && g.start > cand.cue.start && g.start <= cand.cue.end + 2 && toks[g.end]?.lower === 'to') && mandate && mandate.at - cand.cue.end > 8) || (!!mandate && toks.slice(Math.max(0, mandate.at - 3), mandate.at).some((t) => MANDATE_ACTIONS.has(t.lemma)));
    if (mandate && type === 'demand-made' && !addressed) {
      type = 'condition-set';
      conditions.push({ text: mandate.text, kind: mandate.kind });
    } else if (type === 'opposition-expressed' && notBackedBy(toks, cand.cue.end, cl.end)) {
      // "would oppose any UK contribution that was not backed by a UN Security Council mandate"
      const nb = notBackedBy(toks, cand.cue.end, cl.end)!;
      type = 'condition-set';
      conditions.push({ text: s.text.slice(toks[nb.at].start - s.start, toks[nb.end - 1].end - s.start), kind: nb.kind });
    } else if (type === 'opposition-expressed' && without > 0) {
      // "would oppose deployment without a UN mandate", "rejects withdrawals sans guarantees"
      const k = anyKind(toks, without + 1, Math.min(cl.end, without + 6));
      if (k) {
        type = 'condition-set';
        conditions.push({ text: s.text.slice(toks[without].start - s.start, toks[Math.min(cl.end, without + 6) - 1].end - s.start), kind: k });
      }
    }
  // ("urged partners to agree on funding before the mandate expires": a deadline, not a price)
  // ("called for a decision before the end of the current mandate": the mandate's end is a deadline too)
  } else if (type === 'demand-made' && conditions.some((c) => (c.kind === 'un-mandate' || c.kind === 'parliament-approval') && !deadline(s.text, c.text))) type = 'condition-set';
  // "rejects withdrawals without guarantees", "would oppose it unless a ceasefire holds": the refusal has a price
  else if (type === 'opposition-expressed' && cand.how === 'subject' && conditions.some((c) => c.kind !== 'other' && /^(without|sans|unless)\b/i.test(c.text) && s.text.indexOf(c.text) > toks[cand.cue.start].start - s.start)) type = 'condition-set';
  // "will only support the loan if ...", "could accept the target, but only if ...": support at a price is a condition
  const onlyAfter = onlyClauseAfter(toks, cl);
  if (type === 'support-expressed' && cand.how !== 'possessor') {
    const onlyBefore = toks[cand.cue.start - 1]?.lower === 'only' && conditions.some((c) => /\b(?:if|when|once|with|under|after|unless)\b/i.test(c.text));
    // "... is welcome to expand its base, provided it happens in agreement with us": welcome at a price
    const proviso = conditions.find((c) => PROVISO.test(c.text) && s.text.indexOf(c.text) > toks[cand.cue.start].start - s.start);
    if (onlyBefore || proviso) type = 'condition-set';
    else if (onlyAfter) {
      type = 'condition-set';
      conditions.push({ text: onlyAfter, kind: 'other' });
    }
  }
  if (cand.cue.cat === 'condition-set' && conditions.length === 0) {
    const rest = s.text.slice(toks[cand.cue.start].start - s.start, toks[cl.end - 1].end - s.start);
    conditions.push({ text: rest, kind: findKind(toks, cand.cue.start, cl.end)?.kind ?? 'other' });
  }

  const assets = assetsOf(toks, cl.start, cl.end);
  if (cand.cue.phrase === 'train' && type.startsWith('pledge')) assets.splice(0, assets.length, 'trainers');
  // "Germany, which has a brigade in Lithuania, said ...": amounts and places in a relative clause describe the actor
  const rel = relativeMask(toks);
  const qs = findQuantities(toks, cl.start, cl.end).filter((q) => (!rel[q.start] || rel[cand.cue.start]) && ownQuantity(toks, q, cand, member, groups));
  let quantity: Quantity | null = null;
  if (type !== 'support-expressed' && type !== 'opposition-expressed' && qs.length) {
    // the amount nearest the cue, preferring one after it
    const scored = qs.map((q) => ({ q, d: q.start >= cand.cue.start ? q.start - cand.cue.start : (cand.cue.start - q.end) * 2 + 5 }));
    scored.sort((a, b) => a.d - b.d);
    // "a helicopter unit of about 100 soldiers": the number gives the size of the unit the article counts
    const sized = scored.length > 1 && scored[0].q.quantity.value === 1 ? scored.find((x) => x.q.start > scored[0].q.end && x.q.start - scored[0].q.end <= 4 && x.q.quantity.value != null && toks.slice(scored[0].q.end, x.q.start).some((t) => t.lower === 'of')) : undefined;
    if (sized) scored.unshift(sized);
    quantity = conjoined(toks, scored[0].q, qs) ?? scored[0].q.quantity;
    // "350,000 drones and £350 million in aid": a package is measured by its money, a deployment by its people
    const money = scored.find((x) => /^[A-Z]{3}$/.test(x.q.quantity.unit ?? ''));
    const deployable = new Set(['troops', 'personnel', 'police', 'trainers', 'soldiers', 'officers', 'ships', 'aircraft', 'helicopters', 'jets', 'vessels']);
    if (money && money !== scored[0] && type.startsWith('pledge') && !deployable.has(quantity.unit ?? '') && !/^[A-Z]{3}$/.test(quantity.unit ?? '')) {
      quantity = money.q.quantity;
      if (!assets.includes('money')) assets.push('money');
    }
    if (scored[0].q.asset && !assets.includes(scored[0].q.asset)) assets.push(scored[0].q.asset);
  }
  if (!quantity && type !== 'support-expressed' && type !== 'opposition-expressed') {
    const back = antecedentQuantity(toks, cl, member, groups);
    if (back) {
      quantity = back.quantity;
      if (back.asset && !assets.includes(back.asset)) assets.push(back.asset);
    }
  }
  const inClause = (g: ActorGroup) => g.start >= cl.start && g.start < cl.end;
  const targets: string[] = [];
  for (const g of groups) {
    if (!inClause(g) || g === cand.group || (rel[g.start] && !rel[cand.cue.start])) continue;
    const objectLike = g.slot === 'oblique' || (g.slot === 'possessor' && g.start > cand.cue.start) || (g.slot === 'modifier' && g.start > cand.cue.start) || (g.slot === 'other' && g.start > cand.cue.start);
    if (!objectLike) continue;
    if (g.slot === 'oblique' && !['to', 'into', 'in', 'for', 'on', 'from', 'with', 'against', 'inside'].includes(g.prep ?? '')) continue;
    for (const m of g.members) if (m.code && m.code !== member.code && !targets.includes(m.code)) targets.push(m.code);
  }
  const cueChar = toks[cand.cue.start].start - s.start;
  let statedOn: string | null = null;
  // "NAIROBI, March 12 (Wire) - ..., Ruto said on Wednesday": the dateline dates the story, the verb's date the statement
  const dl = DATELINE.exec(s.text);
  const dated = dl && dates.some((d) => d.index >= dl[0].length) ? dates.filter((d) => d.index >= dl[0].length) : dates;
  // "Guatemala, whose first contingent arrived in February, noted ...": a date inside an aside about the actor dates the aside
  // ("called on partners that had announced contributions in September", "said armed groups had twice in June fired":
  // a past perfect's date is the earlier event's, unless that event is the statement itself)
  const asides = dated.length ? [...s.text.matchAll(/,\s+(?:which|who|whose)\b[^,;]*,|\bhad\b[^,;]*/gi)].map((m) => [m.index!, m.index! + m[0].length]) : [];
  const outside = (i: number) => !asides.some(([a, b]) => i >= a && i < b && !(cueChar >= a && cueChar < b));
  const usable = dated.some((d) => outside(d.index)) ? dated.filter((d) => outside(d.index)) : [];
  // "will send soldiers after the incident last week, the Alliance confirmed on Thursday": the day of the speech act
  // is when it was stated, whatever other dates sit nearer the cue
  // — unless the cue is itself a past speech act with its own date ("pledged €100 million in April, and said on
  // Wednesday it would ...")
  const nearest = usable.slice().sort((a, b) => Math.abs(a.index - cueChar) - Math.abs(b.index - cueChar));
  const cueTok = toks[cand.cue.start];
  const ownDate = nearest.length > 0 && nearest[0].index > cueChar && nearest[0].index - cueChar <= 60 && /ed$/.test(cueTok.lower) && !/[,;]/.test(s.text.slice(cueChar, nearest[0].index));
  const spoken = ownDate ? [] : nearest.filter((d) => SPOKEN_ON.test(s.text.slice(Math.max(0, d.index - 48), d.index)));
  if (nearest.length) statedOn = (spoken.length ? spoken : nearest)[0].value;

  let confidence = 0.55;
  if (cand.how === 'subject' || cand.how === 'speaker') confidence += 0.15;
  if (cand.how === 'pronoun' || cand.how === 'inherited') confidence -= 0.05;
  if (cand.strong) confidence += 0.1;
  if (assets.length || quantity) confidence += 0.1;
  if (member.kinds.includes('capital') || member.kinds.includes('role-noun')) confidence -= 0.1;
  confidence = Math.round(Math.min(0.95, Math.max(0.2, confidence)) * 100) / 100;

  return {
    type,
    actor: member.code!,
    actorRole: member.role,
    target: targets,
    asset: assets,
    quantity,
    conditions,
    statedOn,
    evidence: s.text,
    span: { start: s.start, end: s.end },
    confidence,
    ...(DEBUG ? { debug: `${cand.cue.cat}:${cand.cue.phrase}@${cand.cue.start} via ${cand.how}` } : {}),
  };
}

/**
 * "Kyiv needed at least ten more Patriot batteries ... and urged partners to deliver the systems": a clause that names its
 * object with a definite noun ("the systems", "these troops") refers to the amount an earlier clause of the sentence gave
 * of the same thing, when no other actor is the subject in between.
 */
function antecedentQuantity(toks: Token[], cl: Clause, member: ActorNP, groups: ActorGroup[]): FoundQuantity | null {
  if (cl.start === 0) return null;
  for (let k = cl.start; k < cl.end - 1; k++) {
    if (!['the', 'these', 'those'].includes(toks[k].lower) || toks[k + 1].pos !== 'NOUN' || toks[k + 1].lemma === toks[k + 1].lower) continue;
    const noun = toks[k + 1];
    const earlier = findQuantities(toks, 0, cl.start).filter((q) => q.quantity.value != null && (q.quantity.unit === noun.lower || toks[q.end - 1].lemma === noun.lemma));
    const q = earlier[earlier.length - 1];
    if (!q) continue;
    const other = (g: ActorGroup) => g.slot === 'subject' && g.members.some((m) => m.code) && !g.members.some((m) => m.code === member.code);
    // the amount is the actor's own: the last subject before it is the actor (or there is none)
    const owner = groups.filter((g) => g.slot === 'subject' && g.start < q.start && g.members.some((m) => m.code)).pop();
    if ((owner && other(owner)) || groups.some((g) => other(g) && g.start > q.end && g.start < k)) return null;
    return q;
  }
  return null;
}

const PEOPLE_UNITS = new Set(['troops', 'personnel', 'police', 'trainers', 'soldiers', 'officers', 'sailors']);
/**
 * "a frigate and two minehunters": counts of one unit joined by "and" are one contribution (3 ships); "a frigate and 120
 * sailors": the crew's number, not the article, measures it. Null when nothing is joined to `q`.
 */
function conjoined(toks: Token[], q: FoundQuantity, qs: FoundQuantity[]): Quantity | null {
  let k = q.end;
  if (toks[k]?.text === ',') k++;
  if (toks[k]?.lower !== 'and') return null;
  const next = qs.find((x) => x.start === k + 1);
  if (!next || q.quantity.value == null || next.quantity.value == null) return null;
  if (next.quantity.unit === q.quantity.unit) return { value: q.quantity.value + next.quantity.value, unit: q.quantity.unit, text: `${q.quantity.text} and ${next.quantity.text}` };
  if (q.quantity.value === 1 && ONE_WORDS.has(toks[q.start].lower) && PEOPLE_UNITS.has(next.quantity.unit ?? '') && !PEOPLE_UNITS.has(q.quantity.unit ?? '')) return next.quantity;
  return null;
}
const ONE_WORDS = new Set(['a', 'an']);

// "a combined 600 troops", "600 troops in total", "between them": a total shared by several actors is none of theirs
const TOTAL_BEFORE = new Set(['total', 'combined', 'joint']);
const TOTAL_AFTER = /^(?:in total|in all|combined|together|between them|altogether)\b/i;
/**
 * Whether quantity `q` belongs to the event's actor: not when another actor is the subject of the words between the
 * cue and it ("Britain and France will lead the force, and the UK would contribute up to 7,500 troops": not France's),
 * nor when the actor is one of several sharing a total ("Turkey and Romania will provide ... around 600 troops in total").
 */
function ownQuantity(toks: Token[], q: FoundQuantity, cand: Candidate, member: ActorNP, groups: ActorGroup[]): boolean {
  const cueEnd = cand.cue.end;
  if (q.start >= cueEnd && groups.some((g) => g !== cand.group && g.slot === 'subject' && g.start >= cueEnd && g.start < q.start && g.members.some((m) => m.code) && !g.members.some((m) => m.code === member.code))) return false;
  if (cand.group.members.filter((m) => m.code).length >= 2) {
    if (TOTAL_BEFORE.has(toks[q.start - 1]?.lower ?? '') || (toks[q.start - 1]?.lower === 'of' && toks[q.start - 2]?.lower === 'total')) return false;
    const after = toks.slice(q.end, q.end + 3).map((t) => t.lower).join(' ');
    if (TOTAL_AFTER.test(after)) return false;
  }
  return true;
}

const SPOKEN_ON = new RegExp(`\\b(?:${SPEECH_ACT_FORMS}|tweeted|repeated|reiterated|in a statement|in an interview)\\b(?:\\s+[^\\s,.;]+){0,5}?\\s+(?:(?:late|early)\\s+)?(?:on\\s+)?$`, 'i');
const DATELINE = /^[\p{Lu}][\p{Lu} .,'\/-]{2,40},?\s+\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?\s*(?:\([^)]{1,30}\))?\s*[-–—]/u;

/** the clause after this one is ", but only if ..." / "but only with ...": its text */
function onlyClauseAfter(toks: Token[], cl: Clause): string | null {
  let k = cl.end;
  if (toks[k]?.text === ',' ) k++;
  if (toks[k]?.lower === 'but') k++;
  if (k === cl.end || toks[k]?.lower !== 'only' || !['if', 'when', 'once', 'with', 'under', 'after', 'provided'].includes(toks[k + 1]?.lower ?? '')) return null;
  let j = k + 2;
  while (j < toks.length && !['.', ';'].includes(toks[j].text)) j++;
  return toks.slice(k, j).map((t) => t.text).join(' ');
}

function findKind(toks: Token[], from: number, to: number): { kind: ConditionKind; text: string; at: number } | null {
  const lx = lexicon();
  for (let k = from; k < to; k++) {
    for (const key of [toks[k].lower, toks[k].lemma])
      for (const ph of lx.conditionKinds.candidates(key)) {
        const end = walk(ph.tokens, toks, k, 0);
        if (end > 0 && (ph.value === 'un-mandate' || ph.value === 'parliament-approval')) {
          return { kind: ph.value as ConditionKind, text: toks.slice(Math.max(from, k - 2), end).map((t) => t.text).join(' '), at: k };
        }
      }
  }
  return null;
}

/** "that was not backed by a clear UN mandate", "that does not have parliamentary approval" */
function notBackedBy(toks: Token[], from: number, to: number): { at: number; end: number; kind: ConditionKind } | null {
  for (let k = from; k < to - 1; k++) {
    if (toks[k].lower !== 'not' && toks[k].lower !== "n't") continue;
    if (!/^(backed|approved|authori[sz]ed|mandated|endorsed|sanctioned|based|covered|have|has|had)$/.test(toks[k + 1].lower)) continue;
    const end = Math.min(to, k + 12);
    const kind = anyKind(toks, k + 2, end);
    if (kind && kind !== 'peace-agreement' && kind !== 'ceasefire') return { at: k, end, kind };
  }
  return null;
}

function anyKind(toks: Token[], from: number, to: number): ConditionKind | null {
  const lx = lexicon();
  for (let k = from; k < to; k++)
    for (const key of [toks[k].lower, toks[k].lemma]) for (const ph of lx.conditionKinds.candidates(key)) if (walk(ph.tokens, toks, k, 0) > 0) return ph.value as ConditionKind;
  return null;
}

/** The same actor and type restated elsewhere in the article shares its date ("lead and quote"). */
function propagateDates(events: ExtractedEvent[]): void {
  for (const e of events) {
    if (e.statedOn) continue;
    const qv = e.quantity?.value ?? null;
    // "... will send up to 100 troops, the minister said on Wednesday. \"We are ready to contribute,\" she told reporters."
    const donors = events.filter((d) => d !== e && d.statedOn && d.actor === e.actor && d.type === e.type && ((d.quantity?.value ?? null) === qv || qv === null));
    if (donors.length) e.statedOn = donors.sort((a, b) => Math.abs(a.span.start - e.span.start) - Math.abs(b.span.start - e.span.start))[0].statedOn;
  }
}

/**
 * A lead that states a pledge without its amount takes the amount the article gives right after: "The United States and
 * Canada pledged fresh money on Wednesday ... Washington will provide $60 million ..."; "Austria is considering increasing
 * its contingent. ... Austria could send an additional 100 soldiers". The restatement is the same actor's next event of the
 * same type, at most two paragraphs on, whose amount is of the asset the lead names (if it names one).
 */
function propagateQuantities(events: ExtractedEvent[], clean: string): void {
  const byStart = events.slice().sort((a, b) => a.span.start - b.span.start);
  for (const e of byStart) {
    if (e.quantity || !e.type.startsWith('pledge')) continue;
    const next = byStart.find((d) => d.span.start > e.span.start && d.actor === e.actor && d.actorRole === e.actorRole && d.type === e.type);
    if (!next?.quantity || next.quantity.value == null) continue;
    if (paragraphsBetween(clean, e.span.end, next.span.start) > 2 && !keyPoint(clean, e.span.start)) continue;
    const unit = next.quantity.unit ?? '';
    const qAsset: Asset | null = /^[A-Z]{3}$/.test(unit) ? 'money' : (next.asset[0] ?? null);
    if (e.asset.length && qAsset && !e.asset.includes(qAsset)) continue;
    // "pledged fresh money" is not measured in troops, nor "will send forces" in dollars
    if (e.asset.includes('money') !== (qAsset === 'money') && e.asset.length) continue;
    e.quantity = next.quantity;
    if (qAsset && !e.asset.includes(qAsset)) e.asset.push(qAsset);
  }
}

// "Key points", "What we know": the heading of a list that sums up the posts or paragraphs below it
const KEY_POINTS_HEADING = /^(?:key (?:points|events|developments|updates|facts)|what we know(?: so far)?|the latest|summary|at a glance|in brief|highlights)\s*:?$/i;
/** Whether `at` is in a bullet of a summary list ("Key points" followed by "- ..." lines), which restates what comes later. */
function keyPoint(clean: string, at: number): boolean {
  const lines = clean.slice(0, at).split('\n');
  const own = lines[lines.length - 1];
  if (!/^\s*[-*•–]\s/.test(own)) return false;
  for (let k = lines.length - 2; k >= Math.max(0, lines.length - 12); k--) {
    const l = lines[k].trim();
    if (KEY_POINTS_HEADING.test(l)) return true;
    if (l && !/^[-*•–]\s/.test(l)) return false;
  }
  return false;
}

function paragraphsBetween(clean: string, from: number, to: number): number {
  let n = 0;
  for (const line of clean.slice(from, to).split('\n').slice(1)) if (line.trim()) n++;
  return n;
}

const ISSUING_BODY = /\b(?:Ministry|Ministries|Government|Office of the|Department of|Presidency|Embassy|Permanent Mission|Chancellery|Cabinet Office)\b/;
const RELEASE_TITLE = /^(?:readout|statement|joint statement|press release|news release|media release|communiqu[eé]|press statement)\b/i;
/**
 * The country that issues a release or readout: its letterhead ("Ministry of National Defence of the Republic of
 * Poland", "Government of Ghana", "Embassy of Japan"), in the lines before the first paragraph of prose or in a
 * release's title ("Communiqué of the Government of the Republic of Chad"), naming one country. Null otherwise.
 */
// "HELSINKI - ", "WASHINGTON (Reuters) - ", "NAIROBI, March 12 (Wire) - ": a place in capitals opening the story
const DATELINE_PLACE = /^(\p{Lu}[\p{Lu} .'’-]{2,30}?)(?:,[^–—\n]{0,40}?)?\s*(?:\([^)]{1,30}\))?\s+[-–—]\s/u;
/**
 * The country a story is told from: the capital or country of its dateline, else the first country its title names
 * not as a place or target. What a domestic actor the lexicon does not know ("the opposition Left Alliance")
 * belongs to when the sentence frames no other.
 */
// "Port-au-Prince, February 27, 2026 – ": a place in any case before the date of the dateline
const DATED_PLACE = /^(\p{Lu}[\p{L} .'’-]{2,30}?),\s+\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?\s*(?:\([^)]{1,30}\))?\s*[-–—]\s/u;
function homeCountry(clean: string, title: string | null): string | null {
  const first = (text: string, slots: Slot[]) => {
    for (const toks of sentencesOf(text, 0)) for (const g of findActors(toks, (i) => toks[i]?.pos === 'VERB' || toks[i]?.pos === 'AUX' || AUX_LIKE.has(toks[i]?.lower ?? ''))) {
      if (!slots.includes(g.slot)) continue;
      const m = g.members.find((x) => isCountry(x) && x.kinds.some((k) => k === 'country' || k === 'capital' || k === 'demonym'));
      if (m) return m.code;
    }
    return null;
  };
  for (const line of clean.split('\n').slice(0, 12)) {
    const d = DATELINE_PLACE.exec(line.trim()) ?? DATED_PLACE.exec(line.trim());
    if (!d) continue;
    const place = d[1].trim().replace(/\p{Lu}+/gu, (w) => w[0] + w.slice(1).toLowerCase());
    const code = first(place, ['subject', 'other', 'modifier']);
    if (code) return code;
  }
  return title ? first(title, ['subject', 'possessor', 'modifier', 'other']) : null;
}

const OPINION_MARK = /\b(?:opinion|op-ed|guest essay|guest column|commentary|viewpoint|comment is free)\b/i;
// "Pieter Vandamme is Belgium's Minister of Defence.", "The writer is the foreign minister of Estonia."
const AUTHOR_NOTE = /^(?:[\p{Lu}][\p{L}'’.-]+(?:\s+[\p{Lu}][\p{L}'’.-]+){0,3}|The (?:author|writer))\s+is\s+(.{4,90}?)\.?$/u;
/**
 * The office holder who wrote an opinion piece: a page marked as opinion (in its title or first lines) whose author note,
 * at its end or under its byline, says which country's office the author holds.
 */
function opinionAuthor(clean: string, title: string | null): { code: string; role: string | null } | null {
  const lines = clean.split('\n').map((l) => l.trim()).filter(Boolean);
  if (!(title && OPINION_MARK.test(title)) && !lines.slice(0, 6).some((l) => l.split(/\s+/).length <= 8 && OPINION_MARK.test(l))) return null;
  for (const line of [...lines.slice(-8), ...lines.slice(0, 6)]) {
    const note = AUTHOR_NOTE.exec(line);
    if (!note || !OFFICE_WORD.test(note[1])) continue;
    for (const toks of sentencesOf(note[1], 0)) {
      const m = findActors(toks, () => false).flatMap((g) => g.members).find((x) => x.code && isCountry(x));
      if (m) return { code: m.code!, role: m.role };
    }
  }
  return null;
}

function releaseIssuer(clean: string, title: string | null): string | null {
  const lines = [...(title && RELEASE_TITLE.test(title) ? [title] : [])];
  for (const line of clean.split('\n').slice(0, 12)) {
    const t = line.trim();
    if (t.split(/\s+/).length >= 20) break;
    if (t) lines.push(t);
  }
  for (const line of lines) {
    if (!ISSUING_BODY.test(line)) continue;
    const codes = new Set<string>();
    for (const toks of sentencesOf(line, 0)) for (const m of findActors(toks, () => false).flatMap((g) => g.members)) if (m.code && isCountry(m)) codes.add(m.code);
    if (codes.size === 1) return [...codes][0];
  }
  return null;
}

const HEADING_GLUE = new Set(['and', '&', ',', 'the', ':', '-', '–', '—', '*', 'itself', 'themselves']);
const SMALL_WORDS = new Set(['and', 'of', 'the', 'for', 'on', 'in']);
/**
 * The actors a heading names, when it names nothing else: "Indonesia", "Russia and China", "UNITED STATES",
 * "AUSTRALIA AND CANADA", "ASEAN", "Palestinian Authority". "Where each country stands" or "CONTRIBUTORS" name none.
 */
function sectionActors(heading: string, discourse: Discourse): ActorNP[] | null {
  const cache = (discourse.sectionActors ??= new Map());
  if (cache.has(heading)) return cache.get(heading)!;
  const whole = heading.trim().replace(/[:.]$/, '');
  // ("ISRAEL: \"Conditions before concrete\"", "The treaty ally: United States": a heading may name its actor on either
  // side of a colon)
  const parts = /^[^:"“]{2,40}:\s/u.test(whole) ? whole.split(/:\s+/).slice(0, 2) : [whole];
  // "ASEAN" as written, "UNITED STATES" in title case
  const forms = parts.flatMap((text) => [text, ...(/\p{Ll}/u.test(text) ? [] : [text.toLowerCase().replace(/(^|[\s-])(\p{Ll}+)/gu, (_m, a: string, w: string) => a + (SMALL_WORDS.has(w) ? w : w[0].toUpperCase() + w.slice(1)))])]);
  let out: ActorNP[] | null = null;
  for (const form of forms) {
    const toks = sentencesOf(form, 0).flat();
    const members = findActors(toks, () => false, discourse.people, discourse.pick).flatMap((g) => g.members);
    const covered = toks.every((t, k) => HEADING_GLUE.has(t.lower) || members.some((m) => m.code && !m.anaphor && m.start <= k && k < m.end));
    const distinct = members.filter((m, k) => m.code && members.findIndex((x) => x.code === m.code) === k);
    if (toks.length && covered && distinct.length && distinct.length <= 4) {
      out = distinct;
      break;
    }
  }
  cache.set(heading, out);
  return out;
}

function sectionGroup(members: ActorNP[], start: number, end: number): ActorGroup {
  return { members: members.map((m) => ({ ...m, start, end })), start, end, slot: 'subject', prep: null, head: -1 };
}

/** entering a heading's section: its organisation is what "the bloc" is, its countries who "both" or "the country" are */
function enterSection(members: ActorNP[], discourse: Discourse): void {
  trackOrgs([sectionGroup(members, 0, 0)], discourse);
  const countries = distinctCountries(members);
  if (countries.length >= 2) discourse.lastPlural = countries;
  if (countries.length === 1) discourse.lastCountry = countries[0].code;
}

const LABEL_FILLER = new Set(['the', 'of', 'for', 'on', 'and', "'s", '’s']);
/**
 * Whom a transcript's speaker label speaks for: an actor the label names itself ("SECRETARY RUBIO", "PRESIDENT
 * MACRON"), else the one office of the title or the lead that holds all the label's words ("HIGH REPRESENTATIVE" after
 * "the EU High Representative", "MINISTER" after "Egypt's Foreign Minister"); the parenthesis is read the same way
 * ("JANE DOE (MINISTER FOR DEFENCE)"). Null when nothing, or more than one actor, fits.
 */
function turnSpeaker(label: string, discourse: Discourse): { code: string; role: string | null } | null {
  const cache = (discourse.turnActors ??= new Map());
  if (cache.has(label)) return cache.get(label)!;
  const parts = label.match(/^([^(]*?)\s*(?:\(([^)]*)\))?$/) ?? [label, label];
  const titleCase = (x: string) => x.toLowerCase().replace(/(^|[\s-])(\p{Ll})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
  let found: { code: string; role: string | null } | null = null;
  for (const part of [parts[1], parts[2]]) {
    if (found || !part?.trim()) continue;
    for (const toks of sentencesOf(titleCase(part.trim()), 0)) {
      const m = findActors(toks, () => true, discourse.people, discourse.pick).flatMap((g) => g.members).find((x) => x.code && !x.anaphor);
      if (m) found = { code: m.code!, role: m.role };
    }
    if (found) break;
    const words = part.toLowerCase().split(/[\s]+/).filter((w) => w && !LABEL_FILLER.has(w));
    if (!words.length || !discourse.turnContext) continue;
    const codes = new Map<string, { code: string; role: string | null }>();
    for (const para of discourse.turnContext.split('\n')) {
      for (const toks of sentencesOf(para, 0)) {
        for (const m of findActors(toks, () => true, discourse.people, discourse.pick).flatMap((g) => g.members)) {
          if (!m.code || !m.govNoun || m.anaphor) continue;
          const np = new Set(toks.slice(m.start, m.end).map((t) => t.lower));
          if (words.every((w) => np.has(w))) codes.set(m.code, { code: m.code, role: m.role });
        }
      }
    }
    if (codes.size === 1) found = [...codes.values()][0];
  }
  cache.set(label, found);
  return found;
}

const TITLED_NAME = /\b(Minister|President|Chancellor|Secretary|Premier|Prime Minister|Ambassador|Envoy|spokes(?:man|woman|person))\s+\p{Lu}/u;

/** "Estonia's Defence Minister Hanno Pevkur": later "Pevkur said" is Estonia speaking. */
// "X spoke to us in Vilnius", "in an interview with X": the person interviewed answers the questions
const OFFICE_TITLE = /^(minister|president|chancellor|secretary|premier|ambassador|envoy|spokes|chief|general|foreign|defen[cs]e|prime|deputy|vice)/i;
const OFFICE_WORD = /\b(?:minister|president|chancellor|secretary|premier|ambassador|envoy)\b/i;
const INTERVIEW_INTRO = /\b(spoke|speaks|talked|talks|sat down) (to|with)\b|\binterview(ed)?\b|\btold (us|this)\b/i;

/**
 * "Canada's Minister of Foreign Affairs and the Deputy Secretary of State of the United States co-chaired ...": an
 * office introduced with its country and no holder's name is what "the Minister" and "the Deputy Secretary" mean
 * later in the text (the office words before any "of"), until another introduction of the same office.
 */
/**
 * "In Port-au-Prince, Prime Minister Alix Didier Fils-Aime used a televised address ...": an office title and a name
 * the lexicon does not know, right after a place that frames the sentence, are that place's office holder (the group
 * is added to the sentence's actors; the name is then learnt like any office holder's).
 */
function framedHolder(toks: Token[], groups: ActorGroup[], discourse: Discourse): void {
  const f = groups[0];
  if (!f || toks[0]?.lower !== 'in' || !(f.start === 1 || (f.start === 2 && toks[1].lower === 'the')) || toks[f.end]?.text !== ',' || f.members.length !== 1) return;
  const place = f.members[0];
  if (!place.code || !isCountry(place) || !place.kinds.every((k) => k === 'capital' || k === 'country')) return;
  const k = f.end + 1;
  let h = k;
  while (RANK.has(toks[h]?.lower ?? '') && /^\p{Lu}/u.test(toks[h].text)) h++;
  const title = toks[h] && /^\p{Lu}/u.test(toks[h].text) ? matchAt(lexicon().govNouns, toks, h, true) : null;
  if (!title || groups.some((g) => g.start >= k && g.start < title.end + 1)) return;
  let e = title.end;
  while (e < toks.length && e - title.end < 6 && ((toks[e].pos === 'PROPN' && /^\p{Lu}/u.test(toks[e].text)) || (HYPHEN_TOKENS.has(toks[e].text) && /^\p{Lu}/u.test(toks[e + 1]?.text ?? '') && toks[e].start === toks[e - 1].end))) e++;
  if (e === title.end || groups.some((g) => g.start < e && g.end > title.end)) return;
  const verb = toks[e] && (toks[e].pos === 'VERB' || toks[e].pos === 'AUX' || AUX_LIKE.has(toks[e].lower));
  const group: ActorGroup = { members: [{ start: k, end: e, code: place.code, role: null, kinds: ['person'], govNoun: true }], start: k, end: e, slot: verb ? 'subject' : 'other', prep: null, head: -1 };
  groups.splice(groups.findIndex((g) => g.start > k) < 0 ? groups.length : groups.findIndex((g) => g.start > k), 0, group);
  if (verb) discourse.last = { code: place.code, role: null };
}
const HYPHEN_TOKENS = new Set(['-', '‑', '‐']);

/** words of an office's own complement after "of" or "for": "Minister of defence", "Minister for Foreign Affairs" */
const OFFICE_COMPLEMENT = /^(?:defen[cs]e|foreign|affairs|national|interior|internal|state|security|justice|finance|european|veterans|home|armed|forces|the|and)$/i;
/**
 * "Minister of defence Nikolay Petkanov demanded ...", "Foreign Minister Jane Roe said ...": a capitalised office title
 * and a name the lexicon does not know, with no country or organisation of their own, and whom the title of the story
 * names, are an office holder of the country the text frames in this paragraph or the story is told from (its
 * dateline's, else its title's). The group is added to the sentence's actors, so the name is learnt too.
 */
function titledHolder(toks: Token[], groups: ActorGroup[], discourse: Discourse): void {
  const lx = lexicon();
  for (let k = 0; k < toks.length; k++) {
    if (!/^\p{Lu}/u.test(toks[k].text) || groups.some((g) => g.start <= k && g.end > k)) continue;
    const first = k;
    let h = k;
    while (RANK.has(toks[h]?.lower ?? '') && /^\p{Lu}/u.test(toks[h + 1]?.text ?? '')) h++;
    const title = /^\p{Lu}/u.test(toks[h]?.text ?? '') ? matchAt(lx.govNouns, toks, h, true) : null;
    if (!title) continue;
    let e = title.end;
    if ((toks[e]?.lower === 'of' || toks[e]?.lower === 'for') && OFFICE_COMPLEMENT.test(toks[e + 1]?.text ?? '')) {
      e++;
      while (e < toks.length && OFFICE_COMPLEMENT.test(toks[e].text)) e++;
    }
    const from = e;
    while (e < toks.length && e - from < 3 && toks[e].pos === 'PROPN' && /^\p{Lu}\p{Ll}/u.test(toks[e].text) && !CALENDAR_WORD.test(toks[e].text)) e++;
    k = Math.max(k, e - 1);
    if (e - from < 2 || groups.some((g) => g.start < e && g.end > first)) continue;
    // "Chile's Foreign Minister Jane Roe", "the Chilean Foreign Minister Jane Roe", "President Jane Roe of Peru": the
    // office's own country says whose it is
    if (['\'s', '’s'].includes(toks[first - 1]?.lower ?? '') || groups.some((g) => g.end === first)) continue;
    if (toks[e]?.lower === 'of' && groups.some((g) => g.start === e + 1 || g.start === e + 2)) continue;
    // the story's own protagonist only: a surname its title names ("Petkanov: NATO must close the sky ...") (an official
    // named in passing may be anyone's)
    if (!discourse.title?.split(/[^\p{L}'’-]+/u).includes(toks[e - 1].text)) continue;
    const code = (discourse.frame?.paragraph === discourse.paragraph ? discourse.frame.code : null) ?? discourse.home ?? null;
    if (!code) return;
    const verb = !!toks[e] && (toks[e].pos === 'VERB' || toks[e].pos === 'AUX' || AUX_LIKE.has(toks[e].lower) || lx.speechVerbs.has(toks[e].lemma));
    const group: ActorGroup = { members: [{ start: first, end: e, code, role: null, kinds: ['person'], govNoun: true }], start: first, end: e, slot: verb ? 'subject' : 'other', prep: null, head: -1 };
    const at = groups.findIndex((g) => g.start > first);
    groups.splice(at < 0 ? groups.length : at, 0, group);
  }
}
const CALENDAR_WORD = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;

const APPOSED_OFFICES = new Set(['head', 'chairman', 'chairwoman', 'chair', 'director', 'commander', 'chief']);
/**
 * "Gen. Alan Kessler, the commander of U.S. European Command, said ...", "Admiral Jane Roe, the head of the Italian
 * navy, told ...": a name the lexicon does not know, opening the sentence with an apposition that gives its office and
 * country, is that country's office holder (added to the sentence's actors, so the name is learnt). A list of
 * panellists or guests introduces them the same way without a verb ("Ambassador Jane Roe, Chile's Special Envoy for
 * the Andes", "Dr Ana Lopes, adviser in Peru's Ministry of Defence").
 */
function apposedHolder(toks: Token[], groups: ActorGroup[], discourse: Discourse): void {
  let c = 0;
  while (c < toks.length && c < 6 && (/^\p{Lu}/u.test(toks[c].text) || (toks[c].text === '.' && c > 0) || (HYPHEN_TOKENS.has(toks[c].text) && c > 0))) c++;
  if (c < 2 || toks[c]?.text !== ',' || groups.some((g) => g.start < c)) return;
  if (toks.slice(0, c).filter((t) => t.pos === 'PROPN' && /^\p{Lu}\p{Ll}/u.test(t.text)).length < 2) return;
  const lx = lexicon();
  let close = toks.findIndex((t, k) => k > c + 1 && k <= c + 12 && t.text === ',');
  let verb = true;
  if (close < 0) {
    // an introduction line: the apposition runs to the end, and nothing in it is a verb
    close = toks[toks.length - 1]?.pos === 'PUNCT' ? toks.length - 1 : toks.length;
    if (close - c > 16 || toks.slice(c, close).some((t) => t.pos === 'VERB' || t.pos === 'AUX')) return;
    verb = false;
  } else {
    const v = toks[close + 1];
    if (!v || !(v.pos === 'VERB' || v.pos === 'AUX' || lx.speechVerbs.has(v.lemma))) return;
  }
  // "Jane Roe, the head of ...", "Jane Roe, Chile's envoy ...": an article or an office's owner opens the apposition
  const inside = groups.filter((g) => g.start > c && g.end <= close);
  const opensOwned = inside.some((g) => g.start === c + 1 && g.members.some((m) => m.govNoun && m.code));
  if (toks[c + 1]?.lower !== 'the' && !opensOwned && verb) return;
  const office = toks.slice(c + 1, close).some((t, k) => APPOSED_OFFICES.has(t.lower) || !!matchAt(lx.govNouns, toks, c + 1 + k, true));
  // "the Secretary-General's special representative for Haiti": an organisation's officer, and a place the office is
  // for (to, for, in) is not its owner, unless the office or ministry is the place's own ("adviser in Peru's Ministry")
  if (toks.slice(c + 1, close).some((t, k, a) => t.lower === 'secretary-general' || (t.lower === 'secretary' && (a[k + 1]?.lower === 'general' || HYPHEN_TOKENS.has(a[k + 1]?.text ?? ''))))) return;
  const owners = inside.filter((g) => !g.prep || g.prep === 'of' || g.members.every((m) => m.govNoun));
  if (owners.some((g) => g.members.some((m) => !m.code || (!isCountry(m) && !m.govNoun)))) return;
  const countries = [...new Set(owners.flatMap((g) => g.members).map((m) => m.code!))];
  if (!office || countries.length !== 1) return;
  groups.unshift({ members: [{ start: 0, end: c, code: countries[0], role: null, kinds: ['person'], govNoun: true }], start: 0, end: c, slot: verb ? 'subject' : 'other', prep: null, head: -1 });
  void discourse;
}

/**
 * "Greens: Jane Roe said her party ...", "Labour: John Doe, the party's defence spokesman, called ...": a party (or
 * another actor) labelling a line of a debate report, then a name the lexicon does not know with its verb. The name
 * speaks for the label's actor (added to the sentence's actors as the subject, so the name is learnt too).
 */
function labelledSpeaker(toks: Token[], groups: ActorGroup[], colon: number): boolean {
  const lead = groups.find((g) => g.start <= 1 && g.end === colon && g.members.length === 1 && g.members[0].code);
  if (!lead) return false;
  const from = colon + 1;
  let e = from;
  while (e < toks.length && e - from < 4 && toks[e].pos === 'PROPN' && /^\p{Lu}\p{Ll}/u.test(toks[e].text) && !groups.some((g) => g.start <= e && g.end > e)) e++;
  if (e - from < 2) return false;
  let v = e;
  // past an apposition: "John Doe, the party's defence spokesman, called ..."
  if (toks[v]?.text === ',') {
    const close = toks.findIndex((t, k) => k > v && k <= v + 10 && t.text === ',');
    if (close < 0) return false;
    v = close + 1;
  }
  if (!toks[v] || !(toks[v].pos === 'VERB' || lexicon().speechVerbs.has(toks[v].lemma))) return false;
  const m = lead.members[0];
  const group: ActorGroup = { members: [{ start: from, end: e, code: m.code, role: m.role, kinds: ['person'], govNoun: true }], start: from, end: e, slot: 'subject', prep: null, head: -1 };
  const at = groups.findIndex((g) => g.start > from);
  groups.splice(at < 0 ? groups.length : at, 0, group);
  return true;
}

function learnOffices(toks: Token[], groups: ActorGroup[], discourse: Discourse): void {
  const lx = lexicon();
  let membersMemo: ActorNP[] | null = null;
  for (let k = 0; k < toks.length; k++) {
    if (!capitalised(toks[k].text)) continue;
    const start = k;
    let h = k;
    while (RANK.has(toks[h]?.lower ?? '') && /^\p{Lu}/u.test(toks[h + 1]?.text ?? '')) h++;
    const g = matchAt(lx.govNouns, toks, h, true);
    if (!g || !capitalised(toks[h].text)) continue;
    k = g.end - 1;
    const members = (membersMemo ??= groups.flatMap((x) => x.members));
    const words = toks.slice(start, g.end).map((t) => t.lower);
    const of = words.indexOf('of');
    const key = (of > 0 ? words.slice(0, of) : words).join(' ');
    // "Canada's Minister of Foreign Affairs": the possessor's office
    let code = members.find((m) => m.start < start && m.end >= g.end && isCountry(m) && !m.kinds.includes('person'))?.code ?? null;
    // past the office's own complement ("of State", "of Foreign Affairs")
    let e = g.end;
    if (toks[e]?.lower === 'of' && !members.some((m) => m.start === e + 1 || (m.start === e + 2 && toks[e + 1].lower === 'the'))) {
      e++;
      while (e < toks.length && (/^\p{Lu}/u.test(toks[e].text) || (toks[e].lower === 'and' && /^\p{Lu}/u.test(toks[e + 1]?.text ?? ''))) && !members.some((m) => m.start === e)) e++;
    }
    // "the Deputy Secretary of State of the United States": the office of the country after "of"
    if (!code && toks[e]?.lower === 'of') code = members.find((m) => (m.start === e + 1 || (m.start === e + 2 && toks[e + 1].lower === 'the')) && isCountry(m) && m.kinds.every((x) => x === 'country' || x === 'capital'))?.code ?? null;
    if (!code) continue;
    // "Canada's Foreign Minister Anita Roy": a named holder is recalled by name, not by office
    const after = members.find((m) => m.start < start && m.end > g.end);
    if (after || (toks[e]?.pos === 'PROPN' && /^\p{Lu}\p{Ll}/u.test(toks[e].text))) continue;
    (discourse.definites ??= new Map()).set(key, code);
  }
}

function learnPeople(toks: Token[], groups: ActorGroup[], discourse: Discourse, intro = false): void {
  let introduced = false;
  for (const g of groups) {
    for (const m of g.members) {
      if (!m.code || !m.govNoun || m.end - m.start < 2) continue;
      // ("Three China Coast Guard vessels": an institution modifying a noun is no office holder introduced)
      if (g.slot !== 'oblique' && g.slot !== 'modifier' && m.kinds.some((k) => k !== 'capital')) discourse.lastOffice = { code: m.code, role: m.role };
      // "Rep. Carl Hutchins (R-Ohio)": the name before a party tag
      let lastAt = m.end - 1;
      if (toks[lastAt].text === ')') while (lastAt > m.start && toks[lastAt + 1]?.text !== '(') lastAt--;
      const last = toks[lastAt];
      // "Portugal's foreign minister, Ana Lopes, spoke to us": an office introduced for an interview answers it
      if (intro && !introduced && !discourse.introduced && g.slot !== 'oblique' && m.kinds.some((k) => k !== 'capital')) {
        discourse.interviewee = { code: m.code, role: m.role };
        introduced = true;
      }
      if (last.pos !== 'PROPN' || !/^\p{Lu}\p{Ll}/u.test(last.text)) continue;
      // "Chile's Special Envoy for the Andes": an office is no one's surname
      if (matchAt(lexicon().govNouns, toks, lastAt, true)?.end === lastAt + 1) continue;
      if (m.kinds.every((k) => k === 'country' || k === 'demonym' || k === 'capital') && toks.slice(m.start, m.end).every((t) => t.pos === 'PROPN' || t.lower === "'s")) {
        // "Foreign Minister Ishaq Dar" with a title only counts; a bare country name does not
        if (!toks.slice(m.start, m.end).some((t) => /^(minister|president|chancellor|secretary|premier|ambassador|envoy|spokes)/i.test(t.text))) continue;
      }
      const who = { code: m.code, role: m.role };
      if (!discourse.people.has(last.lower)) discourse.people.set(last.lower, who);
      // "spokesman Guo Jiakun ... Guo urged": a name whose family name comes first is recalled by its first word
      let first = lastAt;
      while (first > m.start && toks[first - 1].pos === 'PROPN' && /^\p{Lu}\p{Ll}/u.test(toks[first - 1].text) && !OFFICE_TITLE.test(toks[first - 1].text)) first--;
      if (first < lastAt && !discourse.people.has(toks[first].lower)) discourse.people.set(toks[first].lower, who);
      if (m.kinds.some((k) => k !== 'capital') && (!discourse.interviewee || (intro && !introduced && !discourse.introduced))) discourse.interviewee = who;
      if (intro) introduced = true;
    }
  }
  // "Anna Berg has been Sweden's defence minister since 2022. We spoke to her ...": the office holder just introduced is interviewed
  if (intro && !introduced && !discourse.introduced && discourse.lastOffice && !groups.some((g) => g.members.some((m) => m.code && m.govNoun))) {
    discourse.interviewee = discourse.lastOffice;
    introduced = true;
  }
  if (introduced) discourse.introduced = true;
}

const COMMENTATORS = new Set(['analysts', 'analyst', 'experts', 'expert', 'observers', 'commentators', 'critics', 'scholars', 'researchers', 'pundits', 'economists', 'academics']);
const OPINION_VERBS = new Set(['say', 'believe', 'expect', 'argue', 'suggest', 'think', 'predict', 'reckon', 'warn', 'note', 'doubt', 'caution', 'speculate', 'propose', 'contend']);
/** The token after which a commentator's reading starts ("analysts said ..."), or -1. */
function commentary(toks: Token[]): number {
  for (let k = 0; k < toks.length - 1; k++) {
    if (!COMMENTATORS.has(toks[k].lower) || insideQuote(toks, k)) continue;
    let v = k + 1;
    // "analysts said", "analysts have long argued"
    while (toks[v] && v - k < 4 && (toks[v].pos === 'ADV' || (toks[v].pos === 'AUX' && ['have', 'had', 'has'].includes(toks[v].lower)))) v++;
    // "..., experts warned.": an attribution after the statement makes all of it the commentators'
    if (toks[v] && OPINION_VERBS.has(toks[v].lemma) && toks[v].pos === 'VERB') return (toks[k - 1]?.text === ',' || QUOTES.has(toks[k - 1]?.text ?? '')) && (!toks[v + 1] || toks[v + 1].pos === 'PUNCT') ? 0 : v;
    // "according to analysts"
    if (toks[k - 1]?.lower === 'to' && toks[k - 2]?.lower === 'according') return k;
  }
  return -1;
}

function firstPerson(toks: Token[]): boolean {
  return toks.some((t, k) => (t.lower === 'we' || t.lower === 'our' || t.text === 'I') && !insideQuote(toks, k));
}

/**
 * "Spain could plausibly send police", "Russia and China would veto a resolution": with no one saying so, a modal
 * is the writer's conjecture about an actor, not the actor's position.
 */
const WRITER_FRAME = /^(?:it is|it's|it seems|it remains)\s+(?:(?:quite|entirely|very|also|still|now)\s+)?(?:possible|likely|unlikely|conceivable|tempting|plausible|probable|not impossible|far from clear|unclear)\b|^(?:there (?:were|are|have been) (?:reports|suggestions|rumours|rumors|signs)|reports suggest|some (?:analysts|experts|observers))\b/i;
const HEDGES = new Set(['plausibly', 'conceivably', 'perhaps', 'presumably', 'theoretically', 'likely', 'probably', 'instead', 'easily', 'well', 'arguably']);
function conjecture(toks: Token[], s: Sentence, i: number, answer: boolean): boolean {
  // a bulleted rundown of who offers what reports the actors' positions
  if (answer || s.listItem) return false;
  let k = i - 1;
  // "In theory, Poland could contribute engineers": the writer's hypothesis
  let hedged = /^(?:in theory|theoretically|in principle|on paper|hypothetically)\b/i.test(s.text.trimStart());
  // "It is possible that Ankara could yet send troops", "There were reports that Spain would ...": the writer's reading
  if (!answer && WRITER_FRAME.test(s.text.trimStart()) && !insideQuote(toks, i)) return true;
  while (k >= 0 && (toks[k].pos === 'ADV' || toks[k].lower === 'not' || toks[k].lower === "n't")) if (HEDGES.has(toks[k--].lower)) hedged = true;
  // "could instead fund the mission and provide airlift": the modal of the first verb
  if ((toks[k]?.lower === 'and' || toks[k]?.lower === 'or') && k > 0) {
    for (let j = k - 1; j >= Math.max(0, k - 8); j--) if (toks[j].pos === 'VERB') return conjecture(toks, s, j, answer);
    return false;
  }
  const modal = toks[k]?.lower ?? '';
  // "could" alone is an actor's option as often as the writer's guess ("Lithuania could send troops once peace is achieved")
  // "Under the plan, Britain would send 500 troops" reports a plan; "Russia and China would veto it" guesses a reaction
  const reaction = !toks[i] || !(lexicon().cues.candidates(toks[i].lemma).some((p) => p.value.cat.startsWith('contribution')) || lexicon().cues.candidates(toks[i].lower).some((p) => p.value.cat.startsWith('contribution')));
  if (!(modal === 'might' || modal === 'may' || (modal === 'would' && reaction) || (modal === 'could' && hedged))) return false;
  const lx = lexicon();
  // ("member state" is no verb of saying)
  if (toks.some((t) => QUOTES.has(t.text) || (lx.speechVerbs.has(t.lemma) && t.pos === 'VERB') || (lx.speechVerbs.has(t.lower) && t.pos !== 'NOUN') || t.lower === 'according')) return false;
  return true;
}

function pronounSpeaker(toks: Token[]): boolean {
  const lx = lexicon();
  for (let k = 0; k < toks.length; k++) {
    if (toks[k].lower !== 'he' && toks[k].lower !== 'she') continue;
    const next = toks[k + 1];
    const prev = toks[k - 1];
    if ((next && lx.speechVerbs.has(next.lemma)) || (prev && lx.speechVerbs.has(prev.lemma) && prev.pos === 'VERB')) return true;
  }
  return false;
}

/** "called the plan \"an intervention\"", "labelled it a provocation": describing something as bad is opposing it. */
function describedAs(toks: Token[], c: Cue, end: number): PositionEventType | null {
  const t = toks[c.start];
  if (t.pos !== 'VERB') return null;
  if (['on', 'for', 'upon', 'up', 'off', 'in', 'back'].includes(toks[c.end]?.lower ?? '')) return null;
  const lx = lexicon();
  for (let k = c.end; k < Math.min(end, c.end + 15); k++) {
    const m = matchAt(lx.descriptors, toks, k, true);
    if (m) return m.value;
  }
  return null;
}

/** "proposed a European contingent of 100,000 troops": proposing a force others would provide is a demand. */
function proposesOthers(toks: Token[], c: Cue, end: number, cues: Cue[]): boolean {
  if (toks[c.start].pos !== 'VERB') return false;
  const next = toks[c.end];
  if (!next || next.lower === 'to' || (next.pos === 'VERB' && /ing$/.test(next.lower))) return false;
  const stop = Math.min(end, c.end + 8);
  for (let k = c.end; k < stop; k++) if (['its', 'their', 'our', 'own', 'his', 'her'].includes(toks[k].lower)) return false;
  return assetsOf(toks, c.end, stop).length > 0 || cues.some((x) => x.cat === 'mission' && x.start >= c.end && x.start < stop);
}

const MODAL_OBJECT_VERBS = new Set(['exclude']);
/**
 * "opened the door to a naval role", "is weighing a request to expand its contingent", "ruled out any role for Turkish troops":
 * a verb of considering or refusing whose object is a force, an asset or a contribution, with no contribution verb of its own.
 */
function modalObject(toks: Token[], c: Cue, cl: Clause, cues: Cue[]): boolean {
  if (c.cat !== 'considered' && c.cat !== 'refused' && c.cat !== 'not-ruled-out') return false;
  const single = c.end - c.start === 1;
  if (single && !['consider', 'weigh', 'mull', 'eye', 'explore', 'study', 'examine', 'contemplate'].includes(c.phrase) && !MODAL_OBJECT_VERBS.has(c.phrase)) return false;
  // "was \"open to it\"", "has not ruled that out": the contribution under discussion, taken up by a pronoun
  if (!single && c.cat !== 'refused') {
    let k = c.end;
    while (QUOTES.has(toks[k]?.text ?? '')) k++;
    if (['it', 'this', 'that'].includes(toks[k]?.lower ?? '') && (!toks[k + 1] || toks[k + 1].pos === 'PUNCT' || QUOTES.has(toks[k + 1].text) || ['if', 'but', 'once', 'provided', 'as', 'for'].includes(toks[k + 1].lower))) return true;
    if (toks[k]?.lower === 'the' && ['idea', 'possibility', 'option', 'request'].includes(toks[k + 1]?.lower ?? '')) return true;
  }
  // "has no plans for a transit": a refusal noun phrase governs its object like a verb
  if (!toks.slice(c.start, c.end).some((t) => t.pos === 'VERB') && !(c.cat === 'refused' && toks[c.start].lower === 'no')) return false;
  if (toks[c.end]?.lower === 'to' && toks[c.end + 1]?.pos === 'VERB') return false;
  const stop = Math.min(cl.end, c.end + 8);
  for (let k = c.end; k < stop; k++) {
    const t = toks[k];
    if (t.text === ',' || t.pos === 'AUX' || (t.pos === 'VERB' && k > c.end && !/ing$/.test(t.lower) && toks[k - 1]?.lower !== 'to')) return false;
    if (cues.some((x) => x.start === k && (x.cat === 'contribution' || x.cat === 'contribution-strong') && t.pos === 'VERB')) return false;
    if (cues.some((x) => x.start === k && (x.cat === 'mission' || x.cat === 'contribution-noun'))) return true;
    // "is studying the request", "weighs an invitation to join": a request for a contribution
    if (!single || c.cat !== 'considered' ? false : ['request', 'invitation'].includes(t.lemma)) return true;
    if (assetsOf(toks, k, k + 1).length) return true;
  }
  return false;
}

/** "Germany's decision to station", "Spain's offer to send": the actor whose noun governs the infinitive */
const DECISION_NOUNS = new Set(['decision', 'commitment', 'pledge', 'offer', 'readiness', 'willingness', 'intention', 'plan', 'plans', 'announcement', 'proposal', 'determination']);
function infinitiveOfPossessed(toks: Token[], i: number, groups: ActorGroup[]): ActorGroup | null {
  let k = i - 1;
  while (k >= 0 && toks[k].pos === 'ADV') k--;
  if (toks[k]?.lower !== 'to') return null;
  // "welcomed the decision of the Republic of Ghana to deploy a battalion": the same with the owner after "of"/"by"
  const after = groups.find((x) => x.end === k && (x.prep === 'of' || x.prep === 'by' || ['of', 'by'].includes(toks[x.start - 1]?.lower ?? '')));
  if (after) {
    // past a formal name's prefix: "the decision of the Arab Republic of Egypt"
    for (let j = after.start - 1; j >= Math.max(0, after.start - 7); j--) {
      const t = toks[j];
      if ((t.lower === 'of' || t.lower === 'by') && DECISION_NOUNS.has(toks[j - 1]?.lower ?? '')) return after;
      if (!(t.pos === 'DET' || t.pos === 'PROPN' || t.lower === 'of')) break;
    }
  }
  if (toks[k - 1]?.pos !== 'NOUN') return null;
  const g = attached(groups, k - 1, toks);
  return g && g.slot === 'possessor' ? g : null;
}

/**
 * "welcomed the announcement by Uganda that it would send troops", "took note of the decision of Chad that it will not
 * deploy": the pronoun of the that-clause is the one whose announcement it is
 */
function announcedBy(toks: Token[], i: number, groups: ActorGroup[]): ActorGroup | null {
  let k = i - 1;
  while (k >= 0 && (toks[k].pos === 'AUX' || toks[k].pos === 'ADV' || toks[k].pos === 'PART' || AUXILIARIES.has(toks[k].lower) || toks[k].lower === 'not')) k--;
  if (!['it', 'they'].includes(toks[k]?.lower ?? '') || toks[k - 1]?.lower !== 'that') return null;
  const owner = groups.find((g) => g.end === k - 1 && ['by', 'of', 'from'].includes(toks[g.start - 1]?.lower === 'the' ? toks[g.start - 2]?.lower ?? '' : toks[g.start - 1]?.lower ?? '') || (g.end === k - 1 && (g.prep === 'by' || g.prep === 'of' || g.prep === 'from')));
  if (!owner) return null;
  // the noun before "by/of": an announcement, decision, pledge ...
  for (let j = owner.start - 1; j >= Math.max(0, owner.start - 7); j--) {
    if (['by', 'of', 'from'].includes(toks[j].lower) && (DECISION_NOUNS.has(toks[j - 1]?.lower ?? '') || /^(announcement|statement|declaration|confirmation|assurance)s?$/.test(toks[j - 1]?.lower ?? ''))) return owner;
    if (!(toks[j].pos === 'DET' || toks[j].pos === 'PROPN' || toks[j].lower === 'of')) break;
  }
  return null;
}

const UNDISCLOSED_VERBS = new Set(['say', 'announce', 'confirm', 'indicate', 'disclose', 'reveal', 'specify', 'signal']);
/** "have not said whether they will join", "did not confirm if": the actor has stated nothing either way */
function undisclosed(toks: Token[], from: number, i: number): boolean {
  for (let k = from; k < i; k++) {
    if (!UNDISCLOSED_VERBS.has(toks[k].lemma) || toks[k].pos !== 'VERB') continue;
    if (['whether', 'if'].includes(toks[k + 1]?.lower ?? '') && negatedBefore(toks, k, from, 3)) return true;
  }
  return false;
}

const CONTROL_VERBS = new Set(['expect', 'want', 'encourage', 'invite', 'need', 'require', 'persuade', 'push', 'press', 'urge', 'ask', 'call', 'challenge', 'tell']);
/** "expected \"every ally\" to contribute": the infinitive's subject is the object of a verb of wanting, not the speaker */
function objectControl(toks: Token[], i: number, groups: ActorGroup[], subject: ActorGroup): boolean {
  let k = i - 1;
  while (k >= 0 && toks[k].pos === 'ADV') k--;
  if (toks[k]?.lower !== 'to') return false;
  for (let j = k - 2; j >= Math.max(0, k - 14); j--) {
    const t = toks[j];
    if (t.pos === 'VERB' && CONTROL_VERBS.has(t.lemma)) {
      const between = withoutRelative(toks.slice(j + 1, k));
      if (between.some((x) => x.pos === 'VERB' || x.pos === 'AUX')) return false;
      // "wants its troops to stay": its own assets, not someone else
      if (between.some((x) => ['its', 'their', 'our', 'his', 'her'].includes(x.lower))) return false;
      return !groups.some((g) => g === subject && g.start > j && g.end <= k);
    }
    if ((t.pos === 'VERB' || t.pos === 'AUX') && relativeOpensBefore(toks, j, 5)) continue;
    if (t.pos === 'VERB' || t.pos === 'AUX' || t.text === ',') return false;
  }
  return false;
}

/** a "that/which/who" right after a noun opens, within `reach` tokens before i, the relative clause i is in */
function relativeOpensBefore(toks: Token[], i: number, reach: number): boolean {
  for (let m = i - 1; m >= Math.max(1, i - reach); m--) {
    if (['that', 'which', 'who'].includes(toks[m].lower)) return ['NOUN', 'PROPN'].includes(toks[m - 1].pos);
    if (toks[m].text === ',') return false;
  }
  return false;
}

/** "every member of this council that voted for this force": the object NP without its relative clause */
function withoutRelative(span: Token[]): Token[] {
  const rel = span.findIndex((x, n) => n > 0 && ['that', 'which', 'who'].includes(x.lower) && ['NOUN', 'PROPN'].includes(span[n - 1].pos));
  return rel < 0 ? span : span.slice(0, rel);
}

function deadline(sentence: string, condition: string): boolean {
  if (/^\W*(?:before|after|when|until|by)\b/i.test(condition)) return true;
  const at = sentence.indexOf(condition);
  return at > 0 && /\b(?:before|until|by|end of|expiry of)\W*(?:the\s+)?$/i.test(sentence.slice(Math.max(0, at - 24), at));
}

function pastHistory(toks: Token[], c: Cue, text: string, publishedOn: string | null, speech: Set<string>): boolean {
  const v = toks[c.start];
  if (!publishedOn || v.pos !== 'VERB' || v.lower === v.lemma || /ing$/.test(v.lower) || ['has', 'have', 'had', 'will', 'would', 'to'].includes(toks[c.start - 1]?.lower ?? '')) return false;
  const year = Number(publishedOn.slice(0, 4));
  if (!(text.match(/\b(?:19|20)\d{2}\b/g) ?? []).some((y) => Number(y) < year)) return false;
  return !toks.some((t) => t.pos === 'VERB' && (speech.has(t.lemma) || t.lemma === 'announce' || t.lemma === 'pledge'));
}

/**
 * "Beijing demanded at the time that she retract the remarks": "at the time" points back to the occasion the sentences
 * before it dated ("In November, the prime minister told parliament that ..."); the latest date in the two sentences
 * before dates the statement.
 */
function atTheTime(clean: string, publishedOn: string | null, events: ExtractedEvent[]): void {
  for (const e of events) {
    // (also "on the same day", "later that day", "that evening")
    if (e.statedOn || !/\bat the time\b|\bthe same day\b|\blater that (?:day|evening|night)\b|\bthat (?:same )?(?:evening|night|afternoon)\b/i.test(e.evidence)) continue;
    const before = clean.slice(Math.max(0, e.span.start - 500), e.span.start).split(/(?<=[.!?]["”’]?)\s+/).slice(-2);
    for (let k = before.length - 1; k >= 0 && !e.statedOn; k--) {
      const found = datesIn(before[k], publishedOn);
      if (found.length) e.statedOn = found[found.length - 1].value;
    }
  }
}

/** "the involvement of NATO", "participation by Turkish troops": a contribution noun owned by another actor */
function othersNounOwner(toks: Token[], end: number, groups: ActorGroup[], subject: ActorGroup): boolean {
  if (toks[end]?.lower !== 'of' && toks[end]?.lower !== 'by') return false;
  const g = groups.find((x) => x.start === end + 1 || (x.start === end + 2 && toks[end + 1].lower === 'the'));
  return !!g && !g.members.some((m) => subject.members.some((s) => s.code === m.code));
}

/** "eyed up to 200,000 European peacekeepers": the verb's direct object is another country's force (not "the training of Palestinian police") */
function directForeignObject(toks: Token[], from: number, to: number, groups: ActorGroup[], subject: ActorGroup): boolean {
  for (let k = from; k < Math.min(to, from + 6); k++) {
    const t = toks[k];
    if (['DET', 'NUM', 'ADV', 'ADP', 'PART'].includes(t.pos) || t.kind === 'number' || t.lower === 'to') continue;
    // "would consider training Haitian officers": the actor's own contribution to someone else's force
    if (/ing$/.test(t.lower) && contributionGerund(t.lower)) return false;
    return othersForce(toks, k, Math.min(to, k + 3), groups, subject);
  }
  return false;
}

/** "training", "sending", "contributing": the -ing form of a verb of contributing */
function contributionGerund(word: string): boolean {
  const stem = word.slice(0, -3);
  return [stem, `${stem}e`, stem.slice(0, -1)].some((v) => lexicon().cues.candidates(v).some((ph) => ph.tokens.length === 1 && (ph.value.cat === 'contribution' || ph.value.cat === 'contribution-strong')));
}

const FOREIGN = new Set(['foreign', 'european', 'western', 'allied', 'international', 'multinational', 'outside']);
/** "any role for Turkish troops", "up to 200,000 European peacekeepers": a force of some other country than the actor */
function othersForce(toks: Token[], from: number, to: number, groups: ActorGroup[], subject: ActorGroup): boolean {
  const own = new Set(subject.members.map((m) => m.code));
  const end = Math.min(to, from + 8);
  // "the International Stabilization Force": a capitalised adjective is part of a mission's name, not someone else's troops
  // ("ruled out sending troops to any multinational force": the force they would go to is a destination, not others' troops)
  const destination = (k: number) => {
    const d = toks[k - 1]?.pos === 'DET' ? k - 2 : k - 1;
    return ['to', 'into'].includes(toks[d]?.lower ?? '') && toks[d - 1]?.lower !== 'up';
  };
  for (let k = from; k < end; k++) if (FOREIGN.has(toks[k].lower) && !destination(k) && !(/^\p{Lu}/u.test(toks[k].text) && /^\p{Lu}/u.test(toks[k + 1]?.text ?? '')) && assetsOf(toks, k + 1, Math.min(to, k + 3)).length) return true;
  return groups.some((g) => g.start >= from && g.start < Math.min(to, from + 8) && g.members.every((m) => m.code && !own.has(m.code)) && assetsOf(toks, g.end, Math.min(to, g.end + 2)).length > 0);
}

const PLACE_PREPS = new Set(['in', 'on', 'inside', 'within', 'of', 'at', 'across', 'throughout']);
const FORCE_DET = new Set(['its', 'their', 'our', 'no', 'any', 'the', 'a', 'an']);
const FORCE_NOUN_EXTRA = new Set(['deployment', 'participation', 'contribution', 'involvement', 'presence', 'contingent', 'role', 'sending', 'deploying', 'contributing', 'joining', 'participating']);
/** "about", "roughly", "some": a one-word approximator from the assets lexicon (its "up to" is read apart) */
function approximatorWord(t: Token | undefined): boolean {
  return !!t && lexicon().approximators.candidates(t.lower).some((p) => p.tokens.length === 1);
}
const FORCE_MODALS: Record<string, 'will' | 'may'> = { will: 'will', would: 'will', shall: 'will', "'ll": 'will', wo: 'will', could: 'may', might: 'may', may: 'may', can: 'may', ca: 'may' };
// lemma sequences after the modal: what a force does when it is contributed (not "would be stationed far from the
// front line" or "would go to protect civilians": how or why it serves, said of a contribution already known)
const FORCE_VERBS: string[][] = [['deploy'], ['be', 'deploy'], ['be', 'send'], ['be', 'dispatch'], ['go'], ['set', 'foot'], ['be', 'on', 'the', 'ground'], ['take', 'part'], ['join'], ['participate'], ['serve'], ['be', 'part'], ['enter'], ['remain'], ['stay'], ['transfer'], ['move'], ['be', 'move'], ['be', 'involve'], ['be', 'among'], ['be', 'available'], ['be', 'commit'], ['be', 'contribute'], ['be', 'provide'], ['arrive'], ['travel'], ['sail'], ['leave', 'for'], ['head', 'to'], ['fly', 'to'], ['rotate'], ['be', 'rotate'], ['take', 'on'], ['cross']];
// predicates of a contribution noun: "is not excluded", "is ruled out", "is on the table"
const NOUN_PREDICATES: { words: string[]; type: PositionEventType }[] = [
  { words: ['be', 'not', 'exclude'], type: 'pledge-considered' },
  { words: ['be', 'not', 'rule', 'out'], type: 'pledge-considered' },
  { words: ['can', 'not', 'be', 'exclude'], type: 'pledge-considered' },
  { words: ['can', 'not', 'be', 'rule', 'out'], type: 'pledge-considered' },
  { words: ['be', 'possible'], type: 'pledge-considered' },
  { words: ['be', 'an', 'option'], type: 'pledge-considered' },
  { words: ['be', 'on', 'the', 'table'], type: 'pledge-considered' },
  { words: ['be', 'under', 'consideration'], type: 'pledge-considered' },
  { words: ['be', 'be', 'consider'], type: 'pledge-considered' },
  { words: ['be', 'be', 'study'], type: 'pledge-considered' },
  { words: ['be', 'be', 'examine'], type: 'pledge-considered' },
  { words: ['be', 'rule', 'out'], type: 'pledge-refused' },
  { words: ['be', 'exclude'], type: 'pledge-refused' },
  { words: ['be', 'out', 'of', 'the', 'question'], type: 'pledge-refused' },
  { words: ['be', 'off', 'the', 'table'], type: 'pledge-refused' },
  { words: ['be', 'not', 'on', 'the', 'table'], type: 'pledge-refused' },
];

function lemmaRun(toks: Token[], k: number, words: string[], to: number): number {
  let j = k;
  for (const w of words) {
    while (j < to && QUOTES.has(toks[j].text)) j++;
    if (j >= to) return -1;
    const t = toks[j];
    const ok = t.lemma === w || t.lower === w || (w === 'not' && t.lower === "n't") || (w === 'be' && ['is', 'are', 'was', 'were', 'be', 'been', "'s", "'re"].includes(t.lower)) || (w === 'can' && ['can', 'ca', 'cannot'].includes(t.lower));
    if (!ok) {
      // "cannot" is one token: it stands for "can not"
      if (w === 'not' && toks[j - 1]?.lower === 'cannot') continue;
      return -1;
    }
    j++;
  }
  return j;
}

/**
 * Clauses whose subject is a force or a contribution rather than a country: "its troops will not deploy", "no Jordanian
 * soldiers would set foot in Gaza", "Japanese participation is not excluded". The owner is the actor group right before
 * the noun (possessive or demonym); with "its/their/our" the caller takes the clause's subject.
 */
function forcePredicates(toks: Token[], cl: Clause, groups: ActorGroup[]): { noun: number; det: number; end: number; owner: ActorGroup | null; type: PositionEventType }[] {
  const out: { noun: number; det: number; end: number; owner: ActorGroup | null; type: PositionEventType }[] = [];
  for (let n = cl.start + 1; n < cl.end - 1; n++) {
    const asset = matchAtAsset(toks, n);
    const contribution = FORCE_NOUN_EXTRA.has(toks[n].lower);
    if (!contribution && (!asset || asset.value.asset === 'money' || !['NOUN', 'PROPN', 'ADJ'].includes(toks[n].pos))) continue;
    let nounEnd = asset ? asset.end : n + 1;
    // "police officers", "combat engineers": the head noun comes last
    while (nounEnd < cl.end && toks[nounEnd].pos === 'NOUN' && nounEnd - n < 3) nounEnd++;
    // "its contingent of about 150 troops", "its soldiers and police officers": the rest of the noun phrase
    for (let guard = 0; guard < 2; guard++) {
      const w = toks[nounEnd]?.lower;
      if (w !== 'of' && w !== 'and') break;
      let e = nounEnd + 1;
      while (e < cl.end && e - nounEnd <= 5 && (toks[e].pos === 'NUM' || toks[e].pos === 'ADJ' || toks[e].pos === 'ADV' || toks[e].pos === 'DET' || toks[e].kind === 'number')) e++;
      const more = e < cl.end ? matchAtAsset(toks, e) : null;
      if (!more || more.value.asset === 'money') break;
      nounEnd = more.end;
      while (nounEnd < cl.end && toks[nounEnd].pos === 'NOUN' && nounEnd - e < 3) nounEnd++;
    }
    // the noun phrase before the head: determiner, owner, adjectives ("no American combat troops", "Jordan's special forces")
    let k = n - 1;
    let owner: ActorGroup | null = null;
    while (k >= cl.start && n - k <= 4) {
      const poss = toks[k].text === "'s" || toks[k].text === '’s' || toks[k].text === "'";
      owner = groups.find((x) => (x.end === k + 1 || (poss && x.end === k)) && (x.slot === 'possessor' || x.slot === 'modifier' || x.slot === 'subject')) ?? null;
      // ("Our roughly 750 officers": an approximator inside the noun phrase)
      if (owner || FORCE_DET.has(toks[k].lower) || !(toks[k].pos === 'ADJ' || toks[k].pos === 'NOUN' || toks[k].pos === 'PROPN' || toks[k].pos === 'NUM' || (approximatorWord(toks[k]) && toks[k + 1]?.pos === 'NUM'))) break;
      k--;
    }
    const det = owner ? owner.start - 1 : k;
    // "said a contribution was possible": a contribution noun under discussion, stated by the clause's subject
    // "said sending troops was out of the question": a gerund subject right after the verb of saying
    const bareContribution = contribution && (['a', 'the', 'any'].includes(toks[k]?.lower ?? '') || (/ing$/.test(toks[n].lower) && (k < cl.start || toks[k].lower === 'that' || lexicon().speechVerbs.has(toks[k].lemma))));
    // "confirmed that four Eurofighters will be based at ...", "has informed Bucharest that no additional Patriot batteries
    // will be sent": a counted force in a reported clause is the reporting subject's
    const np = toks.slice(k + 1, n);
    let counted = !owner && !contribution && (np.some((t) => t.pos === 'NUM' || t.kind === 'number') || ['no', 'an', 'a'].includes(toks[k]?.lower ?? '')) ? k : -1;
    // "up to 20,000 troops", "about 300 soldiers": past the approximator
    if (counted >= 0 && toks[counted].lower === 'to' && toks[counted - 1]?.lower === 'up') counted -= 2;
    else if (counted >= 0 && approximatorWord(toks[counted])) counted--;
    // ("said a frigate would leave", "says up to 20,000 troops could serve": a that-less reported clause)
    const reportedClause = counted >= 0 && (toks[counted].lower === 'that' || toks[counted - 1]?.lower === 'that' || (toks[counted].pos === 'VERB' && lexicon().speechVerbs.has(toks[counted].lemma)) || (toks[counted - 1]?.pos === 'VERB' && lexicon().speechVerbs.has(toks[counted - 1].lemma)));
    if (!owner && !['its', 'their', 'our'].includes(toks[k]?.lower ?? '') && !bareContribution && !reportedClause) continue;
    const determiner = reportedClause ? toks[counted].lower : toks[det]?.lower ?? '';
    let negated = determiner === 'no';
    const any = determiner === 'any';
    // the predicate: an auxiliary chain, then what the force does
    let j = reducedRelativeEnd(toks, nounEnd, cl.end);
    let modal: 'will' | 'may' | null = null;
    let ready = false;
    while (j < cl.end && j - nounEnd < 6) {
      const w = toks[j].lower;
      if (FORCE_MODALS[w]) modal = modal ?? FORCE_MODALS[w];
      else if (w === 'cannot') { modal = modal ?? 'may'; negated = true; }
      else if (w === 'not' || w === "n't" || w === 'never') negated = true;
      else if ((w === 'ready' || w === 'prepared') && toks[j + 1]?.lower === 'to') { ready = true; j++; }
      else if (toks[j].pos !== 'ADV' && w !== 'are' && w !== 'is' && !(w === 'be' && ['ready', 'prepared'].includes(toks[j + 1]?.lower ?? ''))) break;
      j++;
    }
    let type: PositionEventType | null = null;
    let end = -1;
    if (contribution) {
      for (const p of NOUN_PREDICATES) {
        const e = lemmaRun(toks, nounEnd, p.words, cl.end);
        if (e > 0) { type = p.type; end = e; break; }
      }
    }
    if (!type && (modal || ready)) {
      for (const v of FORCE_VERBS) {
        const e = lemmaRun(toks, j, v, cl.end);
        if (e > 0) { end = e; break; }
      }
      // "four Eurofighters will be based at Graf Ignatievo": where a counted force will be is its deployment
      if (end < 0 && reportedClause) for (const v of [['be', 'base'], ['be', 'station'], ['be', 'deploy']]) {
        const e = lemmaRun(toks, j, v, cl.end);
        if (e > 0) { end = e; break; }
      }
      if (end > 0) type = negated ? 'pledge-refused' : modal === 'may' ? 'pledge-considered' : 'pledge-announced';
      // "its soldiers will not be used to disarm Hamas": a limit on how the force may be used is the contributor's condition
      if (end < 0 && negated && lemmaRun(toks, j, ['be', 'use'], cl.end) > 0) {
        end = lemmaRun(toks, j, ['be', 'use'], cl.end);
        type = 'condition-set';
      }
      // ("would be sent to reinforce the checkpoints": where a force is sent, the purpose is the sending's)
      if (type !== 'condition-set' && toks[end]?.lower === 'to' && toks[end + 1]?.pos === 'VERB' && !(toks[end - 2]?.lemma === 'be' && ['send', 'deploy', 'dispatch'].includes(toks[end - 1]?.lemma ?? ''))) type = null;
      // "Kosovo police will stay on the territory of Kosovo": a force at home contributes nothing
      if (owner && groups.some((x) => x.start >= end && x.start < cl.end && PLACE_PREPS.has(toks[x.start - 1]?.lower ?? '') && x.members.some((m) => owner!.members.some((o) => o.code === m.code)))) type = null;
    }
    if (!type) continue;
    // "would deploy only under a UN mandate", "no troops will go before parliament has voted": a condition
    const rest = toks.slice(end, cl.end);
    const only = toks.slice(nounEnd, cl.end).some((t) => t.lower === 'only' || t.lower === 'unless' || t.lower === 'without');
    if ((type === 'pledge-announced' && only) || (type === 'pledge-refused' && rest.some((t) => t.lower === 'until' || t.lower === 'before' || t.lower === 'unless' || t.lower === 'without'))) type = 'condition-set';
    // "any troops would ...": a hypothetical, unless refused or conditioned
    if (any && type !== 'condition-set' && type !== 'pledge-refused') continue;
    out.push({ noun: n, det, end, owner, type });
    n = end - 1;
  }
  return out;
}

/** "its two Gripen fighters currently deployed under Eastern Sentry will remain": past a reduced relative to the modal */
function reducedRelativeEnd(toks: Token[], from: number, to: number): number {
  let k = from;
  while (k < to && toks[k].pos === 'ADV') k++;
  // "its Patriot unit at Rzeszów in south-eastern Poland will stay": past a chain of place phrases
  if (toks[k]?.pos === 'ADP' && ['at', 'in', 'on', 'near'].includes(toks[k].lower)) {
    for (let j = k + 1; j < Math.min(to, k + 9); j++) {
      if (FORCE_MODALS[toks[j].lower]) return j;
      if (!['ADP', 'PROPN', 'ADJ', 'ADV', 'NOUN', 'DET', 'PUNCT'].includes(toks[j].pos) || toks[j].text === ',') return from;
    }
    return from;
  }
  if (!(toks[k]?.pos === 'VERB' && /(ed|en)$/.test(toks[k].lower))) return from;
  for (let j = k + 1; j < Math.min(to, k + 8); j++) {
    if (toks[j].text === ',' || toks[j].pos === 'AUX' && !FORCE_MODALS[toks[j].lower]) return from;
    if (FORCE_MODALS[toks[j].lower]) return j;
  }
  return from;
}

/** cheap test for "the <measure> is/was <descriptor>" so that a sentence with no other cue is still read */
function verdictLike(toks: Token[]): boolean {
  const lx = lexicon();
  for (let v = 2; v < toks.length - 1; v++) {
    if (toks[v].lemma !== 'be' || !(lx.measures.has(toks[v - 1].lemma) || lx.measures.has(toks[v - 1].lower))) continue;
    for (let d = v + 1; d < Math.min(toks.length, v + 4); d++) if (matchAt(lx.descriptors, toks, d, true)) return true;
  }
  return false;
}

/** the noun a relative clause hangs on is itself a hostile verdict: "a provocation that will not go unanswered" */
function hostileHead(toks: Token[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(1, i - 5); k--) if (['that', 'which'].includes(toks[k].lower)) return HOSTILE.has(toks[k - 1].lower) || ['act', 'attack', 'aggression', 'escalation'].includes(toks[k - 1].lower);
  return false;
}

const ADDRESSED_OTHERS = new Set(['allies', 'members', 'partners', 'all', 'others', 'everyone', 'europe', 'europeans', 'governments', 'countries', 'states', 'parties', 'sides', 'donors', 'neighbours', 'neighbors']);
/** "expects all members to", "told Washington to": the gap before "to" names others (a name or a collective), and the verb is active */
function othersAddressed(toks: Token[], start: number, end: number): boolean {
  if (end - start <= 2 || passiveAt(toks, start)) return false;
  const gap = toks.slice(start + 1, end - 1);
  if (gap.some((t) => OWN_SUBJECTS.has(t.lower))) return false;
  return gap.some((t) => ADDRESSED_OTHERS.has(t.lower) || t.pos === 'PROPN');
}

const RECEIVING = new Set(['draw', 'face', 'meet', 'win', 'receive', 'get', 'gain', 'secure', 'attract', 'encounter', 'have', 'enjoy', 'earn']);
/** "has drawn criticism", "faced opposition", "won the backing": a verb of receiving (or of stating) governs the noun */
function lightOrReceiving(toks: Token[], i: number, from: number): boolean {
  for (let k = i - 1; k >= Math.max(from, i - 4); k--) {
    const t = toks[k];
    if (t.pos === 'VERB') return RECEIVING.has(t.lemma) || lexicon().lightVerbs.has(t.lemma);
    if (!['DET', 'ADJ', 'ADV', 'AUX', 'PART'].includes(t.pos)) return false;
  }
  return false;
}

/** the verb right after an obligation is one of approving: "must authorise", "would have to approve" */
function approvalAfter(toks: Token[], k: number): boolean {
  if (toks[k]?.pos === 'ADV') k++;
  return !!toks[k] && toks[k].pos === 'VERB' && APPROVAL_VERBS.has(toks[k].lemma);
}


/** What the per-clause rules read: the sentence, the clause, its cues and actors, and where candidates go. */
interface ClauseCtx {
  s: Sentence;
  toks: Token[];
  lx: ReturnType<typeof lexicon>;
  cues: Cue[];
  ccues: Cue[];
  cl: Clause;
  resolved: ActorGroup[];
  speaker: ActorGroup | null;
  /** the sentence names its own speaker (not one carried over from the discourse) */
  ownSpeaker: boolean;
  answer: boolean;
  quoted: (i: number) => boolean;
  subjectFor: (i: number) => { group: ActorGroup | null; how: Candidate['how'] };
  has: (cat: CueCategory, from?: number, to?: number) => boolean;
  assetsIn: (from: number, to: number) => Asset[];
  candidates: Candidate[];
  isVerbLike: (i: number) => boolean;
  publishedOn: string | null;
  colon: number;
  discourse: Discourse;
  inClause: (i: number) => boolean;
}

/** 1. contribution cues: pledges announced, considered or refused (split out of fromSentence so V8 can optimise each part) */
function contributionCandidates(x: ClauseCtx): void {
  const { s, toks, lx, cues, ccues, cl, resolved, speaker, answer, subjectFor, has, assetsIn, candidates, publishedOn } = x;
  // 1. contribution (pledge) cues
  // "Turkey eyes training roles", "is weighing a contribution": a considering verb with an asset object
  const contrib = ccues.filter(
    (c) => ((c.cat === 'contribution' || c.cat === 'contribution-strong') && (isVerbal(toks, c.start) || isVerbLikeAt(toks, c.start, resolved))) || c.cat === 'contribution-noun' ||
      (c.cat === 'considered' && CONSIDER_VERBS.includes(c.phrase) && (isVerbal(toks, c.start) || isVerbLikeAt(toks, c.start, resolved)) && assetsOf(toks, c.end, Math.min(cl.end, c.end + 4)).length > 0) ||
      // "opened the door to a naval role", "is weighing a request to expand its contingent", "ruled out any role for Turkish troops"
      modalObject(toks, c, cl, ccues) ||
      // "Latvia has not yet decided, officials said": undecided about the contribution under discussion
      (c.cat === 'not-ruled-out' && c.end - c.start > 1 && toks.slice(c.start, c.end).some((t) => t.pos === 'VERB') && bareOk(toks, c.end, cl.end) && !ccues.some((x) => (x.start >= c.end || x.end <= c.start) && (x.cat === 'contribution' || x.cat === 'contribution-strong' || x.cat === 'contribution-noun'))),
  );
  for (const c of contrib) {
    // "The Security Council met on Tuesday to consider the situation": a meeting's agenda
    if (c.cat === 'considered' && toks[c.start - 1]?.lower === 'to' && toks.slice(Math.max(cl.start, c.start - 6), c.start).some((t) => ['meet', 'convene', 'gather'].includes(t.lemma))) continue;
    // "would keep coordinating with European navies": keep doing something is no contribution
    if (c.phrase === 'keep' && toks[c.end]?.pos === 'VERB' && /ing$/.test(toks[c.end].lower)) continue;
    // "adding that ...", "is preparing to send": the verb of saying or of getting ready, not the contribution
    if ((c.phrase === 'add' || c.phrase === 'prepare') && (!toks[c.end] || ['that', 'to', 'for', ',', '"', '“'].includes(toks[c.end].lower) || toks[c.end].pos === 'PUNCT')) continue;
    if (c.phrase === 'prepare' && toks[c.start].lower === 'prepared' && !['has', 'have', 'had'].includes(toks[c.start - 1]?.lower ?? '')) continue;
    // "European-led", "UK-funded": a compound adjective, not a verb
    if (HYPHENS.has(toks[c.start - 1]?.text ?? '')) continue;
    // "The EU, which has funded the deployment since 2022, said ...": background, not this statement
    if (inRelative(toks, c.start, cl.start) || restrictiveRelative(toks, c.start)) continue;
    // "praised the decision to extend the mission", "welcomed the plan to deploy": the contribution is the decision maker's
    if (toks[c.start - 1]?.lower === 'to' && DECISION_NOUNS.has(toks[c.start - 2]?.lower ?? '') && ['the', 'this', 'that', 'a'].includes(toks[c.start - 3]?.lower ?? '') && ccues.some((x) => x.end <= c.start - 2 && (x.cat === 'support-expressed' || x.cat === 'opposition-expressed'))) continue;
    // "Sweden is welcome to station more troops": an invitation by the speaker, not Sweden's pledge
    if (toks[c.start - 1]?.lower === 'to' && toks[c.start - 2]?.lower === 'welcome') continue;
    // "hosts the force's headquarters", "will host a battalion": hosting a force or its base is a contribution, hosting a
    // summit, talks or visiting planners is not
    if (c.phrase === 'host' && toks.slice(c.end, Math.min(cl.end, c.end + 4)).some((t) => GATHERINGS.has(t.lemma) || GATHERINGS.has(t.lower))) continue;
    // "has offered to host renewed talks in Jeddah": offering to host a meeting is no contribution either
    if (toks[c.end]?.lower === 'to' && ['host', 'organise', 'organize', 'convene'].includes(toks[c.end + 1]?.lemma ?? '') && toks.slice(c.end + 2, Math.min(cl.end, c.end + 6)).some((t) => GATHERINGS.has(t.lemma) || GATHERINGS.has(t.lower))) continue;
    if (c.phrase === 'host' && !has('mission', c.end, Math.min(cl.end, c.end + 6)) && !assetsIn(c.end, Math.min(cl.end, c.end + 6)).some((a) => a !== 'personnel' && a !== 'trainers')) continue;
    // "to withdraw its forces, as it committed to do in 1999": the commitment recalled in an as-clause is no pledge
    if (toks.slice(Math.max(cl.start, c.start - 4), c.start).some((x) => x.lower === 'as') && ['do', 'so'].includes(toks[c.end + 1]?.lower ?? toks[c.end]?.lower ?? '') && toks[c.end]?.lower === 'to') continue;
    // "announced that it will vote against any decision on the deployment": what is announced is the opposition
    if ((c.phrase === 'announce' || c.phrase === 'confirm') && ccues.some((x) => x.start > c.end && (x.cat === 'opposition-expressed' || x.cat === 'refused') && toks[x.start].pos === 'VERB' && !assetsOf(toks, c.end, x.start).length)) continue;
    // "has denied the reports that it is supplying armed drones": a denied contribution is neither given nor refused
    // ("denied it would send troops" refuses a future one)
    const denied = toks.findIndex((t, k) => k >= c.start - 10 && k < c.start && t.lemma === 'deny' && t.pos === 'VERB');
    if (denied >= 0 && !toks.slice(denied, c.start).some((t) => FUTURE_MODALS.has(t.lower))) continue;
    // "said it supported the mission, without announcing new ships": nothing given
    if (toks[c.start - 1]?.lower === 'without' && /ing$/.test(toks[c.start].lower)) continue;
    // "was designed for escorting a lost aircraft": a purpose in passing; "thanked Poland for sending troops": the thanked
    // one's contribution, not the thanker's ("is responsible for training" takes it on)
    if (toks[c.start - 1]?.lower === 'for' && /ing$/.test(toks[c.start].lower) && toks[c.start - 2]?.pos !== 'ADJ') continue;
    // "It has sent no troops so far": nothing given is a fact ("will send no troops" is a refusal, read below)
    const noObject = toks[c.end]?.lower === 'no' || (toks[c.end]?.pos === 'ADV' && toks[c.end + 1]?.lower === 'no');
    if (noObject && !toks.slice(Math.max(cl.start, c.start - 3), c.start).some((x) => FUTURE_MODALS.has(x.lower))) continue;
    // what is given is the verb's object: assets after it in the clause
    const assets = assetsIn(c.start, cl.end);
    // "announced $40 million in additional support": an amount of money is what is given
    if (!assets.length && findQuantities(toks, c.end, cl.end).some((q) => /^[A-Z]{3}$/.test(q.quantity.unit ?? ''))) assets.push('money');
    // "increased its defence budget": spending at home is not a contribution to anyone
    if (assets.length === 1 && assets[0] === 'money' && domesticBudget(toks, c.end, cl.end)) continue;
    // "release €25 million", "disburse aid": verbs that contribute only money ("release the detained sailors" is none)
    if (lx.moneyVerbs.has(c.phrase) && !assets.includes('money') && !findQuantities(toks, c.end, cl.end).some((q) => q.asset === 'money')) continue;
    // "forces to train on each other's bases": training without trainees is no offer
    if (c.phrase === 'train' && (toks[c.end]?.pos === 'ADP' || toks[c.end]?.pos === 'ADV' || !toks[c.end])) continue;
    // "would not join Aspides": a named operation after joining or leaving is a mission
    const named = ['join', 'lead', 'leave', 'quit'].includes(c.phrase) && toks[c.end]?.pos === 'PROPN' && /^\p{Lu}\p{Ll}/u.test(toks[c.end].text) && !resolved.some((g) => g.start <= c.end && g.end > c.end);
    // ("supports the mission but will not join it": the pronoun is the mission just named)
    const missionIt = ['join', 'lead', 'leave', 'quit'].includes(c.phrase) && toks[c.end]?.lower === 'it' && cues.some((x) => x.cat === 'mission' && x.start < c.start);
    const mission = has('mission', c.start) || named || missionIt;
    // "is expected to announce its decision": a contribution still being decided
    const pending = lx.pending.verbs.has(c.phrase) && pendingFrame(toks, c.start);
    // "would decide after consulting parliament", "will decide whether to send troops": the decision is pending
    const pendingObj = pending && (pendingObject(toks, c.end, cl.end) || (c.phrase === 'decide' && ['after', 'once', 'whether', 'when'].includes(toks[c.end]?.lower ?? '')));
    if (c.phrase === 'decide' && !pendingObj) continue;
    // "said it could contribute", "would not take part": the object is the force under discussion
    const bare = !assets.length && !mission && lx.bareVerbs.has(c.phrase) && bareOk(toks, c.end, cl.end);
    // "is weighing participation": a contribution noun governed by a verb of considering or refusing is its own object
    // ("refuses any involvement": a verb of refusing governs it as well)
    const governing = (x: Cue) => (x.cat === 'considered' || x.cat === 'refused' || x.cat === 'not-ruled-out') && (x.end - x.start > 1 || CONSIDER_VERBS.includes(x.phrase) || (x.cat === 'refused' && toks[x.start].pos === 'VERB'));
    const governed = c.cat === 'contribution-noun' && ccues.some((x) => x.start < c.start && c.start - x.end <= 3 && governing(x));
    const modal = c.cat === 'considered' || c.cat === 'refused' || c.cat === 'not-ruled-out';
    if (!assets.length && !mission && c.cat !== 'contribution-strong' && !bare && !pendingObj && !governed && !modal) continue;
    if (!assets.length && !mission && c.cat === 'contribution-strong' && !hasObject(toks, c.end, cl.end)) continue;
    let who = subjectFor(c.start);
    if (c.cat === 'contribution-noun') {
      const att = attached(resolved, c.start, toks);
      const subj = who.group && who.how === 'subject' ? who.group : null;
      const demonymOnly = att?.members.every((m) => m.kinds.every((k) => k === 'demonym'));
      if (att && !(demonymOnly && subj && !subj.members.some((m) => att.members.some((a) => a.code === m.code)))) who = { group: att, how: 'possessor' };
      // a bare noun needs a verb that states it: "announced a package", "opened the door to participation"
      else if (!subj || !(lightVerbBefore(toks, c.start, cl.start) != null || ccues.some((x) => x.start < c.start && x.start >= subj.end && governing(x)))) continue;
    }
    // "welcomed Germany's decision to station a brigade": the infinitive's agent is the noun's possessor
    const agent = c.cat !== 'contribution-noun' ? infinitiveOfPossessed(toks, c.start, resolved) ?? announcedBy(toks, c.start, resolved) : null;
    if (agent) who = { group: agent, how: 'possessor' };
    if (!who.group) continue;
    if (c.cat !== 'contribution-noun' && !ownVerb(toks, c.start, resolved)) continue;
    if (c.cat === 'contribution-noun') {
      const det = toks[c.start - 1]?.lower;
      // ("any deployment would need a vote" is hypothetical; "refuses any involvement" refuses all of it)
      const refusedAll = ccues.some((x) => x.cat === 'refused' && x.end <= c.start && c.start - x.end <= 3 && governing(x));
      if ((det === 'any' || det === 'no' || toks[c.start - 2]?.lower === 'any' || toks[c.start - 3]?.lower === 'any') && !refusedAll) continue;
      if (who.how === 'possessor' && who.group.members.every((m) => m.kinds.every((k) => k === 'demonym'))) continue;
    }
    // "if the United States offered ...": a hypothetical, not a pledge
    if (who.how === 'subject' && subordinate(toks, who.group)) continue;
    // "asked whether that ruled out a deployment, said ...": the question put to the speaker states nothing
    if (askedWhether(toks, c.start)) continue;
    // "demanded that Rwanda withdraw its soldiers": the demander's position, not Rwanda's
    if (who.how === 'subject' && toks[who.group.start - 1]?.lower === 'that' && ccues.some((x) => (x.cat === 'demand-made' || x.cat === 'demand-weak') && x.end <= who.group!.start)) continue;
    // "accused London of planning to send troops": an accusation about someone else, not a pledge
    if (toks.slice(cl.start, c.start).some((t, k, arr) => t.lemma === 'accuse' && arr.slice(k + 1).some((x) => x.lower === 'of'))) continue;
    // "..., with France and the UK dispatching teams": an absolute clause reports in passing
    if (who.how === 'subject' && /ing$/.test(toks[c.start].lower) && toks[who.group.start - 1]?.lower === 'with') continue;
    // "have not said whether they will join": no statement either way
    if (undisclosed(toks, cl.start, c.start)) continue;
    // "The Security Council should give MONUSCO a clear mandate", "Washington ought to pay": the writer's advice, unless someone says it
    // ("Poland said NATO should send more jets": Poland's demand, read from "should"; no pledge of NATO's)
    if (toks.slice(Math.max(cl.start, c.start - 3), c.start).some((t, k, arr) => t.lower === 'should' || (t.lower === 'ought' && arr[k + 1]?.lower === 'to'))) continue;
    // "Rwanda must withdraw its troops, Kenya said": what another is told it must do is the speaker's demand, read from "must"
    const obliged = cues.find((x) => x.cat === 'demand-weak' && x.phrase !== 'should' && x.end <= c.start && c.start - x.end <= 2);
    if (obliged && who.how === 'subject' && othersObliged(toks, obliged, resolved, speaker, x.quoted(obliged.start))) continue;
    // "Germany might eventually have to commit a company": a necessity someone foresees, not a position
    if (toks.slice(Math.max(cl.start, c.start - 5), c.start).some((t, k, arr) => ['might', 'may', 'could'].includes(t.lower) && arr.slice(k + 1).some((x, j, rest) => (x.lower === 'have' || x.lower === 'need') && rest[j + 1]?.lower === 'to'))) continue;
    // "stopped short of announcing any troop movements": nothing announced
    if (toks.slice(Math.max(cl.start, c.start - 4), c.start).some((t, k, arr) => t.lemma === 'stop' && arr[k + 1]?.lower === 'short')) continue;
    const from = who.how === 'subject' ? who.group.end : cl.start;
    const rel = relativeMask(toks);
    const window = ccues.filter((x) => x.start >= from && x.start < c.start + 1 && !rel[x.start]);
    // "rejected a proposal ... to deploy troops", "would not allow Turkish troops to take part": the contribution is what is rejected
    if (window.some((x) => x.cat === 'opposition-expressed' && ((x.end - x.start === 1 && toks[x.start].pos === 'VERB') || (x.end - x.start > 1 && x.end <= c.start)))) continue;
    if (bare && !pendingObj && !window.some((x) => x.cat === 'announced' || x.cat === 'considered' || x.cat === 'refused' || x.cat === 'not-ruled-out') && !negatedBefore(toks, c.start, from)) continue;
    // "Kenya was asked to lead the force": being asked is no pledge, and no demand by the one asked
    if (window.some((x) => x.cat === 'demand-made' && passiveAt(toks, x.start))) continue;
    let type: PositionEventType = 'pledge-announced';
    const demandBefore = window.some((x) => x.cat === 'demand-made' || (x.cat === 'demand-weak' && reported(toks, x.start)));
    if (window.some((x) => x.cat === 'not-ruled-out')) type = 'pledge-considered';
    else if (window.some((x) => x.cat === 'refused') || negatedBefore(toks, c.start, from) || noObject) type = 'pledge-refused';
    else if (window.some((x) => x.cat === 'considered' && modalOk(toks, x))) type = 'pledge-considered';
    // "has never proposed sending troops": no proposal, and no refusal either
    if (type === 'pledge-refused' && !window.some((x) => x.cat === 'refused') && negatesOtherVerb(toks, c.start, from)) continue;
    if (demandBefore && type === 'pledge-announced') type = 'demand-made';
    // '"Give us the jets," Ukraine said': a quoted imperative asks for the contribution
    if (type === 'pledge-announced' && c.start <= 1 && toks[c.start].lower === toks[c.start].lemma && ['us', 'me'].includes(toks[c.end]?.lower ?? '')) type = 'demand-made';
    // "called on Caracas to withdraw its units", "urged Kigali to pull out its troops": the withdrawal asked of another is a demand
    if (type === 'pledge-refused' && window.some((x) => x.cat === 'refused' && x.start === c.start) && (demandBefore || objectControl(toks, c.start, resolved, who.group))) type = 'demand-made';
    // "expected every ally to contribute", "wants Europe to provide the bulk": the contribution asked of others is a demand
    if (type === 'pledge-announced' && objectControl(toks, c.start, resolved, who.group)) type = 'demand-made';
    // "ruled out any role for Turkish troops": refusing someone else's contribution is opposing it
    if (type === 'pledge-refused' && othersForce(toks, c.end, cl.end, resolved, who.group)) type = 'opposition-expressed';
    // "refused the involvement of NATO": someone else's contribution refused is opposed
    else if (type === 'pledge-refused' && c.cat === 'contribution-noun' && othersNounOwner(toks, c.end, resolved, who.group)) type = 'opposition-expressed';
    // "will not deploy troops without the consent of the host government": the refusal has its price, a condition
    // ("will not engage any soldier before the financing is secured")
    else if (type === 'pledge-refused' && toks.slice(c.end, cl.end).some((t, k) => (t.lower === 'without' || t.lower === 'unless' || t.lower === 'until' || (t.lower === 'before' && toks[c.end + k + 1]?.pos !== 'NUM')) && !rel[c.end + k])) type = 'condition-set';
    // "has eyed up to 200,000 European peacekeepers": weighing other countries' forces is asking for them
    else if (c.cat === 'considered' && directForeignObject(toks, c.end, cl.end, resolved, who.group)) type = 'demand-made';
    if (pending && type === 'pledge-announced') type = 'pledge-considered';
    // "Brasília reinforced its northern border in 2023", "Peru moved 600 troops to its own border": defence at home
    if (type === 'pledge-announced' && toks.slice(c.end, cl.end).some((t, k, arr) => t.lemma === 'border' && (arr.slice(Math.max(0, k - 3), k).some((x) => x.lower === 'its' || x.lower === 'own')))) continue;
    // "Britain sent the patrol ship HMS Trent to Guyanese waters in December 2023": a past deployment told as history,
    // with nobody saying anything about it now
    if (type === 'pledge-announced' && pastHistory(toks, c, s.text, publishedOn, lx.speechVerbs)) continue;
    // "would only send troops under a UN mandate": the contribution is conditional
    if (type === 'pledge-announced' && toks.slice(from, Math.min(cl.end, c.end + 3)).some((t, k) => t.lower === 'only' && !rel[from + k])) type = 'condition-set';
    if (window.some((x) => x.cat === 'red-line-stated')) continue;
    if (conjecture(toks, s, c.start, answer)) continue;
    if (type === 'pledge-announced' && history(toks, s, cl, c, publishedOn, answer)) continue;
    candidates.push({ type, group: who.group, how: who.how, cue: c, strong: c.cat === 'contribution-strong' || type !== 'pledge-announced' });
  }

}

/** 1b. a force or a contribution as the subject of its own verb (split out of fromSentence so V8 can optimise each part) */
function forceCandidates(x: ClauseCtx): void {
  const { s, toks, cl, resolved, speaker, answer, subjectFor, candidates } = x;
  // 1b. the force or the contribution is the subject: "its troops will not deploy in Gaza", "no American soldiers will be
  // on the ground", "a Belgian frigate deployment is not excluded": the country that owns it states its position
  for (const f of forcePredicates(toks, cl, resolved)) {
    let group = f.owner;
    let how: Candidate['how'] = 'possessor';
    if (!group) {
      const who = subjectFor(f.noun);
      if (!who.group || (who.how !== 'subject' && who.how !== 'speaker' && who.how !== 'inherited')) continue;
      group = who.group;
      how = who.how;
    }
    if (group.slot === 'subject' && subordinate(toks, group)) continue;
    if (relativeMask(toks)[f.noun] || conjecture(toks, s, f.noun, answer) || insideConditional(toks, f.noun, cl.start)) continue;
    // "Asked whether American ships would join", "if Jordanian troops deploy": a question or a hypothesis
    if ([toks[f.det], toks[f.det - 1]].some((x) => !!x && (SUBORDINATORS.has(x.lower) || x.lower === 'whether'))) continue;
    candidates.push({ type: f.type, group, how, cue: { start: f.noun, end: f.end, cat: 'contribution', phrase: 'force-subject' }, strong: f.type !== 'pledge-announced' });
  }

}

/** 2. typed cues: red lines, demands, conditions, support, opposition (split out of fromSentence so V8 can optimise each part) */
function typedCandidates(x: ClauseCtx): void {
  const { s, toks, lx, cues, ccues, cl, resolved, speaker, answer, quoted, subjectFor, has, candidates, isVerbLike , ownSpeaker } = x;
  // 2. typed cues (red line, demand, condition, support, opposition)
  for (const c of ccues) {
    let type: PositionEventType | null = null;
    if (c.cat === 'describe') type = describedAs(toks, c, cl.end);
    else if (c.cat === 'propose') type = proposesOthers(toks, c, cl.end, ccues) ? 'demand-made' : null;
    else if (TYPE_CATS.has(c.cat)) type = c.cat as PositionEventType;
    // "Should Russia attack, ...": an inverted conditional, not an obligation
    else if (c.cat === 'demand-weak' && c.phrase === 'should' && (c.start === cl.start || toks[c.start - 1]?.text === ',' || QUOTES.has(toks[c.start - 1]?.text ?? ''))) continue;
    // "a country that must also fund its pensions": an obligation inside a relative clause describes the noun
    else if (c.cat === 'demand-weak' && restrictiveRelative(toks, c.start)) continue;
    // "Germany might eventually have to commit a company": a foreseen necessity, not a demand
    else if (c.cat === 'demand-weak' && toks.slice(Math.max(cl.start, c.start - 3), c.start).some((x) => ['might', 'may', 'could'].includes(x.lower))) continue;
    // ("if there were a reduction, Europe would have to fill that gap": a consequence foreseen, not a demand)
    else if (c.cat === 'demand-weak' && toks[c.start - 1]?.lower === 'would' && toks.slice(0, c.start).some((x) => x.lower === 'if') && !approvalAfter(toks, c.end)) continue;
    // "Our parliament would have to approve it", "the Bundestag must authorise any deployment": a required approval is a condition
    else if (c.cat === 'demand-weak' && approvalAfter(toks, c.end)) type = 'condition-set';
    // "it would first have to be sure", "we must defend ourselves": an obligation on oneself is no demand
    else if (c.cat === 'demand-weak' && SELF.has(toks[prevWord(toks, c.start)]?.lower ?? '')) continue;
    // "that decision must be approved by the National Council": a required approval is a condition
    else if (c.cat === 'demand-weak' && toks[c.end]?.lower === 'be' && APPROVED.has(toks[c.end + 1]?.lower ?? '') && toks[c.end + 2]?.lower === 'by') type = 'condition-set';
    // (an interview answer is the interviewee's speech: "Minsk must stop these flights")
    else if (c.cat === 'demand-weak' && (reported(toks, c.start) || quoted(c.start))) type = 'demand-made';
    // "Rwanda must withdraw its troops, she said": an obligation put on another by the speaker attributed after it
    else if (c.cat === 'demand-weak' && othersObliged(toks, c, resolved, speaker)) type = 'demand-made';
    if (!type) continue;
    const single = c.end - c.start === 1;
    const t = toks[c.start];
    // "the mine countermeasures group", "a countermeasures vessel": a kind of unit, not a threat
    if (type === 'red-line-stated' && /^counter-?measures$/.test(c.phrase) && (toks[c.start - 1]?.lower === 'mine' || toks[c.end]?.pos === 'NOUN' || toks[c.end]?.pos === 'PROPN')) continue;
    // "at least four were shot down": a fact; "will be shot down" is the threat
    if (type === 'red-line-stated' && /shot down/.test(c.phrase) && !toks.slice(Math.max(cl.start, c.start - 3), c.end).some((x) => FUTURE_MODALS.has(x.lower))) continue;
    // "contact the press service", "told the press": the noun, not the verb of pressing
    if (type === 'demand-made' && single && t.lemma === 'press' && t.pos !== 'VERB') continue;
    // "The proposal was rejected by Hungary", "Kenya was asked by the UN to lead": a passive's agent follows "by"
    const passive = t.pos === 'VERB' && t.lower !== t.lemma && passiveAt(toks, c.start);
    const byAgent = passive && toks[c.end]?.lower === 'by' ? resolved.find((g) => g.start === c.end + 1 || (g.start === c.end + 2 && toks[c.end + 1].lower === 'the')) ?? null : null;
    // "the council had been asked to sign", "Kenya was urged to stay": asked of the subject, not by it
    if (type === 'demand-made' && passive && !byAgent) continue;
    // "but it depends on voluntary contributions": in the writer's voice the thing depends, nobody sets a condition (an
    // answer's "It will depend on the mandate" is the speaker's)
    if (type === 'condition-set' && !quoted(c.start) && ['depend', 'hinge', 'rest'].includes(t.lemma) && ['it', 'this', 'that', 'which'].includes(toks[prevWord(toks, c.start)]?.lower ?? '')) continue;
    // "refrain from any action that could lead to armed confrontation": a relative clause on a common noun describes it
    // ... but "were a provocation that would not go unanswered": a threat hung on a hostile noun is still the speaker's
    if ((type === 'red-line-stated' || type === 'opposition-expressed') && restrictiveRelative(toks, c.start) && !(type === 'red-line-stated' && hostileHead(toks, c.start))) continue;
    // "REQUESTS the Chairperson of the Commission to ...": a communiqué instructing its own organs demands nothing of others
    if (type === 'demand-made' && s.operative && t.lemma === 'request' && toks[c.end]?.lower === 'the' && OWN_ORGANS.test(toks[c.end + 1]?.text ?? '')) continue;
    // "Thank you, Aoife.": a courtesy, not support
    if (type === 'support-expressed' && t.lemma === 'thank' && toks[c.end]?.lower === 'you') continue;
    // "asked whether it would take part", "asked the Secretariat what would happen": a question, not a demand
    if (type === 'demand-made' && t.lemma === 'ask' && toks.slice(c.end, Math.min(cl.end, c.end + 5)).some((x) => ['whether', 'if', 'about', 'how', 'what', 'why', 'when', 'which'].includes(x.lower)) && !toks.slice(c.end, Math.min(cl.end, c.end + 5)).some((x) => x.lower === 'to')) continue;
    // "MPs pressed ministers for an hour about Britain's role": questioning, not a demand ("pressed Kyiv to", "pressed for" are)
    if (type === 'demand-made' && t.lemma === 'press' && toks.slice(c.end, Math.min(cl.end, c.end + 8)).some((x) => x.lower === 'about' || x.lower === 'on') && toks[c.end]?.lower !== 'for' && !toks.slice(c.end, Math.min(cl.end, c.end + 8)).some((x, k, arr) => x.lower === 'to' && arr[k + 1]?.pos === 'VERB')) continue;
    // "\"What happens in September?\" Moreau asked.": asking with nothing asked for is a question, not a demand
    if (type === 'demand-made' && t.lemma === 'ask' && (!toks[c.end] || /^[.!?,;]$/.test(toks[c.end].text))) continue;
    // "would contribute a battalion if the AU asked": a request inside a conditional is the actor's condition, not a demand
    // "provided parliament approves the deployment": an approval inside the condition is no one's support
    if ((type === 'demand-made' || type === 'support-expressed') && insideConditional(toks, c.start, cl.start)) continue;
    // "ready to contribute if asked", "once requested": a passive request is the actor's condition, not its demand
    if (type === 'demand-made' && /ed$/.test(t.lower) && ['if', 'when', 'unless', 'once', 'until'].includes(toks[c.start - 1]?.lower ?? '')) continue;
    // "does not want troops from ...": not wanting to do something is a refusal, read with the contribution
    if (type === 'opposition-expressed' && toks[c.end - 1].lemma === 'want' && toks[c.end]?.lower === 'to') continue;
    // "does not want troops from ...", but not "does not want a wider war": a force or a measure is what is not wanted
    if (type === 'opposition-expressed' && toks[c.end - 1].lemma === 'want' && !assetsOf(toks, c.end, Math.min(cl.end, c.end + 4)).length && !measureAhead(toks, c.end, cl.end) && !ccues.some((x) => x.cat === 'mission' && x.start >= c.end && x.start < c.end + 4)) continue;
    // "blocked the plan", "resisted the proposal": these verbs oppose only a measure, not a ship or a road
    if (type === 'opposition-expressed' && lx.measureVerbs.has(t.lemma) && !measureAhead(toks, c.end, cl.end)) continue;
    // "open to talks without preconditions": no condition at all
    if (type === 'condition-set' && ['without', 'no'].includes(toks[c.start - 1]?.lower ?? '') && /^pre(condition|requisite)/.test(c.phrase)) continue;
    // "would keep its contingent as long as the mission lasted": how long, not on what condition
    if (type === 'condition-set' && /long as$/.test(c.phrase) && durationAhead(toks, c.end, cl.end)) continue;
    // "is considering how it can support Poland's air defences": support in kind, under consideration
    if (type === 'support-expressed' && t.pos === 'VERB' && assetsOf(toks, c.end, Math.min(cl.end, c.end + 5)).length && ccues.some((x) => x.cat === 'considered' && x.end <= c.start && CONSIDER_VERBS.includes(x.phrase))) type = 'pledge-considered';
    if ((single || t.pos === 'NOUN') && (type === 'support-expressed' || type === 'opposition-expressed' || type === 'demand-made')) {
      // a bare noun is an event only with its actor attached (U.S. support, Russian demands)
      if (t.pos === 'NOUN' && !isVerbLikeAt(toks, c.start, resolved)) {
        const att = attached(resolved, c.start, toks);
        // "Ukraine's troop demand didn't spring up overnight": talked about, not stated here
        // "rejected China's demand for a retraction": the object of someone else's verb
        if (att && !isVerbLike(c.end) && !backgroundNoun(toks, att.start) && !objectOfVerb(toks, cl.start, att.start) && !thankedFor(toks, att.start)) candidates.push({ type, group: att, how: 'possessor', cue: c, strong: false });
        continue;
      }
      if (t.pos === 'ADV' || t.pos === 'ADP') continue;
    }
    // "Our parliament would have to approve it", "the Bundestag must authorise any deployment": a required approval is a condition
    if (type === 'support-expressed' && APPROVAL_VERBS.has(t.lemma) && toks.slice(Math.max(cl.start, c.start - 3), c.start).some((x, k, arr) => x.lower === 'must' || ((x.lower === 'to') && ['have', 'has', 'need', 'needs', 'had'].includes(arr[k - 1]?.lower ?? '')))) type = 'condition-set';
    // "willing to support the Palestinian police with training", "will back the mission with two frigates": support in kind
    if (type === 'support-expressed' && t.pos === 'VERB' && ['support', 'back', 'help', 'assist'].includes(t.lemma)) {
      const w = toks.findIndex((x, k) => k >= c.end && k < cl.end && x.lower === 'with');
      if (w > 0 && (assetsOf(toks, w + 1, Math.min(cl.end, w + 5)).length || ['training', 'equipment', 'funding', 'money', 'logistics'].includes(toks[w + 1]?.lower ?? ''))) type = toks.slice(Math.max(cl.start, c.start - 3), c.start).some((x) => ['could', 'might', 'may'].includes(x.lower)) ? 'pledge-considered' : 'pledge-announced';
    }
    // "Whatever they call a red line today, they move tomorrow": a free relative describes, it states nothing
    // ("under whatever flag": after a preposition it only picks the flag)
    if (toks.slice(cl.start, c.start).some((x, k) => (x.lower === 'whatever' || x.lower === 'whoever' || x.lower === 'whichever') && toks[cl.start + k - 1]?.pos !== 'ADP')) continue;
    // "I welcome my brother, the Jordanian minister, back to Cairo": a greeting
    if (type === 'support-expressed' && t.lemma === 'welcome' && toks.slice(c.end, Math.min(cl.end, c.end + 10)).some((x) => x.lower === 'back' || GREETED.has(x.lower))) continue;
    // "Good morning and welcome to our live coverage", "Welcome to the briefing": a host's welcome
    if (type === 'support-expressed' && t.lower === 'welcome' && (toks[c.end]?.lower === 'to' || toks[c.end]?.lower === 'back') && !toks.slice(cl.start, c.start).some((x) => x.pos === 'PRON' || x.pos === 'AUX')) continue;
    // "rejected any suggestion of Russian involvement", "dismissed the accusations": a denial, not a stance on a measure
    if (type === 'opposition-expressed' && ['reject', 'dismiss', 'deny', 'refute'].includes(t.lemma) && toks.slice(c.end, Math.min(cl.end, c.end + 4)).some((x) => DENIED.has(x.lemma) || DENIED.has(x.lower))) continue;
    // "Rwanda denies supporting the rebels": an accusation denied, no stance
    if (type === 'support-expressed' && toks[c.start - 1]?.lemma === 'deny') continue;
    // "did not support the deployment", "cannot back the plan": support denied outright is opposition
    if (type === 'support-expressed' && t.pos === 'VERB' && ['support', 'back', 'endorse', 'favour', 'favor'].includes(t.lemma) && negatedBefore(toks, c.start, cl.start, 2) && toks[c.end] && (['DET', 'NOUN', 'PROPN', 'ADJ', 'PRON'].includes(toks[c.end].pos) || /ing$/.test(toks[c.end].lower))) type = 'opposition-expressed';
    // "has not yet confirmed ... to accept": a negated support/demand is no statement of it
    else if ((type === 'support-expressed' || type === 'demand-made') && negatedBefore(toks, c.start, cl.start, 14)) continue;
    // "did not criticise the launch", "has so far not threatened to block it": an opposition or threat denied is none
    else if ((type === 'opposition-expressed' || type === 'red-line-stated') && deniedVerb(toks, c)) continue;
    // participles used as adjectives describe, they don't state: "UN-mandated forces"
    const att = (t.pos === 'NOUN' || t.pos === 'PROPN' || (t.pos === 'ADJ' && !single)) ? attached(resolved, c.start, toks) : null;
    let who: { group: ActorGroup | null; how: Candidate['how'] } = byAgent ? { group: byAgent, how: 'subject' } : att ? { group: att, how: 'possessor' } : subjectFor(c.start);
    // a quoted demand, threat or stance is the quoted speaker's, whoever the quote talks about
    // ... but not the subject that opens the quote: 'Vilnius "calls on the authorities to ...," he said'
    // ('Serbia will "not stand and watch"': past an auxiliary too)
    const quoteOpener = who.how === 'subject' && !!who.group && !insideQuote(toks, who.group.start) && toks.slice(who.group.end, who.group.end + 3).some((x, k, arr) => QUOTES.has(x.text) && arr.slice(0, k).every((y) => y.pos === 'AUX' || y.pos === 'ADV' || AUXILIARIES.has(y.lower)));
    // ... and in an interview answer, "The Kremlin has warned that Russia would take \"countermeasures\"": the words quoted
    // from an actor the answer reports are that actor's, not the interviewee's
    const reportedQuote = !ownSpeaker && answer && who.how === 'subject' && !!who.group && !insideQuote(toks, who.group.start) && reportedBy(toks, resolved, c.start);
    if (speaker && insideQuote(toks, c.start) && !insideQuote(toks, speaker.start) && !quoteOpener && !reportedQuote) who = { group: speaker, how: 'speaker' };
    if (type === 'demand-made' && c.cat === 'demand-weak' && (quoted(c.start) || reported(toks, c.start) || othersObliged(toks, c, resolved, speaker))) {
      let rep = speaker && insideQuote(toks, c.start) && !insideQuote(toks, speaker.start) ? null : reporterOf(toks, c.start, resolved);
      // "I would say the Israeli forces must withdraw": the subject of must is the one obliged, not the reporter
      if (rep && rep.end >= prevWord(toks, c.start) + 1 && rep.end <= c.start && speaker && speaker !== rep) rep = null;
      // "X said in a statement that Iran must cooperate": the one who says must, not the one who must
      if (rep ?? speaker) who = { group: (rep ?? speaker)!, how: 'speaker' };
      else if (who.how === 'subject') continue;
    }
    // "were again likely to block the package": a forecast of the actor's move, not its statement
    if (PREDICTION.test(toks.slice(Math.max(cl.start, c.start - 3), c.start).map((x) => x.lower).join(' '))) continue;
    // "Seoul had crossed a red line": the one who says so draws the line, not the one crossing it
    // "warned that Manila would bear the consequences": the one who bears them is threatened, not threatening
    // "Russia said British troops would be legitimate targets", "said U.S. bases would be targeted": the subject is the one threatened
    const victim = type === 'red-line-stated' && /target|^(be|become) |^(would|will) be |attack$/.test(c.phrase);
    if (victim && !att && speaker && who.group && who.group !== speaker && who.how === 'subject' && speaker.end <= who.group.start) who = { group: speaker, how: 'speaker' };
    else if (type === 'red-line-stated' && !att && (toks.slice(Math.max(0, c.start - 3), c.start).some((x) => x.lemma === 'cross' || (SUFFER.has(x.lemma) && x.pos === 'VERB')) || SUFFER.has(toks[c.start].lemma) || SUFFER.has(toks[c.start].lower))) {
      const rep = reporterOf(toks, c.start, resolved);
      // "Medvedev said the transfer would cross a red line": the reporter is the nearest subject, and says it
      const says = !!rep && (lexicon().speechVerbs.has(toks[rep.end]?.lemma ?? '') || lexicon().speechVerbs.has(toks[rep.end]?.lower ?? ''));
      // "Israel will pay a heavy price, Iran's foreign ministry said": the speaker after it
      who = rep && (rep !== who.group || says) ? { group: rep, how: 'speaker' } : speaker && speaker !== who.group && speaker.start > c.start ? { group: speaker, how: 'speaker' } : { group: null, how: 'subject' };
    }
    // "would be a \"red line\" for Cairo": the line is Cairo's
    if (type === 'red-line-stated' && /^red lines?$/.test(c.phrase)) {
      let k = c.end;
      while (QUOTES.has(toks[k]?.text ?? '')) k++;
      const owner = toks[k]?.lower === 'for' ? resolved.find((g) => g.start === k + 1 || (g.start === k + 2 && toks[k + 1].lower === 'the')) : undefined;
      if (owner) who = { group: owner, how: 'speaker' };
    }
    // "The United States is welcome to expand its presence": the one welcomed is the object; the speaker welcomes
    if (type === 'support-expressed' && t.lemma === 'welcome' && ['is', 'are', 'was', 'were', 'be'].includes(toks[c.start - 1]?.lower ?? '') && toks[c.end]?.lower === 'to') {
      if (!speaker || (who.group && who.group.members.some((m) => speaker!.members.some((x) => x.code === m.code)))) continue;
      who = { group: speaker, how: 'speaker' };
    }
    if (!who.group) continue;
    // "even willing leaders need legislative approval": needing something is the actor's condition only when said of it
    // ("said any deployment would need the approval of both chambers": the actor's own contribution needing it is)
    const ownContribution = (from: number) => ccues.some((x) => (x.cat === 'contribution-noun' || x.cat === 'mission') && x.start >= from && x.start < c.start) || assetsOf(toks, from, c.start).length > 0;
    if (type === 'condition-set' && t.lemma === 'need' && (who.how !== 'subject' || (toks.slice(who.group.end, c.start).some((x) => x.pos === 'NOUN' || x.pos === 'PROPN') && !ownContribution(who.group.end)))) continue;
    // "When the Security Council voted to endorse the force, ...", "if Moldova asks for it", "what Israel will and will
    // not accept": not a statement of its own
    if ((who.how === 'subject' || who.how === 'inherited') && subordinate(toks, who.group)) continue;
    // "Egypt, which backs the army, has warned ...": the relative clause describes the actor
    if (relativeMask(toks)[c.start]) continue;
    // "..., with Macron insisting on guarantees": an absolute clause that reports in passing, not a statement
    if (who.how === 'subject' && /ing$/.test(t.lower) && toks[who.group.start - 1]?.lower === 'with') continue;
    // "Zelensky emphasized this as a non-negotiable minimum": restates a position stated before
    const anaphoric = (type === 'demand-made' || type === 'support-expressed' || type === 'opposition-expressed') &&
      toks.slice(Math.max(cl.start, c.start - 6), c.start).some((x, k, arr) => ['this', 'that', 'it'].includes(x.lower) && arr[k + 1]?.lower === 'as');
    if (conjecture(toks, s, c.start, answer)) continue;
    candidates.push({ type, group: who.group, how: who.how, cue: c, strong: c.end - c.start > 1, anaphoric });
  }

}

/** warnings, regarding-as, verdicts, bracketed and colon lists, nominal cues (split out of fromSentence so V8 can optimise each part) */
function otherCandidates(x: ClauseCtx): void {
  const { s, toks, lx, cues, ccues, cl, resolved, speaker, answer, quoted, subjectFor, has, assetsIn, candidates, publishedOn, colon, inClause } = x;
  // "Trump has said there will be no U.S. troops in Gaza", "There will be no permanent basing of German combat aircraft":
  // a force that will not be there is refused by its owner, else by whoever says so
  for (let k = cl.start; k + 4 < cl.end; k++) {
    if (toks[k].lower !== 'there' || !['will', 'would', "'ll"].includes(toks[k + 1].lower) || toks[k + 2].lemma !== 'be' || toks[k + 3].lower !== 'no') continue;
    const np = Math.min(cl.end, k + 12);
    if (!assetsIn(k + 4, np).length && !has('mission', k + 4, np) && !has('contribution-noun', k + 4, np)) continue;
    const owner = resolved.find((g) => g.start > k + 3 && g.start < np && (g.slot === 'modifier' || g.slot === 'possessor' || (g.slot === 'oblique' && g.prep === 'of')) && g.members.some((m) => m.code && isCountry(m)));
    const who = owner ? { group: owner, how: 'possessor' as const } : subjectFor(k);
    if (!who.group) continue;
    // ("there will be no reduction of American troops": none withdrawn is a promise to stay)
    const kept = toks.slice(k + 4, k + 7).some((t) => ['reduction', 'cut', 'withdrawal', 'drawdown', 'decrease', 'pullout'].includes(t.lemma));
    candidates.push({ type: kept ? 'pledge-announced' : 'pledge-refused', group: who.group, how: who.how, cue: { start: k, end: k + 4, cat: kept ? 'contribution' : 'refused', phrase: 'there will be no' }, strong: true });
  }
  // an answer about joining: "We are looking at it seriously.", "we are examining that request": the speaker considers it
  if (answer && speaker) {
    for (const c of ccues) {
      if (c.cat !== 'considered' || !(CONSIDER_VERBS.includes(c.phrase) || c.phrase === 'look at' || c.phrase === 'assess' || c.phrase === 'review')) continue;
      const obj = toks[c.end]?.lower === 'that' || toks[c.end]?.lower === 'this' ? toks[c.end + 1]?.lower ?? 'that' : toks[c.end]?.lower;
      if (!['it', 'that', 'this', 'request', 'offer', 'idea', 'proposal', 'option'].includes(obj ?? '')) continue;
      const we = toks.slice(Math.max(cl.start, c.start - 4), c.start).some((t) => t.lower === 'we');
      if (we) candidates.push({ type: 'pledge-considered', group: speaker, how: 'speaker', cue: c, strong: true });
    }
  }
  // "accused Helsinki of piracy and warned it would ...", "warned that their forces will ...": a warning of what the actor will do is a threat
  for (let w = cl.start; w < cl.end; w++) {
    if (toks[w].lemma !== 'warn' || toks[w].pos !== 'VERB') continue;
    let k = w + 1;
    if (toks[k]?.lower === 'that') k++;
    const self = toks[k] && (['it', 'they', 'we', 'its', 'their', 'our'].includes(toks[k].lower) || resolved.some((g) => g.start === k));
    if (!self) continue;
    const modal = toks.slice(k + 1, Math.min(cl.end, k + 6)).findIndex((x) => ['would', 'will', "'ll"].includes(x.lower));
    if (modal < 0) continue;
    const who = subjectFor(w);
    // "warned that Russia would attack": a warning about someone else is not the warner's threat
    const about = resolved.find((g) => g.start === k);
    if (!who.group || (about && !about.members.some((m) => who.group!.members.some((x) => x.code === m.code)))) continue;
    candidates.push({ type: 'red-line-stated', group: who.group, how: who.how, cue: { start: w, end: w + 1, cat: 'red-line-stated', phrase: 'warn' }, strong: false });
  }

  // "would see the deployment of any NATO troops in Ukraine as a direct threat": regarding something as hostile is a red line
  for (let v = cl.start; v < cl.end; v++) {
    if (toks[v].pos !== 'VERB' || !REGARD_VERBS.has(toks[v].lemma)) continue;
    const as = toks.findIndex((t, k) => k > v + 1 && k < Math.min(cl.end, v + 14) && t.lower === 'as');
    if (as < 0 || !toks.slice(as + 1, as + 5).some((t) => HOSTILE.has(t.lower))) continue;
    if (ccues.some((x) => x.cat === 'red-line-stated' && x.start >= v && x.start <= as + 4)) continue;
    const who = subjectFor(v);
    if (!who.group || (who.how === 'subject' && subordinate(toks, who.group))) continue;
    candidates.push({ type: 'red-line-stated', group: who.group, how: who.how, cue: { start: v, end: v + 1, cat: 'red-line-stated', phrase: 'regard as' }, strong: false });
  }

  // "said the reinforcement was destabilising", "the plan is a positive step, he said": a verdict on a measure, said by someone
  for (let v = cl.start + 2; v < cl.end - 1; v++) {
    if (toks[v].lemma !== 'be' || relativeMask(toks)[v]) continue;
    let k = v - 1;
    while (k > cl.start && (toks[k].pos === 'ADV' || toks[k].pos === 'AUX' || AUXILIARIES.has(toks[k].lower))) k--;
    if (!lx.measures.has(toks[k].lemma) && !lx.measures.has(toks[k].lower)) continue;
    let d = v + 1;
    while (d < cl.end && (toks[d].pos === 'ADV' || toks[d].lower === 'a' || toks[d].lower === 'an' || QUOTES.has(toks[d].text)) && d - v < 4) d++;
    if (toks.slice(v + 1, d).some((t) => NEGATORS.has(t.lower))) continue;
    const m = matchAt(lx.descriptors, toks, d, true);
    if (!m) continue;
    const rep = quoted(v) && speaker ? speaker : reported(toks, v) ? reporterOf(toks, v, resolved) : speaker && speaker.start > v ? speaker : null;
    if (!rep || (rep.slot === 'subject' && subordinate(toks, rep)) || conjecture(toks, s, v, answer)) continue;
    candidates.push({ type: m.value, group: rep, how: 'speaker', cue: { start: v, end: m.end, cat: m.value, phrase: 'verdict' }, strong: false });
  }

  // "Pledges so far include Germany (€500m), the Netherlands (€300m) and Sweden (two frigates)": amounts in brackets after
  // each contributor, in a sentence about pledges
  if (PLEDGE_LIST.test(s.text)) {
    for (const g of resolved) {
      if (!inClause(g.start) || toks[g.end]?.text !== '(') continue;
      const close = toks.findIndex((t, k) => k > g.end && t.text === ')');
      if (close < 0 || close - g.end > 8) continue;
      if (!findQuantities(toks, g.end + 1, close).length && !assetsIn(g.end + 1, close).length) continue;
      candidates.push({ type: 'pledge-announced', group: { ...g, members: g.members }, how: 'subject', cue: { start: g.end, end: close + 1, cat: 'contribution', phrase: '(' }, strong: false });
    }
  }
  // "Sweden, Norway and Denmark: a joint package of about $500 million": a list of pledges
  if (colon > 0 && cl.start <= colon + 1 && cl.end > colon) {
    const lead = resolved.find((g) => g.start === 0 && g.end === colon);
    const rest = toks.slice(colon + 1, cl.end);
    // "Mali and Niger: The two countries reject the force": a stance after the colon is no pledge
    const stance = ccues.some((x) => x.start > colon && (x.cat === 'opposition-expressed' || x.cat === 'refused' || x.cat === 'red-line-stated'));
    const negated = rest.some((t) => ['no', 'not', 'none', "n't"].includes(t.lower));
    const hasAsset = assetsIn(colon + 1, cl.end).length > 0 || findQuantities(toks, colon + 1, cl.end).length > 0;
    if (lead && !stance && !negated && hasAsset) {
      // "Italy: considering a naval contribution": the line's own modality
      const considering = ccues.some((x) => x.start > colon && (x.cat === 'considered' || x.cat === 'not-ruled-out') && modalOk(toks, x));
      candidates.push({ type: considering ? 'pledge-considered' : 'pledge-announced', group: lead, how: 'subject', cue: { start: colon, end: colon + 1, cat: 'contribution', phrase: ':' }, strong: considering });
    } else if (lead && negated && hasAsset && (toks[colon + 1]?.lower === 'no' || toks[colon + 1]?.lower === 'not') && !ccues.some((x) => x.start > colon && (x.cat === 'opposition-expressed' || x.cat === 'red-line-stated'))) {
      // "Spain: no troops": a refusal in the list's shorthand
      candidates.push({ type: 'pledge-refused', group: lead, how: 'subject', cue: { start: colon, end: colon + 1, cat: 'refused', phrase: ':' }, strong: true });
    }
  }

  // 3. nominal cues with an attached actor or a light verb: "Russia's red line", "voiced support"
  for (const c of ccues.filter((x) => x.cat === 'nominal')) {
    // "and called on Lima": the verb, not the noun "call"
    if (toks[c.start].pos === 'VERB') continue;
    const att = attached(resolved, c.start, toks);
    const noun = c.phrase;
    const type = nominalType(noun);
    if (!type) continue;
    // "Ukraine's troop demand didn't spring up overnight", "Russia's threats are nothing new": talked about, not stated
    if (att && !type.startsWith('pledge') && (toks[c.end]?.pos === 'AUX' || toks[c.end]?.pos === 'VERB') && !lexicon().speechVerbs.has(toks[c.end].lemma)) continue;
    // "backed Moldova's request", "endorsed a U.S. plan", "condemn Venezuelan threats": the object of someone else's verb
    if (att && objectOfVerb(toks, cl.start, att.start)) continue;
    // "expressed his gratitude for Japan's support": what someone is thanked for
    if (att && thankedFor(toks, att.start)) continue;
    // "welcomed the pledge by the United Kingdom of £12 million": the pledge is the one named after "by"
    if (!att && type === 'pledge-announced' && toks[c.end]?.lower === 'by') {
      const by = resolved.find((g) => g.start === c.end + 1 || (g.start === c.end + 2 && toks[c.end + 1].lower === 'the'));
      if (by && findQuantities(toks, by.end, Math.min(cl.end, by.end + 6)).length) {
        candidates.push({ type, group: { ...by, slot: 'possessor' }, how: 'possessor', cue: c, strong: false });
        continue;
      }
    }
    if (type.startsWith('pledge')) {
      if (!assetsIn(cl.start, cl.end).length && !has('mission')) continue;
      // "any French troop deployment": hypothetical, and a demonym alone does not pledge
      if (toks.slice(Math.max(cl.start, c.start - 3), c.start).some((t) => t.lower === 'any' || t.lower === 'no')) continue;
      if (att && att.members.every((m) => m.kinds.every((k) => k === 'demonym'))) continue;
      if (history(toks, s, cl, c, publishedOn, answer)) continue;
    }
    if (att) {
      if (backgroundNoun(toks, att.start)) continue;
      candidates.push({ type, group: att, how: 'possessor', cue: c, strong: false });
      continue;
    }
    // "drew criticism from Turkey", "faced opposition from Hungary", "won the backing of Germany": the one it comes from
    if (!type.startsWith('pledge') && ['from', 'of', 'by'].includes(toks[c.end]?.lower ?? '')) {
      const source = resolved.find((g) => g.start === c.end + 1 || (g.start === c.end + 2 && toks[c.end + 1].lower === 'the'));
      if (source && lightOrReceiving(toks, c.start, cl.start)) {
        candidates.push({ type, group: source, how: 'possessor', cue: c, strong: false });
        continue;
      }
    }
    const lv = lightVerbBefore(toks, c.start, cl.start);
    // "could send a company if the Riigikogu gives its approval": support inside the condition is no one's support, as for verbs
    if (lv && (type === 'demand-made' || type === 'support-expressed') && insideConditional(toks, lv, cl.start)) continue;
    if (lv) {
      const who = subjectFor(lv);
      // "He set conditions for supporting it.": a bare noun after a pronoun restates what the article already reported
      if (who.group) candidates.push({ type, group: who.group, how: who.how, cue: c, strong: false, anaphoric: who.how === 'pronoun' || who.how === 'inherited' });
    }
  }

}
/** a capital first letter (an ASCII test first: this runs on every token of a sentence) */
function capitalised(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  return /^\p{Lu}/u.test(text);
}

const BE_FORMS = new Set(['been', 'was', 'were', 'be', 'is', 'are', 'being', 'am', "'m", "'re"]);
/** "was asked", "had been urged", "I am asked": a participle after a form of "be" (not "is seeking") */
function passiveAt(toks: Token[], i: number): boolean {
  return !/ing$/.test(toks[i].lower) && BE_FORMS.has(toks[prevWord(toks, i)]?.lower ?? '');
}
