// When a statement's own sentence has no date, the occasion it was made on often does: the sitting a
// debate report covers, the day of a press release or a live blog, the interview, or the dated speech
// act that opened a run of statements by the same speaker ("China said on Thursday ... Guo told a
// regular briefing ... Guo urged"). Statements recalled from earlier ("had said", "has previously
// warned", "last year") and background passages do not take the occasion's date.
import type { ExtractedEvent } from '../catalogue';
import { datesIn } from './dates';

interface Line {
  text: string;
  start: number;
  end: number;
}

type FrameKind = 'live-blog' | 'release' | 'sitting' | 'interview' | 'transcript' | 'news';

/** An article that reports one occasion: every statement in its scope was made on its date. */
export interface Frame {
  kind: FrameKind;
  date: string;
  /** offsets in the clean text where the frame's statements begin and end */
  from: number;
  to: number;
  /** passages inside the scope that are background, corrections or notes, not statements of the occasion */
  excluded: [number, number][];
  /** day headings of a live blog that runs over several days: posts after one are of that day */
  days: { at: number; date: string }[];
  /** an interview dates only the interviewee's answers */
  actor?: string;
}

const WEEKDAY = '(?:mon|tues|wednes|thurs|fri|satur|sun)day';
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
// a day after "on": a weekday, "3 March", "March 3"
const ON_DAY = `\\bon\\s+(?:${WEEKDAY}\\b|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}|${MONTH}\\s+\\d{1,2}\\b)`;

