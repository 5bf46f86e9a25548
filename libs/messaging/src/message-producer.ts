import { CompressionTypes, Kafka, Partitioners, Producer } from 'kafkajs';
import { topicName, TopicContract, validate } from '@stancewatch/contracts';

/** Sends contract-checked messages: nothing invalid ever leaves a service. */
export class MessageProducer {
  private readonly producer: Producer;
  private connected = false;

  constructor(
    kafka: Kafka,
    private readonly prefix: string,
  ) {
    // idempotent: a retried send after a lost ack is not written twice
    // the Java client's murmur2 partitioner, so keys land where other Kafka tools expect them
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 5, allowAutoTopicCreation: false });
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    await this.producer.connect();
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await this.producer.disconnect();
  }

  async send<T>(contract: TopicContract<T>, values: T[], headers: Record<string, string> = {}): Promise<void> {
    if (values.length === 0) return;
    const messages = values.map((value) => {
      const valid = validate(contract, value);
      return { key: contract.keyOf(valid), value: JSON.stringify(valid), headers };
    });
    await this.sendRaw(topicName(contract, this.prefix), messages);
  }

  /** For values already serialised and validated elsewhere (the outbox stores the JSON it will send). */
  async sendRaw(topic: string, messages: { key: string | null; value: string; headers?: Record<string, string> }[]): Promise<void> {
    await this.connect();
    await this.producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages });
  }
}
