// From clean article text to the sentences worth reading: headings, table rows and the page
// furniture after "Related Articles" are dropped; list items are kept without their bullet.
import { lexicon } from './lexicon';
import { sentencesOf, type Token } from './nlp';

const WORDS = /[\p{L}']+/gu;

/** Cheap pre-check: does any word of the line start like a cue that can trigger an event? */
function mayState(line: string): boolean {
  const triggers = lexicon().triggers;
  // word by word, so the scan stops at the first cue (splitting first read every line to its end)
  for (const [w] of line.toLowerCase().matchAll(WORDS)) {
    if (w.length < 2) continue;
    if (triggers.has(w.slice(0, 4)) || triggers.has(w.slice(0, 3)) || triggers.has(w)) return true;
  }
  return false;
}

export interface Sentence {
  text: string;
  start: number;
  end: number;
  tokens: Token[];
  paragraph: number;
  listItem: boolean;
  /** a line of an interview answer ("A: ...") */
  answer: boolean;
  /** an operative paragraph of a communiqué or resolution ("22. WELCOMES the decision ..."): its subject is the issuing body */
  operative?: boolean;
  /** the paragraph right after a question paragraph: in an interview, the answer */
  afterQuestion?: boolean;
  /** the speaker label of the transcript turn the sentence belongs to ("HIGH REPRESENTATIVE", "SECRETARY RUBIO") */
  turn?: string;
  /** the transcript was recognised by its askers' labels: an unresolved label does not make the sentence an answer */
  turnByAsker?: boolean;
  /** the heading the sentence sits under ("Indonesia", "RUSSIA AND CHINA") and its paragraph's place under it (0: first) */
  section?: { text: string; order: number };
}

// Lines that start the page furniture under an article; everything after them is not the article.
const BOILERPLATE_START =
  /^(related (articles|stories|posts|content|coverage)|read (more|next|also)|more (from|stories|on this)|top (trending|stories)|trending( now)?|you may also like|recommended( for you)?|most (read|popular|viewed)|latest (news|stories)|also read|see also|further reading|share this( article)?|sign up for|follow us|more news)\b/i;
// Single furniture lines that may sit inside the article.
const FURNITURE = /^(search|close this search box\.?|advertisement|subscribe( to our newsletter| now)?|share|tweet|print|email|skip to (main )?content|menu|copyright\b.*|©.*|all rights reserved.*|photo:.*|image:.*|getty images|reuters\/?.*|listen to this article.*|sign up (?:to|for)\b.*)$/i;
const POST_STAMP_LEAD = /^[*_]{0,2}\d{1,2}[:.]\d{2}(?:\s*(?:GMT|BST|UTC|CET|CEST|EET|EEST|ET|EST|EDT|PT|PST|PDT|IST|JST))?[*_]{0,2}\s*[–—|:-]\s+/;
const BULLET = /^\s*(?:[-–—•·*▪●◦‣]|\d{1,2}[.)]|\(?[a-z]\))\s+/;

function isTableRow(line: string): boolean {
  if (line.includes('\t')) return true;
  if ((line.match(/\|/g) ?? []).length >= 2) return true;
  // cells laid out with runs of spaces
  return (line.match(/\S {2,}\S/g) ?? []).length >= 2;
}

