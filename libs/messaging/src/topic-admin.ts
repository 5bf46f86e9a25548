import { Kafka } from 'kafkajs';
import { ALL_TOPICS, topicName, TopicContract } from '@stancewatch/contracts';

export interface TopicSizing {
  prefix: string;
  articlePartitions: number;
  positionPartitions: number;
  replicationFactor: number;
}

function partitionsFor(contract: TopicContract<unknown>, sizing: TopicSizing): number {
  if (contract.partitions === 'articles') return sizing.articlePartitions;
  if (contract.partitions === 'positions') return sizing.positionPartitions;
  return 1;
}

/** Creates every stancewatch topic that does not exist yet; safe to call from every service at start-up. */
export async function ensureTopics(kafka: Kafka, sizing: TopicSizing): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = ALL_TOPICS.filter((contract) => !existing.has(topicName(contract, sizing.prefix)));
    if (missing.length === 0) return [];
    const created = missing.map((contract) => topicName(contract, sizing.prefix));
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((contract) => ({
          topic: topicName(contract, sizing.prefix),
          numPartitions: partitionsFor(contract as TopicContract<unknown>, sizing),
          replicationFactor: sizing.replicationFactor,
        })),
      });
    } catch (err) {
      // another service may have created them a moment earlier
      if (!/already exists/i.test(String((err as Error).message))) throw err;
    }
    return created;
  } finally {
    await admin.disconnect();
  }
}
