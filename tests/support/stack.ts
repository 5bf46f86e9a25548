import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bootstrapAlerter } from '../../apps/alerter/src/main';
import { bootstrapApi } from '../../apps/api/src/main';
import { bootstrapExtractor } from '../../apps/extractor/src/main';
import { bootstrapIngestor } from '../../apps/ingestor/src/main';
import { bootstrapProjector } from '../../apps/projector/src/main';
import { AppConfig, EnvVar, loadConfig } from '@stancewatch/platform';
import { createTestDatabase, TestDatabase } from './test-database';
import { uniqueTopicPrefix } from './test-topics';

export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export interface Stack {
  config: AppConfig;
  db: TestDatabase;
  api: NestFastifyApplication;
  apiUrl: string;
  workers: INestApplicationContext[];
  stop(): Promise<void>;
}

/** Every service of the real system in this process, on a database and topic namespace of their own. */
export async function startStack(label: string, env: Partial<Record<EnvVar, string>> = {}): Promise<Stack> {
  const db = await createTestDatabase(label);
  const config = loadConfig({
    DATABASE_URL: db.url,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(label),
    API_PORT: '0',
    ADMIN_API_KEY: TEST_ADMIN_KEY,
    SSRF_ALLOWLIST: '127.0.0.1,::1',
    FEED_SCHEDULER_TICK_MS: '100',
    OUTBOX_POLL_MS: '50',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const workers: INestApplicationContext[] = [];
  // downstream first, so nothing published is waiting for a consumer group to form
  workers.push(await bootstrapAlerter(config));
  workers.push(await bootstrapProjector(config));
  workers.push(await bootstrapExtractor(config));
  const api = await bootstrapApi(config);
  workers.push(await bootstrapIngestor(config));
  const apiUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    config,
    db,
    api,
    apiUrl,
    workers,
    async stop() {
      for (const app of [...workers].reverse()) await app.close().catch(() => undefined);
      await api.close().catch(() => undefined);
      await db.drop().catch(() => undefined);
    },
  };
}
