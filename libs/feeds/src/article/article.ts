import { createHash } from 'node:crypto';
import type { FeedItem } from '../parse/feed-parser';
import { htmlToText } from '../text/html-to-text';
import { canonicalUrl } from './canonical-url';

export interface Article {
  /** Stable across restarts and across feeds; see articleKey(). */
  id: string;
  guid: string | null;
  title: string | null;
  /** Canonical URL (tracking parameters stripped). */
  url: string | null;
  publishedAt: string | null;
  language: string | null;
  author: string | null;
  /** Clean text with paragraph boundaries (blank lines). */
  text: string;
  /** sha256 of title and text: tells an edited or reused-GUID item from the one already stored. */
  contentHash: string;
  /** The feed only carried a short summary: worth fetching the page (fetchFullText). */
  summaryOnly: boolean;
  /** Canonical URL of the feed it came from. */
  feedUrl: string | null;
}

export interface ArticleOptions {
  /** URL of the feed; namespaces GUIDs that are not globally unique. */
  feedUrl?: string | null;
  feedLanguage?: string | null;
  /** Below this many characters of text an item is considered summary-only. Default 600. */
  summaryMaxChars?: number;
}

const DEFAULT_SUMMARY_MAX_CHARS = 600;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * The identity key of an item, before hashing:
 * - a GUID that is a URL (permalink or not: WordPress "?p=123" GUIDs are URLs too) or a globally unique URI
 *   (tag:, urn:) is global, so the same item in two feeds gets the same id; a URL GUID shares the "url:"
 *   namespace with links, so one feed giving a permalink GUID and another only the same <link> still agree;
 * - any other GUID ("12345") is only unique within its feed, so it is namespaced by the feed URL;
 * - no GUID: the canonical link;
 * - neither: the title and text.
 */
export function articleKey(item: FeedItem, text: string, feedUrl: string | null): string {
  const guid = item.guid?.trim() || null;
  if (guid) {
    const guidUrl = /^https?:\/\//i.test(guid) ? canonicalUrl(guid) : null;
    if (guidUrl) return `url:${guidUrl}`;
    if (/^(tag|urn):/i.test(guid)) return `guid:${guid}`;
    return `guid:${feedUrl ?? ''}:${guid}`;
  }
  const link = canonicalUrl(item.link);
  if (link) return `url:${link}`;
  return `content:${sha256(`${item.title ?? ''}\n${text}`)}`;
}

export function itemText(item: FeedItem): string {
  const content = item.contentHtml ? htmlToText(item.contentHtml) : '';
  const summary = item.summaryHtml ? htmlToText(item.summaryHtml) : '';
  // content:encoded is normally the full text; some feeds put a teaser there and the body in description.
  return content.length >= summary.length ? content : summary;
}

export function toArticle(item: FeedItem, options: ArticleOptions = {}): Article {
  const feedUrl = canonicalUrl(options.feedUrl ?? null);
  const text = itemText(item);
  const title = item.title?.trim() || null;
  const url = canonicalUrl(item.link) ?? (item.guidIsPermaLink ? canonicalUrl(item.guid) : null);
  return {
    id: sha256(articleKey(item, text, feedUrl)).slice(0, 32),
    guid: item.guid,
    title,
    url,
    publishedAt: item.publishedAt,
    language: item.language ?? options.feedLanguage ?? null,
    author: item.author,
    text,
    contentHash: sha256(`${title ?? ''}\n${text}`),
    summaryOnly: !!url && text.length < (options.summaryMaxChars ?? DEFAULT_SUMMARY_MAX_CHARS),
    feedUrl,
  };
}

/**
 * Items of one feed document → articles, with identity collisions inside the document resolved.
 *
 * Two items with the same key but different content are two different articles whose publisher reused a GUID
 * (Taverncast gives two episodes the GUID geekistry-2.mp3). Merging them would silently lose one, so one keeps
 * the plain id and the others get an id derived from key + content hash. Which one keeps the plain id must not
 * depend on the order of items in the document (feeds reorder), so it is the earliest published, then the
 * lowest content hash; a GUID reused later in time therefore never changes the id of the original.
 * Exact duplicates (same key, same content) are one article.
 */
export function toArticles(items: readonly FeedItem[], options: ArticleOptions = {}): Article[] {
  const articles = items.map((item) => toArticle(item, options));
  const byId = new Map<string, Article[]>();
  for (const article of articles) {
    const group = byId.get(article.id);
    if (group) group.push(article);
    else byId.set(article.id, [article]);
  }
  const result: Article[] = [];
  const emitted = new Set<string>();
  for (const article of articles) {
    const group = byId.get(article.id)!;
    if (group.length === 1) {
      result.push(article);
      continue;
    }
    const distinct = uniqueByContent(group).sort(compareForPlainId);
    const rank = distinct.findIndex((a) => a.contentHash === article.contentHash);
    const id = rank === 0 ? article.id : sha256(`${article.id}#${article.contentHash}`).slice(0, 32);
    if (emitted.has(id)) continue;
    emitted.add(id);
    result.push({ ...article, id });
  }
  return result;
}

function uniqueByContent(group: Article[]): Article[] {
  const seen = new Map<string, Article>();
  for (const article of group) if (!seen.has(article.contentHash)) seen.set(article.contentHash, article);
  return [...seen.values()];
}

function compareForPlainId(a: Article, b: Article): number {
  if (a.publishedAt !== b.publishedAt) {
    if (a.publishedAt === null) return 1;
    if (b.publishedAt === null) return -1;
    return a.publishedAt < b.publishedAt ? -1 : 1;
  }
  return a.contentHash < b.contentHash ? -1 : a.contentHash > b.contentHash ? 1 : 0;
}
