import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import { ArticleIngestedEvent, articlesIngestedV1, buildPositionEvents, positionEventsV1 } from '@stancewatch/contracts';
import { EXTRACTOR_VERSION, extractEvents } from '@stancewatch/domain/extraction';
import { BatchContext, ContractConsumer, DecodedMessage, MessageProducer } from '@stancewatch/messaging';
import { AppConfig, CONFIG, consumerGroupId, consumerLogger, KAFKA } from '@stancewatch/platform';

export const EXTRACTOR_GROUP = 'stancewatch-extractor';

/**
 * Reads each ingested article, extracts its statements and publishes them keyed by actor.
 * At-least-once: a crash before the offset commit re-extracts the article, which yields the
 * same event ids, so the projector's event store keeps one copy.
 */
@Injectable()
export class ArticleExtractionConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: ContractConsumer<ArticleIngestedEvent>;
  private readonly producerInfo = { name: 'stancewatch-extractor', version: EXTRACTOR_VERSION };

  private readonly groupId: string;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(CONFIG) config: AppConfig,
    private readonly producer: MessageProducer,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('extractor');
    this.groupId = consumerGroupId(config, EXTRACTOR_GROUP);
    this.consumer = new ContractConsumer(kafka, producer, {
      groupId: this.groupId,
      contract: articlesIngestedV1,
      prefix: config.topicPrefix,
      maxAttempts: config.consumerMaxAttempts,
      sessionTimeoutMs: config.consumerSessionTimeoutMs,
      logger: consumerLogger(logger),
      handleBatch: (messages, ctx) => this.handle(messages, ctx),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }

  private async handle(messages: DecodedMessage<ArticleIngestedEvent>[], ctx: BatchContext): Promise<void> {
    for (const { value: article } of messages) {
      const extracted = extractEvents({
        text: article.payload.text,
        title: article.payload.title,
        publishedOn: article.payload.publishedAt?.slice(0, 10) ?? article.observedAt.slice(0, 10),
      });
      const events = buildPositionEvents(article, extracted, this.producerInfo, EXTRACTOR_VERSION);
      await this.producer.send(positionEventsV1, events);
      this.logger.info({ articleId: article.payload.articleId, events: events.length }, 'article extracted');
      // long batches must not cost the group membership
      await ctx.heartbeat();
    }
  }
}
