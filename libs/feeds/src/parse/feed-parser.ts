import RssParser from 'rss-parser';
import { htmlToText } from '../text/html-to-text';
import { decodeFeedBytes, type DecodedText } from './charset';
import { parseFeedDate } from './dates';
import { FeedParseError, sanitiseFeedXml } from './xml-sanitise';

export { FeedParseError } from './xml-sanitise';

export type FeedFormat = 'rss2' | 'rss1' | 'rss0.9' | 'atom';

export interface FeedInfo {
  title: string | null;
  link: string | null;
  language: string | null;
  /** RSS <ttl> (or sy:updatePeriod/updateFrequency) in minutes: the publisher's "don't poll more often than". */
  ttlMinutes: number | null;
  description: string | null;
  format: FeedFormat;
}

export interface FeedItem {
  /** RSS guid, Atom id or RDF rdf:about, trimmed; null when the item has none. */
  guid: string | null;
  /** RSS isPermaLink (defaults to true per the RSS spec when a guid is present); Atom ids: true when a URL. */
  guidIsPermaLink: boolean;
  title: string | null;
  /** Absolute URL, resolved against xml:base / the feed URL. */
  link: string | null;
  publishedAt: string | null;
  /** The date as written, kept for diagnosis when it could not be parsed. */
  rawDate: string | null;
  author: string | null;
  language: string | null;
  /** Full content as HTML (content:encoded, Atom content). */
  contentHtml: string | null;
  /** Summary as HTML (RSS description, Atom summary). */
  summaryHtml: string | null;
  categories: string[];
  enclosureUrl: string | null;
}

export interface ParsedFeed {
  feed: FeedInfo;
  items: FeedItem[];
}

export interface ParseOptions {
  /** URL the feed was fetched from: base for relative links. */
  url?: string;
  /** HTTP Content-Type, for its charset. */
  contentType?: string | null;
}

