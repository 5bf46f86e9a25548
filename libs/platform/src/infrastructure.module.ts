import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { createKafka, ensureTopics, MessageProducer } from '@stancewatch/messaging';
import { AlertDeliveryRepository, AlertOccurrenceRepository, AlertSubscriptionRepository } from '@stancewatch/persistence';
import { ApiKeyRepository, ArticleRepository, ConsumerOffsetRepository, createDataSource, EventStoreRepository, FeedRepository, OutboxRepository, ReadModelRepository } from '@stancewatch/persistence';
import { AppConfig } from './config';
import { ServiceMetrics } from './metrics';
import { MetricsListener } from './metrics-listener';
import { CONFIG, KAFKA, SERVICE_NAME } from './tokens';
import { TransactionalConsumers } from './transactional-consumers';

/** Opens and closes the shared connections with the application's lifecycle. */
@Injectable()
class InfrastructureLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly producer: MessageProducer,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('infrastructure');
  }

  async onApplicationBootstrap(): Promise<void> {
    const created = await ensureTopics(this.kafka, {
      prefix: this.config.topicPrefix,
      articlePartitions: this.config.articlePartitions,
      positionPartitions: this.config.positionPartitions,
      replicationFactor: this.config.replicationFactor,
    });
    if (created.length) this.logger.info({ topics: created }, 'created topics');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

const REPOSITORIES = [FeedRepository, ArticleRepository, ConsumerOffsetRepository, EventStoreRepository, ReadModelRepository, ApiKeyRepository, AlertSubscriptionRepository, AlertDeliveryRepository, AlertOccurrenceRepository];

/**
 * Config, logging, Postgres and Kafka for one service. The persistence and messaging libs stay
 * framework-free; this is the only place that turns them into Nest providers.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig, serviceName: string): DynamicModule {
    return {
      module: InfrastructureModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            name: serviceName,
            base: { service: serviceName },
            // a caller's X-Request-Id is kept so one request can be followed across logs
            genReqId: (req, res) => {
              const id = (req.headers['x-request-id'] as string | undefined) ?? crypto.randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') || (req.url ?? '').startsWith('/metrics') },
            // keys and signatures never reach the logs
            redact: { paths: ['req.headers["x-api-key"]', 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
          },
        }),
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: SERVICE_NAME, useValue: serviceName },
        {
          provide: DataSource,
          useFactory: () => createDataSource(config.databaseUrl, { applicationName: `stancewatch-${serviceName}` }).initialize(),
        },
        { provide: KAFKA, useFactory: () => createKafka({ brokers: config.kafkaBrokers, clientId: `${config.kafkaClientId}-${serviceName}` }) },
        { provide: MessageProducer, inject: [KAFKA], useFactory: (kafka: Kafka) => new MessageProducer(kafka, config.topicPrefix) },
        { provide: OutboxRepository, inject: [DataSource], useFactory: (ds: DataSource) => new OutboxRepository(ds, config.topicPrefix) },
        ...REPOSITORIES.map((repository) => ({ provide: repository, inject: [DataSource], useFactory: (ds: DataSource) => new repository(ds) })),
        { provide: ServiceMetrics, inject: [KAFKA], useFactory: (kafka: Kafka) => new ServiceMetrics(serviceName, { kafka, topicPrefix: config.topicPrefix }) },
        MetricsListener,
        TransactionalConsumers,
        InfrastructureLifecycle,
      ],
      exports: [CONFIG, SERVICE_NAME, DataSource, KAFKA, MessageProducer, OutboxRepository, TransactionalConsumers, ServiceMetrics, ...REPOSITORIES],
    };
  }
}
