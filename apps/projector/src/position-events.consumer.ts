import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { PositionEvent, positionEventsV1 } from '@stancewatch/contracts';
import { ContractConsumer } from '@stancewatch/messaging';
import { OutboxPublisher, TransactionalConsumers } from '@stancewatch/platform';
import { PositionProjectionService } from './position-projection.service';

export const PROJECTOR_GROUP = 'stancewatch-projector';

/** Statements → event store and read models, each batch in the transaction that records its offsets. */
@Injectable()
export class PositionEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: ContractConsumer<PositionEvent>;

  constructor(consumers: TransactionalConsumers, projection: PositionProjectionService, outboxPublisher: OutboxPublisher, logger: PinoLogger) {
    logger.setContext('projector');
    this.consumer = consumers.create({
      group: PROJECTOR_GROUP,
      contract: positionEventsV1,
      logger,
      apply: (manager, messages) => projection.applyBatch(manager, messages.map((m) => m.value)),
      // the stance moves it queued in the outbox go out now rather than at the next poll
      committed: () => outboxPublisher.nudge(),
      // the rolled-back writes were already folded into the cached projections
      rolledBack: () => projection.forget(),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
