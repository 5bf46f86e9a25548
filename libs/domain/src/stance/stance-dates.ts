/**
 * When a statement counts as made. `statedOn` is the date the text gives ('YYYY-MM-DD' or 'YYYY-MM');
 * when the text doesn't say, the statement counts as made on the UTC day it was observed.
 * A month-only date sorts at the first of the month (so "March 2025" comes before "2025-03-02" and
 * together with "2025-03-01" on the same day); its label stays 'YYYY-MM'.
 */
export type DatePrecision = 'day' | 'month' | 'observed';

export interface EffectiveDate {
  /** 'YYYY-MM-DD', what events are ordered and grouped by. */
  day: string;
  /** What to show: statedOn as written, or the observed day. */
  label: string;
  precision: DatePrecision;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

export function effectiveDate(statedOn: string | null | undefined, observedAt: string): EffectiveDate {
  if (statedOn) return statedDate(statedOn);
  const observedDay = normaliseInstant(observedAt).slice(0, 10);
  return { day: observedDay, label: observedDay, precision: 'observed' };
}

/**
 * Remembers a pure function of a string: a replay asks for the same days and instants again and
 * again. Bounded: forgets everything once full. Callers must not change what it hands back.
 */
function remembered<T>(compute: (key: string) => T, limit = 100_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      if (cache.size >= limit) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}

const statedDate = remembered((statedOn: string): EffectiveDate => {
  const day = DAY.exec(statedOn);
  if (day && isRealDay(+day[1], +day[2], +day[3])) return { day: statedOn, label: statedOn, precision: 'day' };
  const month = MONTH.exec(statedOn);
  if (month && +month[2] >= 1 && +month[2] <= 12) return { day: `${statedOn}-01`, label: statedOn, precision: 'month' };
  throw new Error(`statedOn must be YYYY-MM-DD or YYYY-MM, got ${JSON.stringify(statedOn)}`);
});

const canonicalised = remembered((iso) => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`observedAt must be an ISO date-time, got ${JSON.stringify(iso)}`);
  return new Date(ms).toISOString();
});

/** An ISO instant in one canonical form (UTC, milliseconds) so instants compare as strings. */
export function normaliseInstant(iso: string): string {
  // nearly every instant is already canonical, and each is new (one per report): no parse, no cache entry
  return isCanonicalInstant(iso) ? iso : canonicalised(iso);
}

const CANONICAL_INSTANT = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digits = (text: string, at: number, count: number) => {
  let value = 0;
  for (let i = at; i < at + count; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
};

/** What toISOString would print for this very instant (so Date.parse would not roll "02-30" over into March). */
function isCanonicalInstant(iso: string): boolean {
  if (iso.length !== 24 || !CANONICAL_INSTANT.test(iso)) return false;
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 2);
  const day = digits(iso, 8, 2);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : MONTH_DAYS[month - 1]);
}

/** Days since the epoch of a 'YYYY-MM-DD' day. */
export const dayNumber: (day: string) => number = remembered((day) => Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000));

const dayLabels = new Map<number, string>();

/** The 'YYYY-MM-DD' label of a day number (dayNumber's inverse). */
export function dayLabel(dayNumber: number): string {
  let label = dayLabels.get(dayNumber);
  if (label === undefined) {
    label = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
    if (dayLabels.size >= 100_000) dayLabels.clear();
    dayLabels.set(dayNumber, label);
  }
  return label;
}

/** The days a date may stand for: one day, or every day of its month. Inclusive day numbers. */
export function dayRange(date: EffectiveDate): [number, number] {
  const first = dayNumber(date.day);
  if (date.precision !== 'month') return [first, first];
  const [year, month] = date.label.split('-').map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return [first, first + daysInMonth - 1];
}

function isRealDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
