import { articlesIngestedV1, buildArticleIngested } from '@stancewatch/contracts';
import { createKafka, ensureTopics, MessageProducer } from '@stancewatch/messaging';
import { createDataSource } from '@stancewatch/persistence';
import { loadConfig } from '@stancewatch/platform/config';

const PRODUCER = { name: 'stancewatch-cli-reextract', version: '1.0.0' };

/**
 * Announces stored articles again so the running extractor reads them once more. The extractor
 * stamps its version on every event: the same version yields the same event ids (deduplicated by
 * the projector), a newer one supersedes the older run's events article by article, so nothing is
 * counted twice downstream.
 */
export async function reextractCommand(argv: string[]): Promise<number> {
  const sinceAt = argv.indexOf('--since');
  const since = sinceAt >= 0 ? argv[sinceAt + 1] : null;
  if (sinceAt >= 0 && (!since || Number.isNaN(Date.parse(since)))) {
    console.error('usage: reextract [--since YYYY-MM-DD]  (articles ingested on or after that day)');
    return 2;
  }
  const config = loadConfig();
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: `${config.kafkaClientId}-reextract` });
  await ensureTopics(kafka, { prefix: config.topicPrefix, articlePartitions: config.articlePartitions, positionPartitions: config.positionPartitions, replicationFactor: config.replicationFactor });
  const producer = new MessageProducer(kafka, config.topicPrefix);
  const dataSource = await createDataSource(config.databaseUrl, { poolSize: 1, applicationName: 'stancewatch-reextract' }).initialize();
  let sent = 0;
  try {
    let after = '';
    for (;;) {
      const rows: { id: string; feed_id: string | null; url: string | null; title: string; published_at: Date | null; language: string | null; text: string; content_hash: string }[] = await dataSource.query(
        `SELECT id, feed_id, url, title, published_at, language, text, content_hash FROM articles WHERE id > $1 AND ($2::timestamptz IS NULL OR ingested_at >= $2) ORDER BY id LIMIT 500`,
        [after, since],
      );
      if (rows.length === 0) break;
      const now = new Date();
      await producer.send(
        articlesIngestedV1,
        rows.map((r) =>
          buildArticleIngested({ id: r.id, feedId: r.feed_id, url: r.url, title: r.title, publishedAt: r.published_at?.toISOString() ?? null, language: r.language, text: r.text, contentHash: r.content_hash }, now, PRODUCER),
        ),
      );
      sent += rows.length;
      after = rows[rows.length - 1].id;
      process.stderr.write(`reextract: ${sent} articles announced\n`);
    }
    console.log(`announced ${sent} stored article${sent === 1 ? '' : 's'} for re-extraction${since ? ` (ingested since ${since})` : ''}`);
    return 0;
  } finally {
    await producer.disconnect();
    await dataSource.destroy();
  }
}
