// Real Kafka: valid messages reach the handler in order, invalid ones and ones the handler keeps
// failing on reach the dead-letter topic with the reason, and the partition keeps flowing.
import { Kafka, logLevel } from 'kafkajs';
import { DeadLetter, deadLetterV1, deterministicUuid, PositionChangedEvent, positionChangesV1, SCHEMA_VERSION, topicName } from '@stancewatch/contracts';
import { ContractConsumer, createKafka, DecodedMessage, ensureTopics, MessageProducer } from '@stancewatch/messaging';
import { pollUntil } from '../../../tests/support/poll-until';
import { uniqueTopicPrefix } from '../../../tests/support/test-topics';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

function change(n: number, actor = 'FR'): PositionChangedEvent {
  return {
    eventId: deterministicUuid('consumer-test', String(n)),
    type: 'position-changed',
    schemaVersion: SCHEMA_VERSION,
    actor: { code: actor, role: null },
    target: ['UA'],
    statedOn: '2026-01-08',
    observedAt: new Date(0).toISOString(),
    confidence: null,
    producer: { name: 'test', version: '1' },
    provenance: null,
    payload: { issue: `issue-${n}`, from: null, to: 'committed', causeEventId: deterministicUuid('cause', String(n)), since: '2026-01-08', historical: false },
  };
}

describe('ContractConsumer on a real broker', () => {
  let kafka: Kafka;
  let prefix: string;
  let producer: MessageProducer;
  const consumers: ContractConsumer<unknown>[] = [];
  const deadLetters: DeadLetter[] = [];
  let dlqReader: ReturnType<Kafka['consumer']>;

  beforeAll(async () => {
    kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'consumer-test' });
    prefix = uniqueTopicPrefix('consumer');
    await ensureTopics(kafka, { prefix, articlePartitions: 1, positionPartitions: 1, replicationFactor: 1 });
    producer = new MessageProducer(kafka, prefix);
    dlqReader = new Kafka({ brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).consumer({ groupId: `${prefix}-dlq-reader` });
    await dlqReader.connect();
    await dlqReader.subscribe({ topic: topicName(deadLetterV1, prefix), fromBeginning: true });
    await dlqReader.run({ eachMessage: async ({ message }) => void deadLetters.push(JSON.parse(message.value!.toString())) });
  });

  afterAll(async () => {
    for (const consumer of consumers) await consumer.stop();
    await dlqReader.disconnect();
    await producer.disconnect();
  });

  it('dead-letters invalid and poison messages with the reason and delivers the rest in order', async () => {
    const seen: string[] = [];
    const consumer = new ContractConsumer(kafka, producer, {
      groupId: `${prefix}-group`,
      contract: positionChangesV1,
      prefix,
      maxAttempts: 2,
      retryBaseMs: 10,
      logger: quiet,
      handleBatch: async (messages: DecodedMessage<PositionChangedEvent>[]) => {
        // the handler fails every time on issue-3: a poison message
        if (messages.some((m) => m.value.payload.issue === 'issue-3')) throw new Error('cannot project issue-3');
        seen.push(...messages.map((m) => m.value.payload.issue));
      },
    });
    consumers.push(consumer as ContractConsumer<unknown>);
    await consumer.start();

    await producer.send(positionChangesV1, [change(1), change(2)]);
    // bypass the producer's validation, as a foreign or buggy producer would
    await producer.sendRaw(topicName(positionChangesV1, prefix), [{ key: 'FR', value: '{"not":"an event"}' }, { key: 'FR', value: 'garbage' }]);
    await producer.send(positionChangesV1, [change(3), change(4)]);

    await pollUntil(async () => seen, (s) => s.includes('issue-4'), { what: 'issue-4 to be handled' });
    expect(seen).toEqual(['issue-1', 'issue-2', 'issue-4']);

    const letters = await pollUntil(async () => deadLetters, (d) => d.length >= 3, { what: 'three dead letters' });
    expect(letters.map((l) => l.value)).toEqual(expect.arrayContaining(['{"not":"an event"}', 'garbage']));
    expect(letters.find((l) => l.value === 'garbage')!.reason).toMatch(/not JSON/);
    expect(letters.find((l) => l.value === '{"not":"an event"}')!.reason).toMatch(/eventId/);
    const poison = letters.find((l) => l.value?.includes('issue-3'))!;
    expect(poison.reason).toMatch(/failed after 2 attempts: cannot project issue-3/);
    expect(poison).toMatchObject({ originalTopic: topicName(positionChangesV1, prefix), consumerGroup: `${prefix}-group`, attempts: 2 });
  });
});
