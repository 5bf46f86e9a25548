import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { bootstrapApi } from '../../apps/api/src/main';
import { bootstrapProjector } from '../../apps/projector/src/main';
import { createKafka, MessageProducer } from '@stancewatch/messaging';
import { AppConfig, EnvVar, loadConfig } from '@stancewatch/platform';
import { createTestDatabase, TestDatabase } from './test-database';
import { uniqueTopicPrefix } from './test-topics';

/** The read side only: the projector fed by a producer of position events, the API over its read models, and SQL. */
export interface ReadStack {
  config: AppConfig;
  db: TestDatabase;
  projector: INestApplicationContext;
  api: NestFastifyApplication;
  url: string;
  producer: MessageProducer;
  sql: Client;
  stop(): Promise<void>;
}

export async function startReadStack(label: string, env: Partial<Record<EnvVar, string>> = {}): Promise<ReadStack> {
  const db = await createTestDatabase(label);
  const config = loadConfig({ DATABASE_URL: db.url, KAFKA_BROKERS: process.env.KAFKA_BROKERS, KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(label), API_PORT: '0', LOG_LEVEL: 'warn', ...env });
  const projector = await bootstrapProjector(config);
  const api = await bootstrapApi(config);
  const url = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  const producer = new MessageProducer(createKafka({ brokers: config.kafkaBrokers, clientId: `${label}-producer` }), config.topicPrefix);
  const sql = new Client({ connectionString: db.url });
  await sql.connect();
  return {
    config,
    db,
    projector,
    api,
    url,
    producer,
    sql,
    async stop() {
      await producer.disconnect().catch(() => undefined);
      await api.close().catch(() => undefined);
      await projector.close().catch(() => undefined);
      await sql.end().catch(() => undefined);
      await db.drop().catch(() => undefined);
    },
  };
}
