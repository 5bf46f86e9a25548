import { articleIngestedEvent, ArticleIngestedEvent } from '../envelope';
import { TopicContract } from './topic-contract';

/** Articles the ingestor stored, keyed by article id (one article's messages stay in order). */
export const articlesIngestedV1: TopicContract<ArticleIngestedEvent> = {
  name: 'stancewatch.articles.ingested.v1',
  schema: articleIngestedEvent,
  keyOf: (event) => event.payload.articleId,
  partitions: 'articles',
};
