import { Inject, Injectable } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import { DataSource, EntityManager } from 'typeorm';
import { TopicContract } from '@stancewatch/contracts';
import { ContractConsumer, DecodedMessage, MessageProducer } from '@stancewatch/messaging';
import { ConsumerOffsetRepository } from '@stancewatch/persistence';
import { AppConfig, consumerGroupId } from './config';
import { consumerLogger } from './consumer-logger';
import { CONFIG, KAFKA } from './tokens';

export interface TransactionalConsumerOptions<T> {
  /** Consumer group base name; the deployment's topic prefix is put in front. */
  group: string;
  contract: TopicContract<T>;
  logger: PinoLogger;
  /** Applies the messages not applied before, inside the transaction that records their offsets; returns how many had an effect. */
  apply(manager: EntityManager, messages: DecodedMessage<T>[]): Promise<number>;
  /** After a commit that had an effect (e.g. to wake an outbox or delivery worker). */
  committed?(count: number): void;
  /** After a rollback, for state the handler kept in memory beyond the transaction. */
  rolledBack?(): void;
}

/**
 * Consumers with an exactly-once effect: each batch of one partition is applied in ONE Postgres
 * transaction that also records the partition's next offset. Messages below the stored offset
 * were applied before a crash and are skipped; on (re)assignment consumption resumes from the
 * stored offsets. Validation, retries and dead-lettering are the ContractConsumer's.
 */
@Injectable()
export class TransactionalConsumers {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly producer: MessageProducer,
    private readonly dataSource: DataSource,
    private readonly offsets: ConsumerOffsetRepository,
  ) {}

  create<T>(options: TransactionalConsumerOptions<T>): ContractConsumer<T> {
    const groupId = consumerGroupId(this.config, options.group);
    return new ContractConsumer(this.kafka, this.producer, {
      groupId,
      contract: options.contract,
      prefix: this.config.topicPrefix,
      maxAttempts: this.config.consumerMaxAttempts,
      sessionTimeoutMs: this.config.consumerSessionTimeoutMs,
      logger: consumerLogger(options.logger),
      storedOffsets: (topic, partitions) => this.offsets.load(groupId, topic, partitions),
      handleBatch: async (messages) => {
        const { topic, partition } = messages[0];
        let count: number;
        try {
          count = await this.dataSource.transaction(async (manager) => {
            const next = await this.offsets.lockNext(manager, groupId, topic, partition);
            const fresh = messages.filter((m) => BigInt(m.offset) >= next);
            if (fresh.length === 0) return 0;
            const applied = await options.apply(manager, fresh);
            await this.offsets.advance(manager, groupId, topic, partition, BigInt(fresh[fresh.length - 1].offset) + 1n);
            return applied;
          });
        } catch (err) {
          options.rolledBack?.();
          throw err;
        }
        if (count > 0) options.committed?.(count);
      },
    });
  }
}
