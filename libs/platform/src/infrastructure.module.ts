import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { createKafka, ensureTopics, MessageProducer } from '@stancewatch/messaging';
import { AlertDeliveryRepository, AlertOccurrenceRepository, AlertSubscriptionRepository } from '@stancewatch/persistence';
import { ApiKeyRepository, ArticleRepository, ConsumerOffsetRepository, createDataSource, EventStoreRepository, FeedRepository, OutboxRepository, ReadModelRepository } from '@stancewatch/persistence';
import { AppConfig } from './config';
import { createServiceLogger } from './logger';
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
    const logger = createServiceLogger(config, serviceName);
    return {
      module: InfrastructureModule,
      imports: [
        // Nest's logger and PinoLogger write through this logger. No pino-http middleware: it cost the
        // API a middie pass, a child logger and an AsyncLocalStorage scope per request; the API logs
        // one line per response from a Fastify hook instead (apps/api/src/setup.ts).
        LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] }),
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
