import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { MessageProducer } from '@stancewatch/messaging';
import { OutboxRepository } from '@stancewatch/persistence';
import { AppConfig } from './config';
import { CONFIG } from './tokens';

/** Moves committed outbox rows to Kafka, in order, until the service stops. */
@Injectable()
export class OutboxPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly producer: MessageProducer,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('outbox');
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Lets a writer that just committed skip the poll delay. */
  nudge(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const sent = await this.outbox.publishBatch(500, async (messages) => {
          const byTopic = new Map<string, { key: string | null; value: string }[]>();
          for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), { key: m.key, value: m.value }]);
          for (const [topic, batch] of byTopic) await this.producer.sendRaw(topic, batch);
        });
        failures = 0;
        if (sent > 0) continue;
      } catch (err) {
        failures++;
        // Kafka or Postgres away: the rows stay in the outbox and go out once they are back
        this.logger.warn({ err: String(err), failures }, 'outbox publication failed; will retry');
      }
      const delay = failures ? Math.min(this.config.outboxPollMs * 2 ** failures, 10_000) : this.config.outboxPollMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}
