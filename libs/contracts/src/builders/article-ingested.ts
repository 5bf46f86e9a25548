import { ArticleIngestedEvent, SCHEMA_VERSION } from '../envelope';
import { deterministicUuid } from '../event-ids';

export interface StoredArticle {
  id: string;
  feedId: string | null;
  url: string | null;
  title: string | null;
  publishedAt: string | null;
  language: string | null;
  text: string;
  contentHash: string;
}

/** The announcement of a stored article; its id depends on the article alone, so a re-announcement is recognisable. */
export function buildArticleIngested(article: StoredArticle, observedAt: Date, producer: { name: string; version: string }): ArticleIngestedEvent {
  return {
    eventId: deterministicUuid('stancewatch.article-ingested', article.id),
    type: 'article-ingested',
    schemaVersion: SCHEMA_VERSION,
    actor: null,
    target: [],
    statedOn: null,
    observedAt: observedAt.toISOString(),
    confidence: null,
    producer,
    provenance: null,
    payload: {
      articleId: article.id,
      feedId: article.feedId,
      url: article.url,
      title: article.title ?? '',
      publishedAt: article.publishedAt,
      language: article.language,
      text: article.text,
      contentHash: article.contentHash,
    },
  };
}
