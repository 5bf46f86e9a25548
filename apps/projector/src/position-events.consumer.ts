import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { PositionEvent, positionEventsV1 } from '@stancewatch/contracts';
import { ContractConsumer, DecodedMessage, MessageProducer } from '@stancewatch/messaging';
import { ConsumerOffsetRepository } from '@stancewatch/persistence';
import { AppConfig, CONFIG, consumerGroupId, consumerLogger, KAFKA, OutboxPublisher } from '@stancewatch/platform';
import { PositionProjectionService } from './position-projection.service';

export const PROJECTOR_GROUP = 'stancewatch-projector';

/**
 * Exactly-once effect: each batch of one partition is applied in ONE Postgres transaction that
 * also records the next offset. Messages below the stored offset were applied before a crash and
 * are skipped; on (re)assignment the consumer resumes from the stored offsets.
 */
@Injectable()
export class PositionEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: ContractConsumer<PositionEvent>;

  private readonly groupId: string;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(CONFIG) config: AppConfig,
    producer: MessageProducer,
    private readonly dataSource: DataSource,
    private readonly offsets: ConsumerOffsetRepository,
    private readonly projection: PositionProjectionService,
    private readonly outboxPublisher: OutboxPublisher,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('projector');
    this.groupId = consumerGroupId(config, PROJECTOR_GROUP);
    this.consumer = new ContractConsumer(kafka, producer, {
      groupId: this.groupId,
      contract: positionEventsV1,
      prefix: config.topicPrefix,
      maxAttempts: config.consumerMaxAttempts,
      sessionTimeoutMs: config.consumerSessionTimeoutMs,
      logger: consumerLogger(logger),
      storedOffsets: (topic, partitions) => this.offsets.load(this.groupId, topic, partitions),
      handleBatch: (messages) => this.applyBatch(messages),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }

  async applyBatch(messages: DecodedMessage<PositionEvent>[]): Promise<void> {
    const { topic, partition } = messages[0];
    let applied: number;
    try {
      applied = await this.dataSource.transaction(async (manager) => {
      const next = await this.offsets.lockNext(manager, this.groupId, topic, partition);
      const fresh = messages.filter((m) => BigInt(m.offset) >= next);
      if (fresh.length === 0) return 0;
      const count = await this.projection.applyBatch(manager, fresh.map((m) => m.value));
      await this.offsets.advance(manager, this.groupId, topic, partition, BigInt(fresh[fresh.length - 1].offset) + 1n);
      return count;
      });
    } catch (err) {
      // the rolled-back writes were already folded into the cached projections
      this.projection.forget();
      throw err;
    }
    if (applied) {
      this.outboxPublisher.nudge();
      this.logger.debug({ partition, applied }, 'batch projected');
    }
  }
}
