// Integration tier: make sure a real Kafka broker and a real Postgres are reachable before any
// suite runs. Kafka is started from its Maven jars when nothing listens; Postgres is the machine's
// (TEST_DATABASE_URL), each suite creating its own database.
import { Client } from 'pg';

export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new Client({ connectionString: adminUrl });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    throw new Error(`integration tests need Postgres at ${adminUrl}: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  if (!process.env.KAFKA_BROKERS) {
    const { startKafka } = await import('../../scripts/kafka/broker.mjs' as string);
    const env = { ...process.env, KAFKA_DATA_DIR: process.env.KAFKA_DATA_DIR ?? '.data/kafka-test' };
    const result = await startKafka(env);
    process.env.KAFKA_BROKERS = result.brokers;
    (globalThis as Record<string, unknown>).__KAFKA_STARTED__ = result.started ? env : null;
    if (result.started) console.log(`\nkafka: test broker started in ${(result.ms / 1000).toFixed(1)} s`);
  }
}
