// Every setting the services read, in one place, from the environment. Secrets (API keys,
// webhook signing secrets) only ever come from here, never from code.
import { z } from 'zod';

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

const intFrom = (name: string, min: number) =>
  z.coerce.number({ invalid_type_error: `${name} must be a number` }).int().min(min, `${name} must be >= ${min}`);

const schema = z.object({
  databaseUrl: z.string().url('DATABASE_URL must be a postgres:// URL'),
  kafkaBrokers: z.array(z.string().min(1)).min(1, 'KAFKA_BROKERS must name at least one broker'),
  kafkaClientId: z.string().min(1),
  topicPrefix: z.string(),
  positionPartitions: intFrom('KAFKA_POSITION_PARTITIONS', 1),
  articlePartitions: intFrom('KAFKA_ARTICLE_PARTITIONS', 1),
  replicationFactor: intFrom('KAFKA_REPLICATION_FACTOR', 1),
  apiHost: z.string().min(1),
  apiPort: intFrom('API_PORT', 0),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  adminApiKey: z.string().min(16, 'ADMIN_API_KEY must be at least 16 characters').nullable(),
  feedPollIntervalSeconds: intFrom('FEED_POLL_INTERVAL_SECONDS', 1),
  feedSchedulerTickMs: intFrom('FEED_SCHEDULER_TICK_MS', 50),
  feedMaxConcurrentFetches: intFrom('FEED_MAX_CONCURRENT_FETCHES', 1),
  feedMaxFetchesPerHost: intFrom('FEED_MAX_FETCHES_PER_HOST', 1),
  feedMaxConsecutiveFailures: intFrom('FEED_MAX_CONSECUTIVE_FAILURES', 1),
  ssrfAllowList: z.array(z.string()),
  issuesFile: z.string().nullable(),
  outboxPollMs: intFrom('OUTBOX_POLL_MS', 10),
  consumerMaxAttempts: intFrom('CONSUMER_MAX_ATTEMPTS', 1),
  consumerSessionTimeoutMs: intFrom('CONSUMER_SESSION_TIMEOUT_MS', 6000),
  webhookRetryBaseMs: intFrom('WEBHOOK_RETRY_BASE_MS', 10),
  webhookRetryMaxSeconds: intFrom('WEBHOOK_RETRY_MAX_SECONDS', 1),
  rateLimitPerMinute: intFrom('RATE_LIMIT_PER_MINUTE', 0),
  rateLimitBurst: intFrom('RATE_LIMIT_BURST', 1),
  metricsPort: intFrom('METRICS_PORT', 0),
  apiReadCacheMb: intFrom('API_READ_CACHE_MB', 0),
});

export type AppConfig = z.infer<typeof schema>;

/** Names of every environment variable the services read; the compose test checks docker/ against it. */
export const ENV_VARS = [
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'KAFKA_CLIENT_ID',
  'KAFKA_TOPIC_PREFIX',
  'KAFKA_POSITION_PARTITIONS',
  'KAFKA_ARTICLE_PARTITIONS',
  'KAFKA_REPLICATION_FACTOR',
  'API_HOST',
  'API_PORT',
  'LOG_LEVEL',
  'ADMIN_API_KEY',
  'FEED_POLL_INTERVAL_SECONDS',
  'FEED_SCHEDULER_TICK_MS',
  'FEED_MAX_CONCURRENT_FETCHES',
  'FEED_MAX_FETCHES_PER_HOST',
  'FEED_MAX_CONSECUTIVE_FAILURES',
  'SSRF_ALLOWLIST',
  'ISSUES_FILE',
  'OUTBOX_POLL_MS',
  'CONSUMER_MAX_ATTEMPTS',
  'CONSUMER_SESSION_TIMEOUT_MS',
  'WEBHOOK_RETRY_BASE_MS',
  'WEBHOOK_RETRY_MAX_SECONDS',
  'RATE_LIMIT_PER_MINUTE',
  'RATE_LIMIT_BURST',
  'METRICS_PORT',
  'API_READ_CACHE_MB',
] as const;
export type EnvVar = (typeof ENV_VARS)[number];

export class ConfigError extends Error {}

