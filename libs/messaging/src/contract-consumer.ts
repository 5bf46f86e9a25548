import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { ContractViolation, decode, deadLetterV1, topicName, TopicContract } from '@stancewatch/contracts';
import { isTransientFailure } from './failure-kind';
import { MessageProducer } from './message-producer';

export interface DecodedMessage<T> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: T;
}

export interface BatchContext {
  groupId: string;
  heartbeat(): Promise<void>;
}

export interface ConsumerLogger {
  info(msg: string, extra?: object): void;
  warn(msg: string, extra?: object): void;
  error(msg: string, extra?: object): void;
}

export interface ContractConsumerOptions<T> {
  groupId: string;
  contract: TopicContract<T>;
  prefix: string;
  /** Handles valid messages of one partition, in order. Must be idempotent or transactional. */
  handleBatch(messages: DecodedMessage<T>[], ctx: BatchContext): Promise<void>;
  /** Where a consumer keeps its own offsets (in its database), the positions to resume from. */
  storedOffsets?(topic: string, partitions: number[]): Promise<{ partition: number; offset: string }[]>;
  maxAttempts: number;
  retryBaseMs?: number;
  logger: ConsumerLogger;
  fromBeginning?: boolean;
  /** How long the group waits for a silent member before reassigning its partitions (default 30 s). */
  sessionTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A Kafka consumer that validates every message against its topic's contract, retries handler
 * failures with backoff, and sends what still fails — or never was valid — to the dead-letter topic
 * with the reason, so one poison message never stalls its partition and nothing is dropped silently.
 */
export class ContractConsumer<T> {
  private readonly consumer: Consumer;
  private readonly topic: string;
  private stopping = false;

  constructor(
    kafka: Kafka,
    private readonly dlq: MessageProducer,
    private readonly options: ContractConsumerOptions<T>,
  ) {
    this.topic = topicName(options.contract, options.prefix);
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: Math.min(3_000, Math.floor((options.sessionTimeoutMs ?? 30_000) / 3)),
      maxBytesPerPartition: 4 * 1024 * 1024,
    });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.dlq.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: this.options.fromBeginning ?? true });
    if (this.options.storedOffsets) this.resumeFromStoredOffsets();
    await this.consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect();
  }

  private resumeFromStoredOffsets(): void {
    const { GROUP_JOIN } = this.consumer.events;
    this.consumer.on(GROUP_JOIN, (event) => {
      const partitions = event.payload.memberAssignment[this.topic] ?? [];
      if (partitions.length === 0) return;
      this.options.storedOffsets!(this.topic, partitions)
        .then((offsets) => {
          for (const { partition, offset } of offsets) this.consumer.seek({ topic: this.topic, partition, offset });
        })
        .catch((err) => this.options.logger.error('could not read stored offsets; resuming from Kafka commits', { err: String(err) }));
    });
  }

  private async onBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const ctx: BatchContext = { groupId: this.options.groupId, heartbeat };
    const valid: DecodedMessage<T>[] = [];
    for (const message of batch.messages) {
      try {
        valid.push({ topic: batch.topic, partition: batch.partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, value: decode(this.options.contract, message.value) });
      } catch (err) {
        if (!(err instanceof ContractViolation)) throw err;
        await this.deadLetter(batch.partition, message, err.reason, 1);
      }
    }
    if (valid.length > 0 && isRunning() && !isStale()) await this.process(valid, ctx);
    if (!isRunning() || isStale()) return;
    resolveOffset(batch.lastOffset());
    await commitOffsetsIfNecessary();
  }

  private async process(messages: DecodedMessage<T>[], ctx: BatchContext): Promise<void> {
    const batchError = await this.withRetries(() => this.options.handleBatch(messages, ctx), ctx, messages.length > 1 ? 2 : this.options.maxAttempts);
    if (!batchError) return;
    if (messages.length === 1) return this.giveUp(messages[0], batchError);
    // isolate the message that fails: the others go through, it alone is dead-lettered
    for (const message of messages) {
      const error = await this.withRetries(() => this.options.handleBatch([message], ctx), ctx, this.options.maxAttempts);
      if (error) await this.giveUp(message, error);
    }
  }

  /** Runs `attempt` until it succeeds (undefined) or fails `maxAttempts` times on its own merits (the error). */
  private async withRetries(attempt: () => Promise<void>, ctx: BatchContext, maxAttempts: number): Promise<Error | undefined> {
    const base = this.options.retryBaseMs ?? 200;
    for (let tries = 1; ; tries++) {
      try {
        await attempt();
        return undefined;
      } catch (err) {
        const transient = isTransientFailure(err);
        if (this.stopping) throw err;
        if (!transient && tries >= maxAttempts) return err as Error;
        const wait = Math.min(base * 2 ** Math.min(tries - 1, 6), transient ? 10_000 : 5_000);
        this.options.logger.warn(transient ? 'infrastructure failure, retrying' : 'handler failed, retrying', { attempt: tries, waitMs: wait, err: String(err) });
        await sleep(wait);
        await ctx.heartbeat();
      }
    }
  }

  private async giveUp(message: DecodedMessage<T>, error: Error): Promise<void> {
    const raw: KafkaMessage = { key: message.key === null ? null : Buffer.from(message.key), value: Buffer.from(JSON.stringify(message.value)), offset: message.offset, timestamp: '', attributes: 0, headers: {} } as KafkaMessage;
    await this.deadLetter(message.partition, raw, `handler failed after ${this.options.maxAttempts} attempts: ${error.message}`, this.options.maxAttempts);
  }

  private async deadLetter(partition: number, message: KafkaMessage, reason: string, attempts: number): Promise<void> {
    this.options.logger.error('dead-lettering message', { topic: this.topic, partition, offset: message.offset, reason });
    await this.dlq.send(deadLetterV1, [
      {
        originalTopic: this.topic,
        partition,
        offset: message.offset,
        key: message.key?.toString('utf8') ?? null,
        value: message.value?.toString('utf8') ?? null,
        reason,
        consumerGroup: this.options.groupId,
        attempts,
        failedAt: new Date().toISOString(),
      },
    ]);
  }
}
