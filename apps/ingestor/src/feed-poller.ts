import { Article, fetchFullText, HttpFetcher, pollFeed, PollResult, Resolver, SsrfGuard } from '@stancewatch/feeds';
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

  /** `resolver` replaces system DNS (tests and benches: keep every name on loopback or unresolvable). */
  constructor(config: Pick<AppConfig, 'ssrfAllowList'>, resolver?: Resolver) {
    this.fetcher = new HttpFetcher({ guard: new SsrfGuard({ allowList: config.ssrfAllowList, resolver }) });
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
          const page = await fetchFullText(article.url, this.fetcher);
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