const ENV_NAME_OF: Record<string, EnvVar> = {
  databaseUrl: 'DATABASE_URL',
  kafkaBrokers: 'KAFKA_BROKERS',
  kafkaClientId: 'KAFKA_CLIENT_ID',
  topicPrefix: 'KAFKA_TOPIC_PREFIX',
  positionPartitions: 'KAFKA_POSITION_PARTITIONS',
  articlePartitions: 'KAFKA_ARTICLE_PARTITIONS',
  replicationFactor: 'KAFKA_REPLICATION_FACTOR',
  apiHost: 'API_HOST',
  apiPort: 'API_PORT',
  logLevel: 'LOG_LEVEL',
  adminApiKey: 'ADMIN_API_KEY',
  feedPollIntervalSeconds: 'FEED_POLL_INTERVAL_SECONDS',
  feedSchedulerTickMs: 'FEED_SCHEDULER_TICK_MS',
  feedMaxConcurrentFetches: 'FEED_MAX_CONCURRENT_FETCHES',
  feedMaxFetchesPerHost: 'FEED_MAX_FETCHES_PER_HOST',
  feedMaxConsecutiveFailures: 'FEED_MAX_CONSECUTIVE_FAILURES',
  ssrfAllowList: 'SSRF_ALLOWLIST',
  issuesFile: 'ISSUES_FILE',
  outboxPollMs: 'OUTBOX_POLL_MS',
  consumerMaxAttempts: 'CONSUMER_MAX_ATTEMPTS',
  consumerSessionTimeoutMs: 'CONSUMER_SESSION_TIMEOUT_MS',
  webhookRetryBaseMs: 'WEBHOOK_RETRY_BASE_MS',
  webhookRetryMaxSeconds: 'WEBHOOK_RETRY_MAX_SECONDS',
  rateLimitPerMinute: 'RATE_LIMIT_PER_MINUTE',
  rateLimitBurst: 'RATE_LIMIT_BURST',
  metricsPort: 'METRICS_PORT',
  apiReadCacheMb: 'API_READ_CACHE_MB',
};

export function loadConfig(rawEnv: Partial<Record<EnvVar, string | undefined>> = process.env): AppConfig {
  // an empty variable (FOO= in an env file) means "not set", as in most tools
  const env: Partial<Record<EnvVar, string>> = {};
  for (const name of ENV_VARS) if (rawEnv[name] !== undefined && rawEnv[name] !== '') env[name] = rawEnv[name];
  const parsed = schema.safeParse({
    databaseUrl: env.DATABASE_URL,
    kafkaBrokers: list(env.KAFKA_BROKERS),
    kafkaClientId: env.KAFKA_CLIENT_ID || 'stancewatch',
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    positionPartitions: env.KAFKA_POSITION_PARTITIONS ?? 3,
    articlePartitions: env.KAFKA_ARTICLE_PARTITIONS ?? 3,
    replicationFactor: env.KAFKA_REPLICATION_FACTOR ?? 1,
    apiHost: env.API_HOST || '127.0.0.1',
    apiPort: env.API_PORT ?? 3000,
    logLevel: env.LOG_LEVEL || 'info',
    adminApiKey: env.ADMIN_API_KEY || null,
    feedPollIntervalSeconds: env.FEED_POLL_INTERVAL_SECONDS ?? 900,
    feedSchedulerTickMs: env.FEED_SCHEDULER_TICK_MS ?? 1000,
    feedMaxConcurrentFetches: env.FEED_MAX_CONCURRENT_FETCHES ?? 16,
    feedMaxFetchesPerHost: env.FEED_MAX_FETCHES_PER_HOST ?? 2,
    feedMaxConsecutiveFailures: env.FEED_MAX_CONSECUTIVE_FAILURES ?? 10,
    ssrfAllowList: list(env.SSRF_ALLOWLIST),
    issuesFile: env.ISSUES_FILE || null,
    outboxPollMs: env.OUTBOX_POLL_MS ?? 200,
    consumerMaxAttempts: env.CONSUMER_MAX_ATTEMPTS ?? 5,
    consumerSessionTimeoutMs: env.CONSUMER_SESSION_TIMEOUT_MS ?? 30_000,
    webhookRetryBaseMs: env.WEBHOOK_RETRY_BASE_MS ?? 10_000,
    webhookRetryMaxSeconds: env.WEBHOOK_RETRY_MAX_SECONDS ?? 86_400,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE ?? 600,
    rateLimitBurst: env.RATE_LIMIT_BURST ?? 120,
    metricsPort: env.METRICS_PORT ?? 0,
    apiReadCacheMb: env.API_READ_CACHE_MB ?? 64,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${ENV_NAME_OF[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}

/** Consumer group ids carry the topic prefix too, so environments sharing a broker never share a group. */
export function consumerGroupId(config: Pick<AppConfig, 'topicPrefix'>, base: string): string {
  return config.topicPrefix ? `${config.topicPrefix}.${base}` : base;
}
