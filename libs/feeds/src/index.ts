// Public API of the feed client library: fetching (SSRF-guarded), parsing, articles, scheduling.
export { pollFeed, defaultFetcher, closeDefaultFetcher } from './poll';
export type { PollResult, PollOptions, PollValidators, PollHttpInfo } from './poll';

export { SsrfGuard, SsrfBlockedError, parseAllowList, systemResolver } from './net/ssrf-guard';
export type { SsrfGuardOptions, SsrfDecision, Resolver, ResolvedAddress } from './net/ssrf-guard';

export {
  HttpFetcher,
  FetchError,
  DEFAULT_USER_AGENT,
  DEFAULT_MAX_BODY_BYTES,
  cachingHeaders,
  parseRetryAfter,
  parseMaxAge,
  parseHttpDate,
  formatBytes,
  formatDuration,
} from './net/http-fetcher';
export type { HttpFetcherOptions, ConditionalRequest, HttpFetchResult, CachingHeaders, FetchErrorKind } from './net/http-fetcher';

export { parseFeedBytes, parseFeedText, FeedParseError, resolveUrl } from './parse/feed-parser';
export type { FeedInfo, FeedItem, FeedFormat, ParsedFeed, ParseOptions } from './parse/feed-parser';
export { decodeFeedBytes, decodeHtmlBytes, normaliseCharset } from './parse/charset';
export type { DecodedText, CharsetSource } from './parse/charset';
export { parseFeedDate } from './parse/dates';

export { toArticle, toArticles, articleKey, itemText } from './article/article';
export type { Article, ArticleOptions } from './article/article';
export { canonicalUrl } from './article/canonical-url';
export { fetchFullText, extractMainText, FullTextError } from './article/full-text';
export type { FullText, FullTextOptions } from './article/full-text';

export { nextCheck, firstCheck, describeDelay, DEFAULT_SCHEDULE_POLICY } from './schedule/policy';
export type { SchedulePolicy, FeedScheduleState, PollSignal, ScheduleDecision } from './schedule/policy';
export { ConcurrencyLimiter } from './schedule/limiter';
export type { ConcurrencyLimits } from './schedule/limiter';
export { describeError, describeHttpStatus } from './schedule/errors';

export { htmlToText } from './text/html-to-text';