/** Bytes → feed: charset detection, sanitising, parsing. */
export async function parseFeedBytes(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedFeed & { charset: DecodedText }> {
  const decoded = decodeFeedBytes(bytes, options.contentType);
  const parsed = await parseFeedText(decoded.text, options);
  return { ...parsed, charset: decoded };
}

// xml2js node shapes (explicitArray: true, attributes under "$", text under "_").
type XmlNode = { _?: string; $?: Record<string, string>; [child: string]: unknown };
type XmlValue = string | XmlNode;

interface Captured {
  root: XmlNode | null;
  format: FeedFormat | null;
  // rss-parser's item objects → the raw XML they came from.
  rawItems: Map<object, { node: XmlNode; kind: 'atom' | 'rss' }>;
}

type RssParserInternals = {
  parseString(xml: string): Promise<RssParser.Output<Record<string, unknown>>>;
  buildAtomFeed(xmlObj: Record<string, XmlNode>): unknown;
  buildRSS2(xmlObj: Record<string, XmlNode>): unknown;
  buildRSS1(xmlObj: Record<string, XmlNode>): unknown;
  buildRSS0_9(xmlObj: Record<string, XmlNode>): unknown;
  parseItemAtom(entry: XmlNode): Record<string, unknown>;
  parseItemRss(item: XmlNode, fields: unknown): Record<string, unknown>;
};

/**
 * Decoded feed text → feed. rss-parser does the format detection and field mapping; around it:
 * - it is handed text we decoded ourselves (it would assume UTF-8);
 * - Atom dates are kept away from it (it calls toISOString() on them and one bad date throws for the whole
 *   feed) and parsed by parseFeedDate; every item is built inside its own try/catch;
 * - links, guids, language and xml:base are read from the raw XML it does not expose.
 */
export async function parseFeedText(text: string, options: ParseOptions = {}): Promise<ParsedFeed> {
  const { xml, linesTrimmed } = sanitiseFeedXml(text);
  const captured: Captured = { root: null, format: null, rawItems: new Map() };
  const parser = instrumentedParser(captured);
  let output: RssParser.Output<Record<string, unknown>>;
  try {
    output = await parser.parseString(xml);
  } catch (err) {
    throw describeParseError(err, linesTrimmed);
  }
  if (!captured.root || !captured.format) throw new FeedParseError('not a feed: no RSS channel or Atom feed element');
  return buildResult(output, captured, options.url);
}

function instrumentedParser(captured: Captured): RssParserInternals {
  const parser = new RssParser({
    // <rss> without a version attribute (UOL fixture) is treated as RSS 2.0 instead of being refused.
    defaultRSS: 2,
    customFields: { feed: ['dc:language', 'sy:updatePeriod', 'sy:updateFrequency', 'subtitle'] as never[] },
  }) as unknown as RssParserInternals;
  const original = {
    buildAtomFeed: parser.buildAtomFeed.bind(parser),
    buildRSS2: parser.buildRSS2.bind(parser),
    buildRSS1: parser.buildRSS1.bind(parser),
    buildRSS0_9: parser.buildRSS0_9.bind(parser),
    parseItemAtom: parser.parseItemAtom.bind(parser),
    parseItemRss: parser.parseItemRss.bind(parser),
  };
  const capture = (format: FeedFormat, rootName: string, build: (x: Record<string, XmlNode>) => unknown) => (xmlObj: Record<string, XmlNode>) => {
    captured.format = format;
    captured.root = xmlObj[rootName];
    const channel = rootName === 'rdf:RDF' || rootName === 'rss' ? firstNode(captured.root?.['channel']) : captured.root;
    if (!channel) throw new FeedParseError(`not a feed: <${rootName}> has no <channel>`);
    return build(xmlObj);
  };
  parser.buildAtomFeed = capture('atom', 'feed', original.buildAtomFeed);
  parser.buildRSS2 = (xmlObj) =>
    capture(/^0\.9/.test(xmlObj['rss']?.$?.['version'] ?? '') ? 'rss0.9' : 'rss2', 'rss', original.buildRSS2)(xmlObj);
  parser.buildRSS1 = capture('rss1', 'rdf:RDF', original.buildRSS1);
  parser.buildRSS0_9 = capture('rss0.9', 'rss', original.buildRSS0_9);
  parser.parseItemAtom = (entry) => {
    const { published: _published, updated: _updated, ...withoutDates } = entry;
    const item = safely(() => original.parseItemAtom(withoutDates as XmlNode));
    captured.rawItems.set(item, { node: entry, kind: 'atom' });
    return item;
  };
  parser.parseItemRss = (node, fields) => {
    const item = safely(() => original.parseItemRss(node, fields));
    captured.rawItems.set(item, { node, kind: 'rss' });
    return item;
  };
  return parser;
}

// One item that rss-parser chokes on is rebuilt from the raw XML below rather than losing the feed.
function safely(build: () => Record<string, unknown>): Record<string, unknown> {
  try {
    return build();
  } catch {
    return {};
  }
}

function buildResult(output: RssParser.Output<Record<string, unknown>>, captured: Captured, feedUrl: string | undefined): ParsedFeed {
  const root = captured.root!;
  const format = captured.format!;
  const isAtom = format === 'atom';
  const channel = isAtom ? root : firstNode(root['channel'])!;
  const feedBase = resolveUrl(root.$?.['xml:base'] ?? null, feedUrl) ?? feedUrl;
  const out = output as unknown as Record<string, unknown>;

  const language = cleanLanguage(isAtom ? root.$?.['xml:lang'] : textOf(channel['language']) ?? textOf(channel['dc:language']));
  const feed: FeedInfo = {
    title: plainTitle(isAtom ? textOf(channel['title']) : (out['title'] as string | undefined) ?? textOf(channel['title'])),
    link: isAtom ? resolveUrl(atomLink(channel['link']), feedBase) : resolveUrl(textOf(channel['link']), feedBase),
    language,
    ttlMinutes: ttlMinutes(channel),
    description: plainTitle(isAtom ? textOf(channel['subtitle']) : textOf(channel['description'])),
    format,
  };

  const items: FeedItem[] = [];
  for (const item of output.items ?? []) {
    const raw = captured.rawItems.get(item);
    if (!raw) continue;
    try {
      items.push(raw.kind === 'atom' ? atomItem(raw.node, item, feedBase, language) : rssItem(raw.node, item, feedBase, language));
    } catch {
      // Belt and braces: a minimal item beats losing it. Nothing above is expected to throw.
      items.push(emptyItem({ title: plainTitle(textOf(raw.node['title'])), language }));
    }
  }
  return { feed, items };
}

function rssItem(node: XmlNode, parsed: Record<string, unknown>, base: string | undefined, feedLanguage: string | null): FeedItem {
  const guidNode = firstValue(node['guid']);
  const guid = cleanText(textOf(node['guid'])) ?? cleanText(node.$?.['rdf:about']);
  const permaAttr = typeof guidNode === 'object' ? guidNode.$?.['isPermaLink'] : undefined;
  // RSS 2.0: isPermaLink defaults to true; RDF about is the item's URI.
  const guidIsPermaLink = guid !== null && (permaAttr === undefined ? looksLikeUrl(guid) : permaAttr.toLowerCase() !== 'false');
  const linkText = cleanText(textOf(node['link'])) ?? (guidIsPermaLink ? guid : null);
  const rawDate = cleanText(textOf(node['pubDate']) ?? textOf(node['dc:date']));
  const enclosure = firstValue(node['enclosure']);
  const enclosureUrl = typeof enclosure === 'object' ? enclosure.$?.['url'] ?? null : null;
  const contentEncoded = textOf(node['content:encoded']);
  const description = (parsed['content'] as string | undefined) ?? textOf(node['description']);
  return {
    guid,
    guidIsPermaLink,
    title: plainTitle(textOf(node['title']) ?? textOf(node['dc:title'])),
    link: resolveUrl(linkText, base),
    publishedAt: parseFeedDate(rawDate),
    rawDate,
    author: cleanText(textOf(node['dc:creator']) ?? textOf(node['author']) ?? textOf(node['itunes:author'])),
    language: cleanLanguage(textOf(node['dc:language'])) ?? feedLanguage,
    contentHtml: nonEmpty(contentEncoded),
    summaryHtml: nonEmpty(description) ?? nonEmpty(textOf(node['itunes:summary'])),
    categories: categoriesOf(node['category']),
    enclosureUrl: resolveUrl(enclosureUrl, base),
  };
}

function atomItem(node: XmlNode, parsed: Record<string, unknown>, feedBase: string | undefined, feedLanguage: string | null): FeedItem {
  const base = resolveUrl(node.$?.['xml:base'] ?? null, feedBase) ?? feedBase;
  const guid = cleanText(textOf(node['id']));
  const rawDate = cleanText(textOf(node['published']) ?? textOf(node['updated']) ?? textOf(node['dc:date']));
  const authorNode = firstNode(node['author']);
  return {
    guid,
    guidIsPermaLink: guid !== null && looksLikeUrl(guid),
    title: plainTitle(atomTextConstruct(node['title'], true)),
    link: resolveUrl(atomLink(node['link']), base),
    publishedAt: parseFeedDate(rawDate),
    rawDate,
    author: cleanText(authorNode ? textOf(authorNode['name']) : null),
    language: cleanLanguage(node.$?.['xml:lang']) ?? feedLanguage,
    contentHtml: nonEmpty(atomTextConstruct(node['content'], false) ?? (parsed['content'] as string | undefined)),
    summaryHtml: nonEmpty(atomTextConstruct(node['summary'], false)),
    categories: asArray(node['category'])
      .map((c) => (typeof c === 'object' ? c.$?.['label'] ?? c.$?.['term'] : c))
      .filter((c): c is string => !!c && !!c.trim())
      .map((c) => c.trim()),
    enclosureUrl: resolveUrl(
      asArray(node['link']).find((l): l is XmlNode => typeof l === 'object' && l.$?.['rel'] === 'enclosure')?.$?.['href'] ?? null,
      base,
    ),
  };
}

/** Atom text constructs: type="text" is escaped into HTML, "html" is HTML, "xhtml" is re-serialised markup. */
function atomTextConstruct(value: unknown, asText: boolean): string | null {
  const node = firstValue(value);
  if (node === undefined) return null;
  if (typeof node === 'string') return asText ? node : escapeHtml(node);
  const type = (node.$?.['type'] ?? 'text').toLowerCase();
  if (type === 'xhtml' || (typeof node._ !== 'string' && hasElementChildren(node))) {
    const html = serialiseXhtml(node);
    return asText ? htmlToText(html) : html;
  }
  const content = node._ ?? '';
  if (type === 'html' || type === 'text/html') return asText ? htmlToText(content) : content;
  return asText ? content : escapeHtml(content);
}

function hasElementChildren(node: XmlNode): boolean {
  return Object.keys(node).some((k) => k !== '$' && k !== '_');
}

/** Rebuilds markup from an xml2js node (order between different child names is not kept by xml2js). */
function serialiseXhtml(node: XmlNode): string {
  const parts: string[] = [];
  if (typeof node._ === 'string') parts.push(escapeHtml(node._));
  for (const [name, children] of Object.entries(node)) {
    if (name === '$' || name === '_') continue;
    const tag = name.replace(/^[\w-]+:/, '');
    for (const child of asArray(children)) {
      if (typeof child === 'string') parts.push(`<${tag}>${escapeHtml(child)}</${tag}>`);
      else parts.push(`<${tag}>${serialiseXhtml(child)}</${tag}>`);
    }
  }
  return parts.join('');
}

function atomLink(links: unknown): string | null {
  const candidates = asArray(links).filter((l): l is XmlNode => typeof l === 'object' && !!l.$?.['href']);
  const alternate =
    candidates.find((l) => (l.$!['rel'] ?? 'alternate') === 'alternate' && /html/i.test(l.$!['type'] ?? 'text/html')) ??
    candidates.find((l) => (l.$!['rel'] ?? 'alternate') === 'alternate');
  return alternate?.$?.['href'] ?? null;
}

function ttlMinutes(channel: XmlNode): number | null {
  const ttl = Number(cleanText(textOf(channel['ttl'])));
  if (Number.isFinite(ttl) && ttl > 0) return Math.round(ttl);
  const period = cleanText(textOf(channel['sy:updatePeriod']))?.toLowerCase();
  if (!period) return null;
  const periodMinutes: Record<string, number> = { hourly: 60, daily: 1440, weekly: 10080, monthly: 43200, yearly: 525600 };
  const frequency = Number(cleanText(textOf(channel['sy:updateFrequency'])) ?? 1);
  if (!(period in periodMinutes) || !(frequency > 0)) return null;
  return Math.max(1, Math.round(periodMinutes[period] / frequency));
}

function categoriesOf(value: unknown): string[] {
  return asArray(value)
    .map((c) => (typeof c === 'string' ? c : c._ ?? ''))
    .map((c) => c.trim())
    .filter(Boolean);
}

function describeParseError(err: unknown, linesTrimmed: number): Error {
  if (err instanceof FeedParseError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const sax = /^([^\n]+)\nLine: (\d+)\nColumn: (\d+)/.exec(message);
  if (sax) {
    // sax counts lines from 0.
    const line = Number(sax[2]) + 1 + linesTrimmed;
    return new FeedParseError(`not a feed: malformed XML at line ${line} (${sax[1].toLowerCase()})`, { cause: err });
  }
  if (/Feed not recognized/i.test(message)) return new FeedParseError('not a feed: the XML is neither RSS nor Atom', { cause: err });
  if (/Unable to parse XML/i.test(message)) return new FeedParseError('not a feed: the document is empty', { cause: err });
  return new FeedParseError(`not a feed: ${message}`, { cause: err });
}

function emptyItem(partial: Partial<FeedItem>): FeedItem {
  return {
    guid: null,
    guidIsPermaLink: false,
    title: null,
    link: null,
    publishedAt: null,
    rawDate: null,
    author: null,
    language: null,
    contentHtml: null,
    summaryHtml: null,
    categories: [],
    enclosureUrl: null,
    ...partial,
  };
}

// ---- small helpers over xml2js values ----

function asArray(value: unknown): XmlValue[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as XmlValue[];
}

function firstValue(value: unknown): XmlValue | undefined {
  return asArray(value)[0];
}

function firstNode(value: unknown): XmlNode | undefined {
  const first = firstValue(value);
  return typeof first === 'object' ? first : undefined;
}

function textOf(value: unknown): string | null {
  const first = firstValue(value);
  if (first === undefined) return null;
  if (typeof first === 'string') return first;
  return typeof first._ === 'string' ? first._ : null;
}

function cleanText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : null;
}

function nonEmpty(value: string | null | undefined): string | null {
  return value && value.trim() ? value : null;
}

/** Titles are text, but feeds routinely put entities and tags in them; decode those, keep literal "<". */
function plainTitle(value: string | null | undefined): string | null {
  if (!value) return null;
  const decoded = /[&<]/.test(value) ? htmlToText(value.replace(/<(?![a-zA-Z/!])/g, '&lt;')) : value;
  return cleanText(decoded);
}

function cleanLanguage(value: string | null | undefined): string | null {
  const trimmed = cleanText(value);
  if (!trimmed) return null;
  return /^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i.test(trimmed) ? trimmed.replace(/_/g, '-').toLowerCase() : null;
}

function looksLikeUrl(value: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(value);
}

export function resolveUrl(value: string | null | undefined, base: string | undefined): string | null {
  const trimmed = cleanText(value);
  if (!trimmed) return null;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
