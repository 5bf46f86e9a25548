// When a statement was made, from the date expressions of its sentence, resolved against the
// publication date. Statements are in the past: an unqualified month or weekday after the
// publication date is last year's month or last week's weekday.
import * as chrono from 'chrono-node';

export interface FoundDate {
  value: string; // YYYY-MM-DD or YYYY-MM
  index: number; // character offset in the sentence
}

const DATE_HINT = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\byesterday\b|\btoday\b|\blast (week|month)\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\bthis month\b|\b(?:this|last) week\b|\bthe \d{1,2}(?:st|nd|rd|th)\b/i;

// "earlier this month", "this month": the publication month ("later this month" is a plan, not when it was said)
const THIS_MONTH = /\b(?:(earlier|early|later|late|so far)\s+)?this month\b/gi;
// "on the 12th": a day of the publication month, or of the month before when that day is still to come
const ORDINAL_DAY = /\b(?:on|since|by) the (\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of|century|anniversary|day|time|round|floor|brigade|division|army|fleet|session|summit|meeting|congress|plenum|package))/gi;

const pad = (n: number) => String(n).padStart(2, '0');

/** The month of the calendar week of `publishedOn` (or the week before), when the week lies in one month. */
export function weekMonth(publishedOn: string, previous: boolean): string | null {
  const day = new Date(`${publishedOn}T12:00:00Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  const start = new Date(day.getTime() - (sinceMonday + (previous ? 7 : 0)) * 86400000);
  const end = previous ? new Date(start.getTime() + 6 * 86400000) : day;
  if (start.getUTCMonth() !== end.getUTCMonth()) return null;
  return `${start.getUTCFullYear()}-${pad(start.getUTCMonth() + 1)}`;
}
// "will send two systems from December", "keep a frigate until at least September": when the action runs, not when it was said
const SPAN_BEFORE = /\b(?:from|until|till|through|since|starting|beginning|by|as of|in time for)\s+(?:(?:at least|at the latest|the end of|the start of|the beginning of|the middle of|early|late|mid-?)\s+)*$/i;

// "the law adopted by Venezuela's National Assembly on 22 January": the day of what a noun names, not of the statement
// (only with its agent: "a declaration signed on 2 June" may be the very text the report reproduces)
const NOUN_PARTICIPLE_BEFORE = /\b(?:the|a|an|its|their|this|that)\s+(?:[\p{L}-]+\s+){0,2}?(?:adopted|approved|passed|signed|issued|ratified|enacted|concluded)\s+by\s+[^,;]{1,60}?\s+(?:(?:on|in)\s+)?$/iu;

// "the pledge by the United Kingdom of £12 million made at the Pledging Conference on 10 February": a reduced relative
// clause after a noun dates what the noun names (a finite "X made it clear on Monday" has its subject before "made")
const MADE_AT_BEFORE = /\b(?:pledge|promise|offer|commitment|announcement|decision|statement|remarks?|speech|comments?|agreement|deal|contribution)\b[^,;]{0,60}?\s(?:made|announced|given|delivered|agreed|reached|struck)\s+(?:at|during|in|on)\b[^,;]{0,60}?$/iu;
// "the Argyle Declaration of December 2023", "the Minsk agreement of February 2015": a document named by its date
const NAMED_BY_DATE = /\b(?:declaration|agreement|accord|accords|resolution|treaty|communiqu[eé]|protocol|memorandum|charter|convention|understanding|deal|framework|plan|summit)\s+of\s+(?:the\s+)?$/i;
// "will deploy the patrol vessel to the region in February", "contract to be signed in October": the date of a planned
// action, not of the statement — unless a speech verb comes between ("will send troops, the minister said on Monday")
const FUTURE_MARK = /\b(?:will|shall|would|is to|are to|to be|is due|are due|due to|expected to|scheduled|planned|plans? to|going to)\b|'ll\b/gi;
/** Verb forms that report a speech act, shared by the date rules here and the extractor's choice of a statement's day. */
export const SPEECH_ACT_FORMS = 'said|says|told|announced|confirmed|stated|declared|added|warned|insisted|wrote|posted';
const SPEECH_MARK = new RegExp(`\\b(?:${SPEECH_ACT_FORMS}|say|tells|announces|pledged|promised|vowed|urged|according to)\\b`, 'gi');
// a future or an intention before a month that lies ahead: the month is the plan's
const PLAN_BEFORE = /\b(?:will|would|'ll|shall|ready to|prepared to|plans? to|planning to|intends? to|set to|expected to|going to)\b(?![^.;]*\b(?:said|says|told|announced)\b)/i;
// "and the first of them deploy in April", "the rotation starts in May": a scheduled action in the present tense
const SCHEDULED = /\b(?:deploys?|arrives?|starts?|begins?|rotates?|sails?|departs?|takes? over)\b(?!\s+(?:said|says))/gi;
// "Estonia has said since March that ...": the date a position has been stated from
const SAID_SINCE = new RegExp(`\\b(?:${'said|stated|insisted|argued|maintained|repeated|signalled|signaled|made clear'})\\s+since\\s+$`, 'i');
function lastIndex(re: RegExp, text: string): number {
  let at = -1;
  for (const m of text.matchAll(re)) at = m.index!;
  return at;
}
/** Whether the date at the end of `before` is when a future action takes place, by the verb that governs it. */
function plannedAction(before: string): boolean {
  // the verb governing the date is in its own sentence, close before it
  const tail = before.slice(Math.max(0, before.length - 160));
  const clause = tail.slice(lastIndex(/[.!?]["”’]?\s/g, tail) + 1);
  const future = Math.max(lastIndex(FUTURE_MARK, clause), lastIndex(SCHEDULED, clause));
  return future >= 0 && lastIndex(SPEECH_MARK, clause) < future;
}

export function datesIn(sentence: string, publishedOn: string | null): FoundDate[] {
  // chrono is the slow part of the pipeline; most sentences have no date words at all
  if (!DATE_HINT.test(sentence)) return [];
  const ref = publishedOn ? new Date(`${publishedOn}T12:00:00Z`) : new Date(Date.UTC(2026, 0, 1, 12));
  const results = chrono.parse(sentence, { instant: ref, timezone: 0 }, { forwardDate: false });
  const out: FoundDate[] = [];
  if (publishedOn) {
    const [py, pm, pd] = publishedOn.split('-').map(Number);
    for (const m of sentence.matchAll(THIS_MONTH)) if ((m[1] ?? '').toLowerCase() !== 'later') out.push({ value: `${py}-${pad(pm)}`, index: m.index! });
    // "earlier this week", "last week": only the month is known, and only when the whole week (Monday to Sunday, this
    // week up to the publication day) lies in one month
    for (const m of sentence.matchAll(/\b(?:(earlier|later) )?(this|last) week\b/gi)) {
      if ((m[1] ?? '').toLowerCase() === 'later') continue;
      const month = weekMonth(publishedOn, m[2].toLowerCase() === 'last');
      if (month) out.push({ value: month, index: m.index! });
    }
    for (const m of sentence.matchAll(ORDINAL_DAY)) {
      const day = Number(m[1]);
      if (day < 1 || day > 31) continue;
      let y = py;
      let mo = pm;
      if (day > pd + 1) {
        mo -= 1;
        if (mo === 0) (mo = 12), (y -= 1);
      }
      out.push({ value: `${y}-${pad(mo)}-${pad(day)}`, index: m.index! });
    }
  }
  for (const r of results) {
    if (out.some((o) => o.index <= r.index + r.text.length && r.index <= o.index + 12)) continue;
    // "this month" / "this week" are read above, where "later this month" is left out
    // a week is never a day: "last week" is read above or not at all
    if (/\bthis (month|week)\b|\blast week\b|\bthe \d{1,2}(st|nd|rd|th)\b/i.test(r.text)) continue;
    // "the day after a ceasefire takes effect", "tomorrow": a statement is never made after it is reported
    if (/^(?:the )?day after\b|\btomorrow\b/i.test(r.text)) continue;
    const before = sentence.slice(0, r.index);
    if (NOUN_PARTICIPLE_BEFORE.test(before) || MADE_AT_BEFORE.test(before) || NAMED_BY_DATE.test(before) || plannedAction(before)) continue;
    if ((SPAN_BEFORE.test(sentence.slice(0, r.index)) && !SAID_SINCE.test(before)) || /^(?:from|until|till|through|starting|beginning|by)\b/i.test(r.text)) continue;
    const s = r.start;
    const dayKnown = s.isCertain('day') || s.isCertain('weekday');
    const monthKnown = s.isCertain('month') || dayKnown;
    if (!monthKnown) continue;
    // "May" is mostly the modal verb; "said in May", "since May", "early May" is the month
    if (/^may\b/i.test(r.text.trim()) && !/\d/.test(r.text) && !(/^May\b/.test(r.text.trim()) && /\b(?:in|since|early|late|mid-?|last|this|of|during)\s*$/i.test(before))) continue;
    let d = s.date();
    // "said on Friday" in a Thursday paper: a weekday after the publication day is last week's
    if (s.isCertain('weekday') && !s.isCertain('day') && publishedOn && d.toISOString().slice(0, 10) > publishedOn) d = new Date(d.getTime() - 7 * 86400000);
    if (d.getTime() > ref.getTime() + 36 * 3600 * 1000) {
      // ("stands ready to send a frigate back to the Red Sea in April", in a January paper: the plan's month, not last April)
      if (!s.isCertain('year') && s.isCertain('month') && PLAN_BEFORE.test(before)) continue;
      if (!s.isCertain('year') && s.isCertain('month')) d = new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate(), 12));
      else if (s.isCertain('weekday') && !s.isCertain('day')) d = new Date(d.getTime() - 7 * 86400000);
      else continue; // a future date is a plan, not when it was said
    }
    const ym = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
    out.push({ value: dayKnown ? `${ym}-${pad(d.getUTCDate())}` : ym, index: r.index });
  }
  return out;
}