// "13:45 GMT", "08:12", "11:40 Brussels wants more": the time stamp that opens a live-blog post
// ("**18:40** – ...": a stamp set in bold)
const POST_STAMP = /^[*_]{0,2}(?:\d{1,2}[:.]\d{2}|\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?)(?:\s*(?:GMT|BST|UTC|CET|CEST|EET|EEST|ET|EST|EDT|PT|PST|PDT|IST|JST|local(?: time)?))?[*_]{0,2}(?:\s|$)/i;
const KEY_POINTS = /^(?:key (?:points|events|developments|updates)|what we know(?: so far)?|the latest|summary|at a glance)\s*:?$/i;
// "Press release", "Joint communiqué of ...", "Readout of the call ...", "Statement by the Ministry of ..." ("\b" after "é" would
// need a word character next: "COMMUNIQUÉ No. 47" ends its mark with a lookahead instead)
const RELEASE_MARK = /^(?:[\p{L}'’ -]{0,40}\s)?(?:press release|news release|media release|press statement|joint statement|statement (?:by|from|of|on)|communiqu[eé]|joint communiqu[eé]|readout|read-out|declaration|for immediate release)(?![\p{L}\p{N}])/iu;
// where a release's statements end: notes, contacts, the background of the issuer
const RELEASE_END = /^(?:notes? (?:to|for) editors|background(?:\s*(?:note|information))?\s*:?$|about (?:the )?\p{Lu}|inquiries|enquiries|contacts?\s*:?$|for (?:more|further) information|media contact|ends\.?$|-?\s*ends\s*-?$|#{3})/iu;
// "Summary of the debate held on Wednesday", "held its most heated debate in months on Wednesday",
// "told the Bundestag on Wednesday", "at a meeting of defence ministers on 3 March"
const SITTING = new RegExp(
  `\\b(?:debated?|session|sitting|hearing|plenary|question time|summit|meeting|ministerial|conference|briefing|briefed|talks|met|gathered|convened|committee|subcommittee)\\b[^.;]{0,50}?(?:\\b(?:held|took place|convened)\\b[^.;]{0,12}?)?${ON_DAY}` +
    `|\\b(?:told|briefed|addressed)\\s+(?:the\\s+)?(?:[\\p{Lu}][\\p{L}'’-]+\\s+)?(?:parliament|bundestag|senate|house|chamber|commons|lords|assembly|duma|sejm|riksdag|storting|folketing|eduskunta|knesset|congress|lawmakers|legislators|mps|deputies|senators|committee|security council|council)\\b[^.;]{0,40}?${ON_DAY}`,
  'iu',
);
// "Plenary summary | Session of Thursday, 18 June 2026", "Sitting of 3 March": a line that names the sitting's day
const SITTING_OF = new RegExp(`\\b(?:session|sitting|plenary|debate|hearing|meeting)\\s+of\\s+(?:${WEEKDAY},?\\s+)?(?:\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}|${MONTH}\\s+\\d{1,2}\\b|${WEEKDAY}\\b)`, 'iu');
// "We spoke to him in his office on Wednesday", "spoke to us in Jakarta on Tuesday", "In an interview on Monday", "aired on Sunday"
const INTERVIEW = new RegExp(`\\b(?:(?:spoke|talked|sat down)\\s+(?:to|with)\\b[^.;]{0,120}?|interview(?:ed)?\\b[^.;]{0,60}?|(?:aired|broadcast)\\s+)${ON_DAY}`, 'iu');
// "The following joint statement was issued on Tuesday evening by ...", "the communiqué, released on 3 March, ...":
// a lead that says when the text it reproduces was issued
const ISSUED = new RegExp(
  `\\b(?:press release|news release|media release|press statement|statement|declaration|communiqu[eé]|readout|read-out)(?!\\p{L})[^.;]{0,40}?\\b(?:was|were|is|has been)?\\s*(?:issued|released|published|adopted|signed|agreed|circulated|made public)\\b[^.;]{0,12}?${ON_DAY}`,
  'iu',
);
const ISSUED_FOLLOWING = /\b(?:issued|released|adopted|agreed(?: on)?|published)\s+the following\s+(?:joint\s+)?(?:statement|declaration|communiqu[eé]|readout|conclusions|decision|resolution)(?![\p{L}\p{N}])/iu;
// "The following is the text of a joint statement ...", "The following is an excerpt from the decision ...": the lead of
// a reproduced document
const REPRODUCED = /\bthe following (?:is|are)\s+(?:the\s+(?:full\s+)?text|an?\s+(?:excerpt|extract|abridged version|summary)|excerpts|extracts|the\s+(?:main\s+)?points)\s+(?:of|from)\b/i;
// "END TEXT", "(End of statement)": where a reproduced text stops and the report about it resumes
const TEXT_END = /^\(?(?:end(?:\s+of)?\s+(?:the\s+)?(?:text|statement|communiqu[eé]|readout|release)|ends)\)?\.?$/i;
// "On July 8, ... the Prime Minister held a telephone talk with ...", "On Tuesday, the two presidents had a call",
// "On Tuesday evening the Forum hosted a panel on ...":
// the readout of one call or meeting, dated where its first sentence opens
const HELD_TALK = new RegExp(
  `^On\\s+(?:${WEEKDAY}\\b|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}|${MONTH}\\s+\\d{1,2}\\b)[^;]{0,200}?\\b(?:held|had|hosted|conducted|chaired|co-chaired|convened|attended)\\s+(?:(?:an?|its|their|the)\\s+)?(?:(?:bilateral|summit|leaders'?|telephone|phone|video|virtual|working|official|ministerial|high-level|extraordinary|special|joint|trilateral|regional|first|second|third|last|annual|public|open|closed|private|weekly|monthly|quarterly|online|informal|formal|emergency)\\s+)*(?:talks?|calls?|conversation|meeting|summit|consultations|panel|panel discussion|discussion|round ?table|seminar|symposium|forum|webinar|debate|hearing|press conference|news conference|briefing)\\b`,
  'iu',
);
// "the joint press conference held on Thursday", "a briefing given in Port-au-Prince on Wednesday, 15 October"
const HELD_ON = new RegExp(`\\b(?:held|given|delivered|took place|hosted|convened)\\b[^.;]{0,80}?${ON_DAY}`, 'iu');
// a live-blog post that only recalls what happened before, or corrects an earlier post
const BACKGROUND_POST = /^(?:a reminder|background|recap|catch up|correction|clarification|to recap|some context|context|for context|how we got here|editor'?s note)\b/i;

// "Transcript: joint press conference ...", "Check against delivery", "Remarks by the Minister at ...": the words of one occasion
const TRANSCRIPT_MARK = /\btranscript\b|\bcheck against delivery\b|^(?:[\p{L}'’ -]{0,30}\s)?(?:press conference|press briefing|news conference|doorstep|remarks (?:by|of|at))\b/iu;
// the lead of a news report: what happened on the day it reports ("pledged fresh money on Wednesday", "clashed on Tuesday")
const NEWS_LEAD = new RegExp(`^(?:[^.;]{0,40}\\s[-–—]\\s)?[^;]{0,400}?\\b(?:\\p{L}+ed|said|told|met|held|made|sent|gave|took|spoke|broke|began|struck|won|chose|drew|hit|rose|fell|went|came|flew|sought|brought|put|set|cut|left|led|kept|ran|became|stood|paid|dealt|meant|lost|agreed|vowed)\\b[^.;]{0,80}?(?:${ON_DAY}|\\b(?:yesterday|today)\\b)`, 'iu');

// a speech act with its day: "On Monday, the ministers said", "said on Tuesday"
// a cheap test before the costly ones: the sentence names a weekday, a month or yesterday
const DAY_WORD = /day\b|yesterday|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
const OPENS_ON_DAY = new RegExp(`^On\\s+(?:${WEEKDAY}\\b|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}|${MONTH}\\s+\\d{1,2}\\b)`, 'i');
const SPOKE_ON = /\b(?:said|told|announced|declared|agreed|pledged|confirmed|stated|warned)\b/i;
// "had said", "has previously warned", "last year", "since 2024": recalled from before the occasion
const PARTICIPLES =
  'said|told|warned|announced|pledged|promised|offered|ruled|threatened|committed|agreed|decided|rejected|refused|called|urged|signalled|signaled|stated|insisted|declared|vowed|proposed|indicated|made|sent|approved|given|deployed|contributed|opposed|backed|welcomed|demanded|dismissed|expressed|described|labelled|labeled|floated|suggested|asked|sought|voiced|argued';
const RECALLED = new RegExp(
  `\\b(?:previously|in the past|for years|for decades|years ago|last year|the year before|has long|have long|had long|long (?:said|argued|insisted|opposed)|repeatedly|has since|have since|recalled|recalling|at the time)\\b` +
    `|\\bhad\\s+(?:(?:already|previously|earlier|also|first|once|twice|initially|originally)\\s+)?(?:${PARTICIPLES})\\b`,
  'i',
);
// "has said", "have told us": a statement made at some time before the report, unless a frame places it
const PERFECT = new RegExp(`\\b(?:has|have|'ve)\\s+(?:(?:already|also|now|just|repeatedly|publicly|officially|formally)\\s+)?(?:${PARTICIPLES})\\b`, 'i');
const YEAR = /\b(?:in|since|during|until|throughout|from)\s+(?:(?:early|late|mid-?|the (?:spring|summer|autumn|fall|winter) of)\s*)?((?:19|20)\d{2})\b/gi;

// ", which has kept two warships in the Gulf since 2024,": a description of the speaker, not the statement
function withoutAsides(sentence: string): string {
  return sentence.replace(/,\s+(?:which|who|whose)\b[^,;]*,/gi, ',').replace(/\([^)]*\)/g, ' ');
}

/** Whether the sentence recalls a statement from before `occasion` (a YYYY-MM[-DD] date). */
export function recalled(sentence: string, occasion: string): boolean {
  const core = withoutAsides(sentence);
  if (RECALLED.test(core)) return true;
  const year = Number(occasion.slice(0, 4));
  for (const m of core.matchAll(YEAR)) if (Number(m[1]) < year) return true;
  return false;
}

function linesOf(clean: string): Line[] {
  const out: Line[] = [];
  let pos = 0;
  for (const raw of clean.split('\n')) {
    const text = raw.trim();
    if (text) {
      const start = pos + raw.indexOf(text);
      out.push({ text, start, end: start + text.length });
    }
    pos += raw.length + 1;
  }
  return out;
}

// built once: occasionDay and the live-blog day headings run per line
const ENDS_ON_DAY = new RegExp(`${ON_DAY}$`, 'iu');
const NAMES_A_DAY = new RegExp(WEEKDAY + '|' + MONTH, 'i');

const dayOnly = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
const pad = (n: number) => String(n).padStart(2, '0');

/** "26 November 2025", "6.3.2025 10.15", "Wednesday 4 March": a line that is only a date (with a place or a time) */
function dateLine(line: string, publishedOn: string | null): string | null {
  if (line.split(/\s+/).length > 8 || /[.!?]["”’]?$/.test(line.replace(/\d\.$/, ''))) return null;
  const numeric = /\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b/.exec(line);
  if (numeric) {
    const [d, m] = [Number(numeric[1]), Number(numeric[2])];
    if (d >= 1 && d <= 31 && m >= 1 && m <= 12) return `${numeric[3]}-${pad(m)}-${pad(d)}`;
  }
  const found = datesIn(line, publishedOn).find((d) => dayOnly(d.value));
  // "Georgetown, 7-8 November 2026": a meeting over several days adopts its text on the last
  const range = /\b(\d{1,2})\s*[-–]\s*(\d{1,2})\s+\p{L}+/u.exec(line);
  if (found && range && Number(range[2]) > Number(range[1]) && Number(range[2]) <= 31 && found.value.endsWith(`-${pad(Number(range[1]))}`)) return `${found.value.slice(0, 8)}${pad(Number(range[2]))}`;
  return found?.value ?? null;
}

/** The day stated right after the occasion phrase that `re` finds in `line`. */
function occasionDay(line: string, re: RegExp, publishedOn: string | null): string | null {
  const at = re.exec(line);
  if (!at) return null;
  // the day is the "on <day>" the phrase ends with ("debated for six hours on Tuesday")
  const on = at.index + at[0].search(ENDS_ON_DAY);
  const day = datesIn(line, publishedOn).find((d) => dayOnly(d.value) && d.index >= on && d.index <= on + 30);
  return day?.value ?? null;
}

/** Finds the occasion an article as a whole reports, if it reports one. */
export function findFrame(clean: string, publishedOn: string | null, events: ExtractedEvent[], title: string | null = null): Frame | null {
  const lines = linesOf(clean);
  if (!lines.length) return null;
  const end = clean.length;
  const head = lines.slice(0, 8);

  // live blog: time-stamped posts (or a key-points list and at least one post)
  // (a stamp on its own line, or opening its post after a dash: "**18:40** – We are pausing this live blog ...")
  const stamps = lines.filter((l) => POST_STAMP.test(l.text) && (l.text.split(/\s+/).length <= 12 || /^[–—|:-]/.test(l.text.replace(POST_STAMP, '').trim())));
  if (publishedOn && (stamps.length >= 2 || (stamps.length >= 1 && head.some((l) => KEY_POINTS.test(l.text))))) {
    const excluded: [number, number][] = [];
    const days: { at: number; date: string }[] = [];
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      const stamped = POST_STAMP.test(l.text);
      // the body of a post starts on the stamp's line (after the time) or the line below it
      const body = stamped ? l.text.replace(POST_STAMP, '').trim() || lines[i + 1]?.text || '' : '';
      if (stamped && BACKGROUND_POST.test(body)) {
        const next = lines.slice(i + 1).find((n) => POST_STAMP.test(n.text));
        excluded.push([l.start, next ? next.start : end]);
      }
      if (!stamped && !/[.!?]$/.test(l.text)) {
        const d = dateLine(l.text, publishedOn);
        if (d && NAMES_A_DAY.test(l.text)) days.push({ at: l.start, date: d });
      }
    }
    return { kind: 'live-blog', date: publishedOn, from: 0, to: end, excluded, days };
  }

  // the lead of the report: the first lines with a sentence in them (not a dateline, a byline or a heading)
  const lead = lines.filter((l) => /[.!?]["”’]?$/.test(l.text) && l.text.split(/\s+/).length > 6).slice(0, 2);
  // the readout of a call or meeting: "On July 8, ... held a telephone talk with ..." (the page's own date line is
  // often the next day's, when the readout was published)
  let talk: { line: Line; date: string } | null = null;
  for (const l of lead) {
    if (talk || !HELD_TALK.test(l.text)) continue;
    const day = datesIn(l.text, publishedOn).find((d) => dayOnly(d.value) && d.index <= 3);
    if (day) talk = { line: l, date: day.value };
  }

  // press release, statement, communiqué, readout: dated by its own date line, or published on its day
  const mark = head.findIndex((l) => RELEASE_MARK.test(l.text) && l.text.split(/\s+/).length <= 16 && !/[.!?]$/.test(l.text));
  // "Readout: ...", "Statement by the Ministry of ...": a page whose title says it is the release
  if (mark < 0 && title && RELEASE_MARK.test(title.trim())) {
    let date: string | null = talk?.date ?? null;
    for (const l of head) if (!date && l.text.split(/\s+/).length <= 8) date = dateLine(l.text, publishedOn);
    date ??= publishedOn;
    const stop = lines.find((l) => RELEASE_END.test(l.text));
    if (date) return { kind: 'release', date, from: 0, to: stop ? stop.start : end, excluded: [], days: [] };
  }
  // a transcript of a press conference or of remarks: every answer was given on the day of its date line
  if ((title && TRANSCRIPT_MARK.test(title.trim())) || head.some((l) => TRANSCRIPT_MARK.test(l.text) && l.text.split(/\s+/).length <= 16)) {
    // "... transcript of the joint press conference held on Thursday ...": the lead says which day the words were spoken
    let date: string | null = lead.map((l) => occasionDay(l.text, HELD_ON, publishedOn)).find((d) => !!d) ?? null;
    // ("Published Friday 12 June 2026" dates the page, not the occasion)
    for (const l of head) if (!date && l.text.split(/\s+/).length <= 8 && !/\b(?:published|updated|posted)\b/i.test(l.text)) date = dateLine(l.text, publishedOn);
    date ??= publishedOn;
    if (date) return { kind: 'transcript', date, from: 0, to: end, excluded: [], days: [] };
  }
  if (mark >= 0) {
    let date: string | null = talk?.date ?? null;
    for (const l of head) if (!date && l.text.split(/\s+/).length <= 8) date = dateLine(l.text, publishedOn);
    date ??= publishedOn;
    const stop = lines.find((l) => l.start > head[mark].start && RELEASE_END.test(l.text));
    if (date) return { kind: 'release', date, from: head[mark].start, to: stop ? stop.start : end, excluded: [], days: [] };
  }

  // interview: "X spoke to us in Tallinn on Monday" dates the interviewee's answers
  for (const l of lead) {
    const date = occasionDay(l.text, INTERVIEW, publishedOn);
    if (!date) continue;
    const actor = majorityActor(events.filter((e) => e.span.start >= l.end));
    if (actor) return { kind: 'interview', date, from: l.start, to: end, excluded: [], days: [], actor };
  }

  // a text reproduced in full after a lead saying when it was issued: its statements are of that day, up to "END TEXT"
  for (const l of lead) {
    const date = occasionDay(l.text, ISSUED, publishedOn);
    if (!date) continue;
    return reproducedText(lines, l, date, end);
  }

  // "... met today in Ottawa and issued the following joint statement:": the text that follows is of the day of its date
  // line, or of the day it was published
  for (const l of head) {
    if (!ISSUED_FOLLOWING.test(l.text)) continue;
    let date: string | null = null;
    for (const h of head) if (!date && h.start < l.start && h.text.split(/\s+/).length <= 8) date = dateLine(h.text, publishedOn);
    date ??= datesIn(l.text, publishedOn).find((d) => dayOnly(d.value))?.value ?? publishedOn;
    if (!date) continue;
    return reproducedText(lines, l, date, end, RELEASE_END);
  }

  // "The following is an excerpt from the decision adopted by the Assembly, which closed on Sunday": the document is of the
  // day its lead gives, or of the day it was published
  for (const l of lead) {
    if (!REPRODUCED.test(l.text)) continue;
    const date = datesIn(l.text, publishedOn).find((d) => dayOnly(d.value))?.value ?? publishedOn;
    if (!date) continue;
    return reproducedText(lines, l, date, end);
  }

  if (talk) return { kind: 'sitting', date: talk.date, from: talk.line.start, to: end, excluded: [], days: [] };

  // report of one sitting: a debate, a hearing, a summit, a meeting
  for (const l of lead) {
    const date = occasionDay(l.text, SITTING, publishedOn);
    if (date) return { kind: 'sitting', date, from: l.start, to: end, excluded: [], days: [] };
  }
  for (const l of head) {
    const at = SITTING_OF.exec(l.text);
    const date = at ? datesIn(l.text.slice(at.index), publishedOn).find((d) => dayOnly(d.value))?.value : null;
    if (date && (!publishedOn || date <= publishedOn)) return { kind: 'sitting', date, from: l.start, to: end, excluded: [], days: [] };
  }
  // a news report whose first sentence says what happened on a day: the statements it goes on to report are of that day,
  // unless they are recalled from before
  const first = lead[0];
  if (first) {
    const date = newsDay(first.text, publishedOn, false);
    if (date) return { kind: 'news', date, from: first.start, to: end, excluded: [], days: [] };
  }
  // an explainer or feature that opens on background and reports its occasion later ("On Monday, the three ministers
  // said in Ankara that ..."): the first dated speech act in the first two thirds of the article dates the undated statements
  const sentencesBefore = clean.slice(0, Math.floor((end * 2) / 3)).split(/(?<=[.!?])\s+/);
  let offset = 0;
  for (const sentence of sentencesBefore) {
    const at = clean.indexOf(sentence, offset);
    offset = at >= 0 ? at + sentence.length : offset;
    if (!DAY_WORD.test(sentence) || !SPOKE_ON.test(sentence)) continue;
    const date = newsDay(sentence, publishedOn, true);
    if (date && publishedOn && date <= publishedOn) return { kind: 'news', date, from: 0, to: end, excluded: [], days: [] };
  }
  return null;
}

/** A text reproduced after its lead `l`: its statements run from the lead to "END TEXT" (or another end marker). */
function reproducedText(lines: Line[], l: Line, date: string, end: number, alsoEnds?: RegExp): Frame {
  const stop = lines.find((n) => n.start > l.start && (TEXT_END.test(n.text) || !!alsoEnds?.test(n.text)));
  return { kind: 'release', date, from: l.start, to: stop ? stop.start : end, excluded: [], days: [] };
}

function majorityActor(events: ExtractedEvent[]): string | null {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.actor, (counts.get(e.actor) ?? 0) + 1);
  const [first, second] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return first && (!second || first[1] > second[1]) ? first[0] : null;
}

function frameDate(frame: Frame, at: number): string {
  let date = frame.date;
  for (const d of frame.days) if (d.at <= at) date = d.date;
  return date;
}

// a sentence that attributes a statement to someone (not a fact the writer states)
const ATTRIBUTED = /\b(?:said|says|saying|told|tells|telling|stated|announced|added|urged|warned|insisted|stressed|called on|called for|declared|wrote|posted|according to|in a statement|thanked|welcomed|condemned|dismissed|rejected|demanded)\b/i;
const TITLE = String.raw`(?:Minister|President|Chancellor|Secretary|Premier|Ambassador|Envoy|[Ss]pokes(?:man|woman|person)|[Ll]eader|Chief|General|Gen\.|Admiral|King|Emir|Sultan)`;
const NAME = String.raw`\p{Lu}[\p{L}'’-]+`;
const SPEECH = String.raw`(?:said|says|told|tells|urged|added|warned|insisted|stressed|called|argued|demanded|dismissed|rejected|welcomed|noted|wrote|declared|accused|defended|announced)`;
// "Defence Minister Boris Pistorius said", "spokesman Guo Jiakun, 52, told"
const TITLED_SPEAKER = new RegExp(String.raw`\b${TITLE},?\s+((?:${NAME}\s+){0,3}${NAME})(?:,[^,]{1,80},)?\s+(?:also\s+|later\s+|then\s+)?${SPEECH}\b`, 'u');
// "said Defence Minister Guido Crosetto"
const INVERTED_SPEAKER = new RegExp(String.raw`\b(?:said|says|added|wrote)\s+(?:[\p{L}'’-]+\s+){0,4}?${TITLE}\s+((?:${NAME}\s+){0,3}${NAME})`, 'u');
const TITLED_NAME = new RegExp(String.raw`\b${TITLE},?\s+((?:${NAME}\s+){0,3}${NAME})`, 'gu');
// "Guo urged", ". Pistorius told": a surname the article introduced with a title
const BARE_SPEAKER = new RegExp(String.raw`(?:^|[,.;:”"]\s+|\b(?:and|but)\s+)(${NAME})\s+(?:also\s+|later\s+|then\s+)?${SPEECH}\b`, 'gu');

const nameKey = (name: string) => name.toLowerCase().replace(/['’]s$/, '');

/**
 * The name of the person a sentence reports speaking ("Defence Minister Boris Pistorius said", "Guo urged" once Guo Jiakun has
 * been named with his title), if it names one; `known` collects the surnames of titled people as the article goes.
 */
export function speakerName(sentence: string, known: Set<string>): string | null {
  const core = withoutAsides(sentence);
  for (const m of core.matchAll(TITLED_NAME)) for (const w of m[1].split(/\s+/)) known.add(w.toLowerCase());
  const titled = TITLED_SPEAKER.exec(core) ?? INVERTED_SPEAKER.exec(core);
  if (titled) return nameKey(titled[1]);
  for (const m of core.matchAll(BARE_SPEAKER)) if (known.has(m[1].toLowerCase())) return m[1].toLowerCase();
  return null;
}

/**
 * The undated statements of a run that a dated statement by the same speaker opened: "China said on Thursday it
 * would ...", then "Guo told a regular briefing ...", "Guo urged ...". A run goes on through the same actor and
 * person (a different minister of the same government starts a statement of its own), and ends at a statement
 * someone else is reported to have made on an unknown occasion, after a gap of more than two paragraphs, and at a
 * statement recalled from earlier or made at some unstated time before the report ("has said"). Only a day opens a
 * run: "said in September" in a recap is no occasion the next sentences belong to.
 */
function speakerRuns(clean: string, events: ExtractedEvent[]): void {
  const paragraphOf = paragraphIndex(clean);
  const bySentence = new Map<number, ExtractedEvent[]>();
  for (const e of events) bySentence.set(e.span.start, [...(bySentence.get(e.span.start) ?? []), e]);
  const runs = new Map<string, { date: string; paragraph: number; person: string | null }>();
  const keyOf = (e: ExtractedEvent) => `${e.actor}|${e.actorRole ?? ''}`;
  const known = new Set<string>();
  for (const start of [...bySentence.keys()].sort((a, b) => a - b)) {
    const group = bySentence.get(start)!;
    const paragraph = paragraphOf(start);
    const person = speakerName(group[0].evidence, known);
    const unknown = new Set<string>();
    for (const e of group) {
      if (e.statedOn) continue;
      const run = runs.get(keyOf(e));
      // "Guo Jiakun" then "Guo": a word of the name the run started with is the same person
      const samePerson = !run?.person || !person || person.split(' ').some((w) => run.person!.split(' ').includes(w));
      if (run && samePerson && paragraph - run.paragraph <= 2 && !recalled(e.evidence, run.date) && !PERFECT.test(withoutAsides(e.evidence))) {
        e.statedOn = run.date;
        run.paragraph = paragraph;
        run.person ??= person;
      } else unknown.add(keyOf(e));
    }
    for (const e of group) if (e.statedOn && dayOnly(e.statedOn)) runs.set(keyOf(e), { date: e.statedOn, paragraph, person });
    for (const key of unknown) runs.delete(key);
    // a statement someone else made on an unknown occasion ends the other speakers' runs
    if (unknown.size && ATTRIBUTED.test(group[0].evidence)) for (const key of [...runs.keys()]) if (!group.some((e) => keyOf(e) === key)) runs.delete(key);
  }
}

function paragraphIndex(clean: string): (offset: number) => number {
  const starts: number[] = [];
  let pos = 0;
  for (const raw of clean.split('\n')) {
    if (raw.trim()) starts.push(pos);
    pos += raw.length + 1;
  }
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

/** Dates the undated statements of an article by the occasion they belong to. Events are updated in place. */
export function assignOccasionDates(clean: string, publishedOn: string | null, events: ExtractedEvent[], title: string | null = null): void {
  if (!events.some((e) => !e.statedOn)) return;
  const frame = findFrame(clean, publishedOn, events, title);
  // a news lead's day is the weakest evidence: a speaker's own dated statement governs the run it opens
  if (frame?.kind === 'news') speakerRuns(clean, events);
  if (frame) {
    for (const e of events) {
      if (e.statedOn || e.span.start < frame.from || e.span.start >= frame.to) continue;
      if (frame.excluded.some(([a, b]) => e.span.start >= a && e.span.start < b)) continue;
      if (frame.actor && e.actor !== frame.actor) continue;
      const date = frameDate(frame, e.span.start);
      if (recalled(e.evidence, date)) continue;
      // "Spain has said it will ...": made at some time before the day the report is about
      if (frame.kind === 'news' && PERFECT.test(withoutAsides(e.evidence))) continue;
      e.statedOn = date;
    }
  }
  if (frame?.kind !== 'news') speakerRuns(clean, events);
}

/**
 * The day a sentence reports something happening on: the day right after its verb ("pledged fresh money on Wednesday",
 * "demanded yesterday"), or, when `opening` is allowed, the day that opens it ("On Monday, the three ministers said").
 */
function newsDay(sentence: string, publishedOn: string | null, opening: boolean): string | null {
  const m = NEWS_LEAD.exec(sentence);
  const stop = m ? m.index + m[0].length : -1;
  const opens = opening && OPENS_ON_DAY.test(sentence);
  if (!m && !opens) return null;
  return datesIn(sentence, publishedOn).find((d) => dayOnly(d.value) && (opens ? d.index <= 4 : d.index >= stop - 30 && d.index <= stop))?.value ?? null;
}
