import { Article, ConcurrencyLimiter, fetchFullText, HttpFetcher, pollFeed, PollResult, Resolver, SsrfGuard } from '@stancewatch/feeds';
import { AppConfig } from '@stancewatch/platform';

/** One poll of one feed, with full page text fetched for new summary-only items. */
export interface FeedPollResult extends PollResult {
  articles: Article[];
}

/**
 * The ingestor's HTTP edge: one guarded fetcher (SSRF guard with the operator's allow-list) for
 * feeds and the article pages behind summary-only items.
 */
export class FeedPoller {
  private readonly fetcher: HttpFetcher;
  /**
   * Article pages get limits of their own: a feed of 50 summary-only items must not open 50 connections
   * to one news site. A separate limiter from the scheduler's, because a poll already holds one of
   * those slots while it fetches its pages (sharing it could deadlock).
   */
  readonly pageLimiter: ConcurrencyLimiter;

  /** `resolver` replaces system DNS (tests and benches: keep every name on loopback or unresolvable). */
  constructor(config: Pick<AppConfig, 'ssrfAllowList' | 'feedMaxConcurrentFetches' | 'feedMaxFetchesPerHost'>, resolver?: Resolver) {
    this.fetcher = new HttpFetcher({ guard: new SsrfGuard({ allowList: config.ssrfAllowList, resolver }) });
    this.pageLimiter = new ConcurrencyLimiter({ maxTotal: config.feedMaxConcurrentFetches, maxPerHost: config.feedMaxFetchesPerHost });
  }

  /** `isKnown` says which article ids are stored already, so their pages are not fetched again. */
  async poll(url: string, validators: { etag: string | null; lastModified: string | null }, isKnown: (ids: string[]) => Promise<Set<string>>): Promise<FeedPollResult> {
    const result = await pollFeed(url, validators, { fetcher: this.fetcher });
    const articles = result.articles ?? [];
    const fresh = articles.filter((a) => a.summaryOnly && a.url);
    if (fresh.length === 0) return { ...result, articles };
    const known = await isKnown(fresh.map((a) => a.id));
    const enriched = await Promise.all(
      articles.map(async (article) => {
        if (!article.summaryOnly || !article.url || known.has(article.id)) return article;
        try {
          const url = article.url;
          const page = await this.pageLimiter.run(url, () => fetchFullText(url, this.fetcher));
          // the page's text only replaces the summary when it really says more
          return page.text.length > article.text.length ? { ...article, text: page.text } : article;
        } catch {
          return article;
        }
      }),
    );
    return { ...result, articles: enriched };
  }

  close(): Promise<void> {
    return this.fetcher.close();
  }
}
