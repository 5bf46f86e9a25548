/**
 * Feed dates as they really are: RFC 822 with or without weekday, localised day/month names
 * ("Seg, 24 Set 2018 19:42:40 -0300"), zone abbreviations ("EST"), two-digit years, W3C/ISO 8601.
 * Returns an ISO string or null — never throws, so one bad date never costs an item, let alone a feed.
 */
export function parseFeedDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const value = raw.trim().replace(/\s+/g, ' ');
  if (!value) return null;
  const ms = parseIso(value) ?? parseRfc822(value) ?? parseLoosely(value);
  if (ms === null || !Number.isFinite(ms)) return null;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (year < 1900 || year > 2200) return null;
  return date.toISOString();
}

// First three letters (accents stripped) of month names in the languages our feeds are written in.
const MONTHS: Record<string, number> = {};
const monthNames: string[][] = [
  ['jan', 'ene', 'gen', 'janv', 'jän', 'jaan', 'янв'],
  ['feb', 'fev', 'fév', 'févr', 'fevr', 'фев'],
  ['mar', 'mär', 'mars', 'maa', 'мар'],
  ['apr', 'abr', 'avr', 'апр'],
  ['may', 'mai', 'mei', 'mag', 'mayo', 'мая', 'май'],
  ['jun', 'juin', 'giu', 'июн'],
  ['jul', 'juil', 'lug', 'июл'],
  ['aug', 'ago', 'aoû', 'aou', 'авг'],
  ['sep', 'set', 'sept', 'сен'],
  ['oct', 'out', 'okt', 'ott', 'окт'],
  ['nov', 'ноя'],
  ['dec', 'dez', 'déc', 'dic', 'des', 'дек'],
];
monthNames.forEach((names, index) => names.forEach((name) => (MONTHS[name] = index)));

function monthIndex(name: string): number | null {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower in MONTHS) return MONTHS[lower];
  const short = lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '').slice(0, 3);
  if (short in MONTHS) return MONTHS[short];
  const shortAccented = lower.slice(0, 3);
  return shortAccented in MONTHS ? MONTHS[shortAccented] : null;
}

// Offsets in minutes for the zone names RFC 822 allows plus a few that feeds use anyway.
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600,
  BST: 60, IST: 330, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, WEST: 60,
  MSK: 180, JST: 540, KST: 540, AEST: 600, AEDT: 660, ACST: 570, AWST: 480, NZST: 720, NZDT: 780,
  BRT: -180, ART: -180,
};

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (!zone) return 0; // RFC 822 requires a zone; when missing, UTC is the least surprising guess.
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3]));
  const upper = zone.toUpperCase();
  if (upper in ZONES) return ZONES[upper];
  if (/^[A-IK-Z]$/.test(upper)) return 0; // military zones: RFC 1123 says treat as unknown (-0000)
  return null;
}

const RFC822 =
  /^(?:[^\d\s,]+\.?,?\s*)?(\d{1,2})[\s-]+([^\d\s,.-]+)\.?[\s-]+(\d{2,4}),?\s+(\d{1,2}):?(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?(?:\s*\(.*\))?$/;

function parseRfc822(value: string): number | null {
  const m = RFC822.exec(value);
  if (!m) return null;
  const month = monthIndex(m[2]);
  if (month === null) return null;
  let year = Number(m[3]);
  if (m[3].length === 2) year += year < 50 ? 2000 : 1900;
  const offset = zoneOffsetMinutes(m[7]);
  if (offset === null) return null;
  const [day, hour, minute, second] = [Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  return Date.UTC(year, month, day, hour, minute, second) - offset * 60_000;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

function parseIso(value: string): number | null {
  const m = ISO.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const millis = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  let offset = 0;
  if (m[8] && m[8].toUpperCase() !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(m[8])!;
    offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? 0));
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, Math.round(millis)) - offset * 60_000;
}

function parseLoosely(value: string): number | null {
  // V8's Date.parse turns almost anything with a number into a date ("12" → 2001-12-01); insist on a year.
  if (!/\b\d{4}\b/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