function isHeading(line: string): boolean {
  const words = line.split(/\s+/).length;
  // 'China urges restraint "by all parties"': a quote that closes a line without a stop closes a heading
  if (/[^.!?,]["”]$/.test(line) && words <= 12) return true;
  if (/[.!?…"”’)]$/.test(line)) return false;
  return words <= 16;
}

// "SEÁN CARRICK (MINISTER FOR DEFENCE): Most of them, yes." — a speaker label in capitals, at least two words
const TURN_LABEL = /^\s*(\p{Lu}[\p{Lu}\p{M}'’.-]*(?: \p{Lu}[\p{Lu}\p{M}'’.-]*){1,3})(?:\s*\([^)]{2,60}\))?:\s+(?=.*\p{Ll})/u;
// "MODERATOR: ...", "Q: ...", "HIGH REPRESENTATIVE: ...", "SECRETARY RUBIO: ...", "QUESTION (Al-Qahira News): ...": a
// speaker label of one to four words in capitals, with an optional parenthesis
const ANY_LABEL = /^\s*(\p{Lu}[\p{Lu}\p{M}'’.-]*(?: \p{Lu}[\p{Lu}\p{M}'’.-]*){0,3})(?:\s*\(([^)]{2,60})\))?:\s+(?=.*\p{Ll})/u;
/** labels of those who ask or chair: their turns state nothing */
const ASKER = /^(?:Q|QUESTION|QUESTIONS|MODERATOR|HOST|INTERVIEWER|PRESENTER|ANCHOR|REPORTER|JOURNALIST|AUDIENCE|AUDIENCE MEMBER|PARTICIPANT)$/;
/** labels that are no speaker: notes and furniture inside a transcript */
const NOT_SPEAKER = /^(?:NOTE|NOTES|EDITOR'S NOTE|EDITOR’S NOTE|UPDATE|UPDATED|SOURCE|SOURCES|CORRECTION|CLARIFICATION|PHOTO|WATCH|READ MORE|BACKGROUND|CONTEXT|TRANSCRIPT|VIDEO|AUDIO)$/;
/** "ENDS", "-END-", "###": the end of a release or transcript; what follows are notes for editors */
const END_MARK = /^\W*(?:ends?|end of (?:transcript|release|statement)|###)\W*$/i;
export interface Turn {
  role: 'host' | 'guest';
  /** the speaker label ("HIGH REPRESENTATIVE", "SECRETARY RUBIO", "SEÁN CARRICK (MINISTER FOR DEFENCE)") */
  label: string;
  /** the label names the speaker on its line only (an unlabelled paragraph after it continues the turn) */
  labelled: boolean;
  /** a transcript recognised by its askers' labels (MODERATOR, Q, HOST), not by two multi-word speakers */
  byAsker: boolean;
}
/**
 * The turns of a transcript. Either two speaker labels of two or more words, each starting at least two lines: the
 * first to speak is the host (questions and premises), the other answers. Or labels of those who ask or chair
 * (MODERATOR, Q, QUESTION, HOST) beside speakers who answer, at least one of them twice: a press conference or
 * briefing, where each answering label speaks for whoever it names, and an unlabelled paragraph after an answer
 * continues it. Null when the text is no transcript.
 */
function transcriptTurns(lines: string[]): Map<number, Turn> | null {
  const labels = new Map<number, string>();
  const counts = new Map<string, number>();
  const any = new Map<number, { base: string; label: string }>();
  const anyCounts = new Map<string, number>();
  for (const [n, line] of lines.entries()) {
    const a = ANY_LABEL.exec(line);
    if (a && (a[1].length > 1 || a[1] === 'Q')) {
      const base = a[1].replace(/[.'’-]+$/, '');
      any.set(n, { base, label: a[0].replace(/:\s+$/, '').trim() });
      anyCounts.set(base, (anyCounts.get(base) ?? 0) + 1);
    }
    const m = TURN_LABEL.exec(line);
    if (!m) continue;
    labels.set(n, m[1]);
    counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  const speakers = [...counts.entries()].filter(([, c]) => c >= 2).map(([l]) => l);
  const out = new Map<number, Turn>();
  const askers = [...anyCounts.keys()].filter((b) => ASKER.test(b));
  const answering = [...anyCounts.entries()].filter(([b, c]) => !ASKER.test(b) && !NOT_SPEAKER.test(b) && c >= 2);
  if (speakers.length >= 2 && !askers.length) {
    const host = labels.get(Math.min(...[...labels.keys()].filter((n) => speakers.includes(labels.get(n)!))))!;
    for (const [n, label] of labels) if (speakers.includes(label)) out.set(n, { role: label === host ? 'host' : 'guest', label: any.get(n)?.label ?? label, labelled: true, byAsker: false });
    return out;
  }
  if (!askers.length || !answering.length) return null;
  let current: Turn | null = null;
  for (const [n, line] of lines.entries()) {
    const l = any.get(n);
    if (l && !NOT_SPEAKER.test(l.base)) {
      current = { role: ASKER.test(l.base) ? 'host' : 'guest', label: l.label, labelled: true, byAsker: true };
      out.set(n, current);
    } else if (current?.role === 'guest' && line.trim()) {
      // "ENDS", the notes after it: no more of the answer
      if (END_MARK.test(line.trim())) current = null;
      else out.set(n, { ...current, labelled: false });
    }
  }
  return out;
}

/** a line of at least 25 words ending a sentence somewhere after `from`: the article continues there */
function proseFollows(clean: string, from: number): boolean {
  for (const line of clean.slice(from).split('\n')) {
    const t = line.trim();
    if (BOILERPLATE_START.test(t)) return false;
    if (t.split(/\s+/).length >= 25 && /[.!?"”]$/.test(t)) return true;
  }
  return false;
}

export function sentences(clean: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  let pos = 0;
  let bodySeen = 0;
  let afterQuestion = false;
  let preamble = false;
  // the heading over the lines being read ("Indonesia", "AUSTRALIA AND CANADA") and how many paragraphs came since
  let section: string | null = null;
  let sectionOrder = 0;
  const lines = clean.split('\n');
  const turns = transcriptTurns(lines);
  for (const [n, rawLine] of lines.entries()) {
    const lineStart = pos;
    pos += rawLine.length + 1;
    let line = rawLine.trim();
    if (!line) continue;
    // a transcript: the host's turns ask, the guest's turns answer, and the speaker label is not part of the statement
    const turn = turns?.get(n);
    if (turn?.role === 'host') continue;
    let labelEnd = 0;
    if (turn?.labelled) {
      labelEnd = rawLine.indexOf(line) + line.match(turn.byAsker ? ANY_LABEL : TURN_LABEL)![0].length;
      line = rawLine.slice(labelEnd).trim();
    }
    if (END_MARK.test(line) && bodySeen > 2 && !proseFollows(clean, pos)) break;
    if (BOILERPLATE_START.test(line) && bodySeen > 2) {
      // "Read more: Transnistria's gas crisis, explained" between two paragraphs is a link inside the article: the
      // story goes on when a paragraph of prose follows
      if (proseFollows(clean, pos)) continue;
      break;
    }
    if (FURNITURE.test(line)) continue;
    // "Correction: an earlier version said X. X is in fact Y.": a correction restates what the story already says
    if (/^(?:Correction|Clarification)\s*[:\-–—]/.test(line)) continue;
    // a row of a pledge table or a "Country – amount" line reads as "Country: amount" (same offsets, so the
    // evidence is the line itself); other table rows are dropped
    const listed = listLine(rawLine, isSeparatorRow(lines[n + 1] ?? ''));
    if (!listed && isTableRow(rawLine)) continue;
    // interview questions ask, they state nothing
    if (/^(q|question)\s*[:.]/i.test(line)) continue;
    // "There were reports that Oslo asked for a mission. Is that true?": a short paragraph ending in a question is the
    // interviewer's, premises included
    // ("**What would replace the current format?**": a question set in bold is one too)
    if (/\?[*_]*$/.test(line) && line.split(/\s+/).length <= 40) {
      afterQuestion = true;
      // "What happens next?": a question heading closes the section before it
      if (!BULLET.test(line)) section = null;
      continue;
    }
    let bullet = line.match(BULLET);
    // "2. ROME ADDS A SECOND FRIGATE": a numbered headline in capitals heads the item below it
    if (bullet && !listed && /^[^\p{Ll}]*$/u.test(line) && /\p{Lu}{2,}\s+\p{Lu}{2,}/u.test(line) && isHeading(line.slice(bullet[0].length))) {
      line = line.slice(bullet[0].length);
      bullet = null;
    }
    if (!bullet && !listed && isHeading(line)) {
      section = line;
      sectionOrder = 0;
      continue;
    }
    if (/^[—–-]+$/.test(line)) continue;
    // "**12:15** – The State Department ...": a live-blog post's time stamp is no part of its first sentence
    const stamp = bullet ? null : line.match(POST_STAMP_LEAD);
    const lead = (labelEnd ? labelEnd + rawLine.slice(labelEnd).indexOf(line) : rawLine.indexOf(line)) + (bullet ? bullet[0].length : 0) + (stamp ? stamp[0].length : 0);
    let body = (listed ?? rawLine).slice(lead).trimEnd();
    if (!body) continue;
    // "24. CALLS ON the Security Council to ...", "and REQUESTS the Commission to ...": the capitalised verbs of a
    // communiqué read in lower case (same length, so offsets hold); the issuer is found by the extractor
    // "We, the Heads of Government of ..., meeting in Georgetown:" then "1. Reaffirm our support ...": a declaration's
    // numbered paragraphs open with the signatories' verb in the base form
    if (DECLARATION_PREAMBLE.test(line)) preamble = true;
    const baseOperative = preamble && !!bullet && BASE_OPERATIVE.test(body);
    if (baseOperative) body = body.replace(/^\p{Lu}/u, (w) => w.toLowerCase());
    const operative = (!!bullet && OPERATIVE.test(body)) || baseOperative;
    if (operative) body = body.replace(/(?<=^|\band\s|;\s)\p{Lu}{3,}S(?:\s+(?:ON|UPON|NOTE|DEEP|GRAVE|SERIOUS|CONCERN|ITS|FULL|FIRM))*\b/gu, (w) => w.toLowerCase());
    paragraph++;
    const inSection = section ? { text: section, order: sectionOrder++ } : null;
    bodySeen++;
    // lines without a cue still introduce office holders ("Defence Minister Hanno Pevkur") and list pledges ("Canada: C$200 million")
    if (!mayState(body) && !INTRODUCES.test(body) && !COLON_LIST.test(body) && !JOINT_TEXT.test(body)) continue;
    const answer = /^(a|answer)\s*[:.]\s/i.test(body) || (turn?.role === 'guest' && !turn.byAsker);
    const replies = afterQuestion;
    afterQuestion = false;
    for (const toks of mergeQuotes(mergeAbbreviations(splitMissedEnds(sentencesOf(body, lineStart + lead))))) {
      if (!toks.length || toks[toks.length - 1].text === '?') continue;
      const start = toks[0].start;
      const end = toks[toks.length - 1].end;
      // the tagger often reads a bare verb opening a line as a noun ("Call/NOUN on Venezuela ...")
      if (baseOperative && start === lineStart + lead && toks[0].pos !== 'VERB') toks[0].pos = 'VERB';
      out.push({ text: clean.slice(start, end), start, end, tokens: toks, paragraph, listItem: !!bullet, answer, operative, ...(replies ? { afterQuestion: true } : {}), ...(turn?.role === 'guest' ? { turn: turn.label, turnByAsker: turn.byAsker } : {}), ...(inSection ? { section: inSection } : {}) });
    }
  }
  return out;
}

// "| Norway | NOK 7 billion for launchers | Announced Wednesday |", "Poland | 18 monitors | 2023", "Denmark – DKK 1.2
// billion for ammunition": a short capitalised first cell (a country, not a heading like "Other member states (about
// 17)") followed by the pledge. The first separator becomes a colon, later ones commas, the outer
// pipes spaces.
// ("Ecuador — President Daniel Noboa": an actor cell may name who inside it spoke)
const LEAD_CELL = /^\p{Lu}[\p{L} .'’—–-]{1,58}$/u;
// a cell that opens on a verb in the third person, a modal or a negation ("Supports", "Will not send", "No troops")
const STANCE_CELL = /^\s*(?:\p{Lu}\p{Ll}+(?:s|ed)|Will|Would|Could|Can|Cannot|Has|Is|Not|No|Ready|Open|Considering|Weighing|Undecided)\b/u;
/** "|---|:---:|": the line under a table's header */
function isSeparatorRow(raw: string): boolean {
  return /^\s*\|?\s*:?-{2,}/.test(raw);
}
function listLine(raw: string, header = false): string | null {
  const pipes = (raw.match(/\|/g) ?? []).length;
  if (pipes >= 2 || (pipes === 1 && !/[.!?"”]\s*$/.test(raw))) {
    if (isSeparatorRow(raw) || header) return null;
    const cells = raw.split('|');
    const first = cells[0].trim() ? 0 : 1;
    // the amount may sit in any later cell ("France | Humanitarian aid | EUR 100 million | -"); a stance cell opens on
    // its verb ("Hungary | Opposes and will not take part |", "Italy | Says it needs a legal basis |")
    const later = cells.slice(first + 1).join('|');
    if (!LEAD_CELL.test(cells[first]?.trim() ?? '') || !(/\d|\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|a dozen)\b/i.test(later) || STANCE_CELL.test(cells[first + 1] ?? ''))) return null;
    let seen = 0;
    let out = '';
    for (let k = 0; k < raw.length; k++) {
      if (raw[k] !== '|') out += raw[k];
      else if (seen++ < first) out += ' ';
      else if (seen - first === 1) out += ':';
      else out += /^\s*$/.test(raw.slice(k + 1)) ? ' ' : ',';
    }
    return out;
  }
  const dash = raw.match(/^(\s*)([^–—\-:|]{2,40}?) [–—-] (?=\S)/u);
  if (!dash || /[.!?"”]\s*$/.test(raw) || !LEAD_CELL.test(dash[2]) || !/\d/.test(raw.slice(dash[0].length))) return null;
  const at = dash[0].length - 2;
  return raw.slice(0, at) + ':' + raw.slice(at + 1);
}

// an all-capitals verb in the third person opening the paragraph: WELCOMES, CALLS ON, EXPRESSES DEEP CONCERN
// "The Prime Minister of Canada and the Prime Minister of Denmark ... issued the following joint statement:" names who "we" are
export const JOINT_TEXT = /\bjoint (?:statement|declaration|communiqu[eé])\b/i;
const DECLARATION_PREAMBLE = /^We,\s+the\s.{10,}[:,]$/u;
const BASE_OPERATIVE = /^(?:Reaffirm|Reject|Declare|Call|Urge|Welcome|Note|Remain|Agree|Express|Condemn|Commit|Decide|Support|Recogni[sz]e|Encourage|Request|Invite|Appeal|Stress|Underline|Emphasi[sz]e|Affirm|Reiterate|Pledge|Resolve|Acknowledge|Commend|Deplore|Demand|Endorse|Instruct|Mandate|Task|Direct|Approve|Adopt|Insist|Recall|Take|Undertake|Continue|Stand|Oppose|Warn|Refuse|Offer|Thank)\b/u;
const OPERATIVE = /^\p{Lu}{3,}S(?:\s+(?:ON|UPON|NOTE|DEEP|GRAVE|SERIOUS|CONCERN|ITS|FULL|FIRM))*\s/u;

const INTRODUCES = /\b(Minister|President|Chancellor|Secretary|Premier|Ambassador|Envoy|spokes(?:man|woman|person))\s+\p{Lu}|\b(?:spoke|talked) (?:to|with) us\b|\b[Ww]e (?:spoke|talked|sat down) (?:to|with) (?:him|her)\b/u;
const COLON_LIST = /^\p{Lu}[^:]{1,50}:\s*\S/u;

// wink ends a sentence at "U.S." or "Gen." even when the sentence goes on ("U.S. bases in the region would be ...")
const INITIALS = /^(?:\p{Lu}\.)*\p{Lu}\.?$/u;
const TITLE_ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'gen', 'lt', 'col', 'maj', 'capt', 'adm', 'sen', 'rep', 'gov', 'st', 'no', 'vs']);
/**
 * Sentence ends wink misses, before a capital: "... drones worth £25m. A spokesperson added ..." (an amount
 * abbreviated with a stop ends the sentence) and "... never accept it. - Taipei welcomes ..." (bullets run together on
 * one line; the bullet mark belongs to neither sentence).
 */
function splitMissedEnds(sents: Token[][]): Token[][] {
  const out: Token[][] = [];
  for (const s of sents) {
    let from = 0;
    for (let k = 1; k < s.length - 1; k++) {
      if (!/^\p{Lu}/u.test(s[k + 1].text)) continue;
      if (/^(?:\d[\d.,]*)?(?:m|bn|mn|k|b)\.$/i.test(s[k].text) && /\d/.test(s[k].text + s[k - 1].text)) {
        out.push(s.slice(from, k + 1));
        from = k + 1;
      } else if (INLINE_BULLET.has(s[k].text) && /^[.!?;"”’]$/.test(s[k - 1].text)) {
        if (k > from) out.push(s.slice(from, k));
        from = k + 1;
      }
    }
    out.push(from ? s.slice(from) : s);
  }
  return out;
}
const INLINE_BULLET = new Set(['-', '–', '—', '•', '·', '*']);

function mergeAbbreviations(sents: Token[][]): Token[][] {
  const out: Token[][] = [];
  for (const s of sents) {
    const prev = out[out.length - 1];
    if (prev && s.length && prev.length >= 2) {
      const last = prev[prev.length - 1];
      const word = last.text === '.' ? prev[prev.length - 2] : last;
      const abbreviation = (last.text === '.' && last.start === word.end && (INITIALS.test(word.text) || TITLE_ABBREVIATIONS.has(word.lower))) || (/\.$/.test(word.text) && INITIALS.test(word.text));
      const first = s[0].text;
      // "The U.S. | Central Command said ...": a fragment ending in an initialism with no verb of its own is not a sentence
      // "... would send 250 U.S. | Marines to Guyana.": nor is a verbless fragment after one
      const verbless = INITIALS.test(word.text) && (!prev.some((t) => t.pos === 'VERB' || t.pos === 'AUX') || !s.some((t) => t.pos === 'VERB' || t.pos === 'AUX'));
      const continues = /^\p{Ll}/u.test(first) || (TITLE_ABBREVIATIONS.has(word.lower) && /^\p{Lu}/u.test(first)) || verbless;
      // "... Rep. Jane Roe (D-Fla. | ), said ...": a sentence does not open with a closing bracket or a comma
      if ((abbreviation && continues) || /^[),;]$/.test(first)) {
        out[out.length - 1] = prev.concat(s);
        continue;
      }
    }
    out.push(s);
  }
  return out;
}

const OPEN = new Set(['“', '"', '‘']);
const CLOSE = new Set(['”', '"', '’']);

// wink splits inside quotations ("A. B," he said); an analyst quotes the whole passage.
function mergeQuotes(sents: Token[][]): Token[][] {
  const out: Token[][] = [];
  let carry: Token[] | null = null;
  let depth = 0;
  for (const s of sents) {
    const cur: Token[] = carry ? carry.concat(s) : s;
    for (const t of s) {
      if (t.text === '“') depth++;
      else if (t.text === '”') depth = Math.max(0, depth - 1);
      else if (t.text === '"') depth = depth ? 0 : 1;
    }
    if (depth > 0 && cur.length < 120) carry = cur;
    else {
      out.push(cur);
      carry = null;
      depth = 0;
    }
  }
  if (carry) out.push(carry);
  void OPEN;
  void CLOSE;
  return out;
}
