import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { HttpFetcher } from '../net/http-fetcher';
import { decodeHtmlBytes } from '../parse/charset';
import { htmlToText } from '../text/html-to-text';

export interface FullText {
  /** Main text of the page, paragraphs separated by blank lines. */
  text: string;
  title: string | null;
  /** URL after redirects. */
  url: string;
}

export class FullTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FullTextError';
  }
}

export interface FullTextOptions {
  /** Pages are larger than feeds' items but should not be huge; default 5 MiB. */
  maxBodyBytes?: number;
  /** Minimum extracted length to count as an article (Readability's charThreshold). Default 200. */
  minChars?: number;
}

/**
 * Fetches an article page through the same guarded fetcher (SSRF guard, timeouts, body cap, redirects) and
 * extracts its main text with Readability. Throws FetchError / FullTextError with a plain reason; callers keep
 * the feed's summary when it fails.
 */
export async function fetchFullText(url: string, fetcher: HttpFetcher, options: FullTextOptions = {}): Promise<FullText> {
  const response = await fetcher.fetch(url, {
    accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
    maxBodyBytes: options.maxBodyBytes ?? 5 * 1024 * 1024,
  });
  if (response.status < 200 || response.status >= 300) {
    throw new FullTextError(`HTTP ${response.status} from ${new URL(response.url).host} for the article page`);
  }
  const contentType = response.headers.contentType ?? '';
  if (contentType && !/html|xml/i.test(contentType)) {
    throw new FullTextError(`the article page is ${contentType.split(';')[0].trim()}, not HTML`);
  }
  const html = decodeHtmlBytes(response.body, contentType).text;
  const extracted = extractMainText(html, response.url, options.minChars);
  if (!extracted) throw new FullTextError('no article text found on the page');
  return { ...extracted, url: response.url };
}

/** Main text of an HTML page via Readability over linkedom; null when nothing article-like was found. */
export function extractMainText(html: string, url?: string, minChars = 200): { text: string; title: string | null } | null {
  const { document } = parseHTML(html);
  if (!document.documentElement) return null;
  if (url) setDocumentUrl(document, url);
  // Readability mutates the document it is given; this one is ours alone.
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: minChars }).parse();
  const text = article?.content ? htmlToText(article.content) : '';
  if (!article || text.length < Math.min(minChars, 50)) return null;
  return { text, title: article.title?.trim() || null };
}

// Readability resolves relative links against documentURI / baseURI; linkedom leaves them empty.
function setDocumentUrl(document: object, url: string): void {
  for (const property of ['documentURI', 'baseURI', 'URL']) {
    try {
      Object.defineProperty(document, property, { value: url, configurable: true });
    } catch {
      // Not definable on this implementation: links stay relative, text is unaffected.
    }
  }
}
