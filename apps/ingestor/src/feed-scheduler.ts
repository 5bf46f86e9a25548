import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { ConcurrencyLimiter } from '@stancewatch/feeds';
import { ArticleRepository, FeedEntity, FeedRepository } from '@stancewatch/persistence';
import { AppConfig, CONFIG } from '@stancewatch/platform';
import { FeedIngestionService } from './feed-ingestion.service';
import { FeedPoller } from './feed-poller';

const POLL_LEASE_MS = 5 * 60_000;
/**
 * Claimed feeds may wait for a per-host slot; claiming up to twice the total limit keeps every slot busy
 * when one host has many feeds, without holding leases on feeds that will not start for a long time.
 */
const CLAIM_FACTOR = 2;

/**
 * Polls due feeds on a short tick; the database decides which are due, so restarts lose nothing.
 * Fetches run under the library's ConcurrencyLimiter: at most FEED_MAX_CONCURRENT_FETCHES in total
 * and FEED_MAX_FETCHES_PER_HOST to one host.
 */
@Injectable()
export class FeedScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private inFlight = new Set<Promise<void>>();
  private ticking = false;
  private stopped = false;
  /** Claimed while stopping but never polled: their leases are handed back on shutdown. */
  private readonly unpolled = new Set<string>();
  readonly limiter: ConcurrencyLimiter;

  constructor(
    private readonly feeds: FeedRepository,
    private readonly articles: ArticleRepository,
    private readonly poller: FeedPoller,
    private readonly ingestion: FeedIngestionService,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('scheduler');
    this.limiter = new ConcurrencyLimiter({ maxTotal: config.feedMaxConcurrentFetches, maxPerHost: config.feedMaxFetchesPerHost });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.feedSchedulerTickMs);
    void this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.inFlight]);
    await this.poller.close();
    const released = await this.feeds.releaseClaims([...this.unpolled]).catch((err) => {
      this.logger.warn({ err: String(err) }, 'could not release claimed feeds; they are polled when their lease runs out');
      return 0;
    });
    if (released) this.logger.info({ released }, 'claimed feeds handed back');
  }

  async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      const free = this.limiter.limits.maxTotal * CLAIM_FACTOR - this.inFlight.size;
      if (free <= 0) return;
      const due = await this.feeds.claimDue(free, POLL_LEASE_MS);
      for (const feed of due) {
        const job = this.limiter.run(feed.url, () => this.pollOne(feed)).finally(() => this.inFlight.delete(job));
        this.inFlight.add(job);
      }
    } catch (err) {
      this.logger.warn({ err: String(err) }, 'could not claim due feeds');
    } finally {
      this.ticking = false;
    }
  }

  private async pollOne(feed: FeedEntity): Promise<void> {
    if (this.stopped) {
      this.unpolled.add(feed.id);
      return;
    }
    try {
      const result = await this.poller.poll(feed.url, { etag: feed.etag, lastModified: feed.lastModified }, (ids) => this.articles.existingIds(ids));
      const { newArticles, movedTo } = await this.ingestion.record(feed, result);
      if (movedTo) this.logger.info({ feedId: feed.id, from: feed.url, to: movedTo }, 'feed moved permanently; subscription updated');
      this.logger.info({ feedId: feed.id, outcome: result.outcome, newArticles, error: result.error ?? undefined }, 'feed polled');
    } catch (err) {
      // the lease expires and the feed is polled again later; nothing was committed
      this.logger.error({ feedId: feed.id, err: String(err) }, 'feed poll could not be recorded');
    }
  }
}
