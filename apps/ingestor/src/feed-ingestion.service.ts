import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { articlesIngestedV1, buildArticleIngested } from '@stancewatch/contracts';
import { ArticleRepository, FeedEntity, FeedPollState, FeedRepository, OutboxRepository } from '@stancewatch/persistence';
import { AppConfig, CONFIG, OutboxPublisher } from '@stancewatch/platform';
import { FeedPollResult } from './feed-poller';
import { nextPollState } from './poll-schedule';

const PRODUCER = { name: 'stancewatch-ingestor', version: '1.0.0' };

/**
 * Records one poll: new articles, their `article-ingested` messages (via the outbox) and the
 * feed's new state commit together, so an article is announced exactly when it is stored.
 */
@Injectable()
export class FeedIngestionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly feeds: FeedRepository,
    private readonly articles: ArticleRepository,
    private readonly outbox: OutboxRepository,
    private readonly publisher: OutboxPublisher,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async record(feed: FeedEntity, result: FeedPollResult, now = new Date()): Promise<{ newArticles: number; movedTo?: string }> {
    let movedTo: string | undefined;
    const newIds = await this.dataSource.transaction(async (manager) => {
      const ids = await this.articles.insertNew(
        manager,
        result.articles.map((a) => ({
          id: a.id,
          feedId: feed.id,
          guid: a.guid,
          url: a.url,
          title: a.title ?? '',
          publishedAt: a.publishedAt ? new Date(a.publishedAt) : null,
          language: a.language,
          text: a.text,
          contentHash: a.contentHash,
        })),
      );
      const announced = result.articles.filter((a) => ids.has(a.id)).map((a) => buildArticleIngested({ ...a, feedId: feed.id }, now, PRODUCER));
      await this.outbox.enqueue(manager, articlesIngestedV1, announced);
      const state: FeedPollState = nextPollState(feed, result, ids.size, now, { maxConsecutiveFailures: this.config.feedMaxConsecutiveFailures });
      const { moved } = await this.feeds.recordPoll(manager, feed.id, state);
      if (moved) movedTo = state.url;
      return ids;
    });
    if (newIds.size) this.publisher.nudge();
    return { newArticles: newIds.size, movedTo };
  }
}
