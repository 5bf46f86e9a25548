import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { MessageProducer } from '@stancewatch/messaging';
import { OutboxRepository } from '@stancewatch/persistence';
import { AppConfig } from './config';
import { PollingLoop } from './polling-loop';
import { CONFIG } from './tokens';

/** Moves committed outbox rows to Kafka, in order, until the service stops. */
@Injectable()
export class OutboxPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly producer: MessageProducer,
    @Inject(CONFIG) config: AppConfig,
    logger: PinoLogger,
  ) {
    logger.setContext('outbox');
    this.loop = new PollingLoop({
      intervalMs: config.outboxPollMs,
      step: async () => (await this.publishBatch()) > 0,
      // Kafka or Postgres away: the rows stay in the outbox and go out once they are back
      onError: (err, failures) => logger.warn({ err: String(err), failures }, 'outbox publication failed; will retry'),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Lets a writer that just committed skip the poll delay. */
  nudge(): void {
    this.loop.nudge();
  }

  private publishBatch(): Promise<number> {
    return this.outbox.publishBatch(500, async (messages) => {
      const byTopic = new Map<string, { key: string | null; value: string }[]>();
      for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), { key: m.key, value: m.value }]);
      for (const [topic, batch] of byTopic) await this.producer.sendRaw(topic, batch);
    });
  }
}
