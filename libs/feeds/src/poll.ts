import { toArticles, type Article, type ArticleOptions } from './article/article';
import { FetchError, HttpFetcher, type HttpFetchResult } from './net/http-fetcher';
import { parseFeedBytes, type FeedInfo } from './parse/feed-parser';
import { describeError, describeHttpStatus } from './schedule/errors';

export interface PollValidators {
  etag?: string | null;
  lastModified?: string | null;
}

export interface PollOptions {
  /** The guarded fetcher to use; a shared one built from the environment (SSRF_ALLOWLIST) when absent. */
  fetcher?: HttpFetcher;
  /** Passed to toArticles (summaryMaxChars, …); feedUrl and feedLanguage are filled in. */
  articles?: Omit<ArticleOptions, 'feedUrl' | 'feedLanguage'>;
  signal?: AbortSignal;
}

export interface PollHttpInfo {
  status: number | null;
  /** URL after redirects. */
  finalUrl: string;
  /** Every redirect was 301/308: the subscription can be updated to finalUrl. */
  permanentlyMoved: boolean;
  /** Validators to send next time (the previous ones are kept when a 304 omits them). */
  etag: string | null;
  lastModified: string | null;
  maxAgeMs: number | null;
  expiresInMs: number | null;
  retryAfterMs: number | null;
  bytes: number;
  durationMs: number;
}

export interface PollResult {
  outcome: 'ok' | 'not-modified' | 'error' | 'gone';
  feed?: FeedInfo;
  articles?: Article[];
  http: PollHttpInfo;
  /** One line, plain words, for the feed's "last error". */
  error?: string;
  /** Machine-readable class of the error: a FetchError kind, 'http', 'parse' or 'unexpected'. */
  errorKind?: string;
}

let sharedFetcher: HttpFetcher | null = null;

/** The fetcher pollFeed uses when none is given (SSRF guard from SSRF_ALLOWLIST). */
export function defaultFetcher(): HttpFetcher {
  return (sharedFetcher ??= new HttpFetcher());
}

export async function closeDefaultFetcher(): Promise<void> {
  const fetcher = sharedFetcher;
  sharedFetcher = null;
  if (fetcher) await fetcher.close();
}

/**
 * One poll of one feed: conditional GET through the guarded fetcher, then (only on 200) charset detection,
 * parsing and article normalisation. Never throws: every failure is an outcome with a plain-words error.
 */
export async function pollFeed(url: string, validators: PollValidators = {}, options: PollOptions = {}): Promise<PollResult> {
  const started = Date.now();
  const fetcher = options.fetcher ?? defaultFetcher();
  let response: HttpFetchResult;
  try {
    response = await fetcher.fetch(url, { etag: validators.etag, lastModified: validators.lastModified, signal: options.signal });
  } catch (err) {
    return {
      outcome: 'error',
      http: emptyHttp(url, validators, started),
      error: describeError(err),
      errorKind: err instanceof FetchError ? err.kind : 'unexpected',
    };
  }

  const http: PollHttpInfo = {
    status: response.status,
    finalUrl: response.url,
    permanentlyMoved: response.permanentlyMoved,
    etag: response.headers.etag ?? (response.notModified ? validators.etag ?? null : null),
    lastModified: response.headers.lastModified ?? (response.notModified ? validators.lastModified ?? null : null),
    maxAgeMs: response.headers.maxAgeMs,
    expiresInMs: response.headers.expiresInMs,
    retryAfterMs: response.headers.retryAfterMs,
    bytes: response.body.length,
    durationMs: 0,
  };
  const done = (result: Omit<PollResult, 'http'>): PollResult => ({ ...result, http: { ...http, durationMs: Date.now() - started } });

  if (response.notModified) return done({ outcome: 'not-modified' });
  if (response.status === 410) return done({ outcome: 'gone', error: describeHttpStatus(410), errorKind: 'http' });
  if (response.status < 200 || response.status >= 300) {
    return done({ outcome: 'error', error: describeHttpStatus(response.status, response.headers.retryAfterMs), errorKind: 'http' });
  }

  try {
    const parsed = await parseFeedBytes(response.body, { url: response.url, contentType: response.headers.contentType });
    const articles = toArticles(parsed.items, { ...options.articles, feedUrl: url, feedLanguage: parsed.feed.language });
    return done({ outcome: 'ok', feed: parsed.feed, articles });
  } catch (err) {
    return done({ outcome: 'error', error: describeError(err), errorKind: err instanceof Error && err.name === 'FeedParseError' ? 'parse' : 'unexpected' });
  }
}

function emptyHttp(url: string, validators: PollValidators, started: number): PollHttpInfo {
  return {
    status: null,
    finalUrl: url,
    permanentlyMoved: false,
    etag: validators.etag ?? null,
    lastModified: validators.lastModified ?? null,
    maxAgeMs: null,
    expiresInMs: null,
    retryAfterMs: null,
    bytes: 0,
    durationMs: Date.now() - started,
  };
}
