import { Kafka, logCreator, logLevel } from 'kafkajs';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
}

/**
 * Errors kafkajs logs and then retries on its own while a broker starts or a group rebalances;
 * they say nothing an operator must act on, so they are logged at debug level only.
 */
const RETRIED_ON_ITS_OWN = /coordinator is loading|coordinator is not available|not the correct coordinator|does not host this topic-partition|leader not available|rebalance in progress|There is no leader for this topic-partition/i;

/**
 * Said once per producer: our idempotent producers give up after a bounded number of retries (a
 * send must not block the outbox for ever), which kafkajs flags; every consumer deduplicates by
 * event id, so a resend after giving up cannot double-count.
 */
const KNOWN_CAVEATS = /Limiting retries for the idempotent producer/;

const LEVEL_NAMES: Record<number, string> = { [logLevel.ERROR]: 'error', [logLevel.WARN]: 'warn', [logLevel.INFO]: 'info', [logLevel.DEBUG]: 'debug' };

/** kafkajs log lines as one JSON object per line on stderr, like the services' own logs. */
const jsonLogCreator: logCreator = (level) => (entry) => {
  const error = String((entry.log as { error?: unknown }).error ?? '');
  const quiet = (entry.level === logLevel.ERROR && RETRIED_ON_ITS_OWN.test(error)) || KNOWN_CAVEATS.test(entry.log.message);
  const effective = quiet ? logLevel.DEBUG : entry.level;
  if (effective > level) return;
  const { message, timestamp: _t, logger: _l, ...rest } = entry.log as { message: string; timestamp?: string; logger?: string };
  process.stderr.write(`${JSON.stringify({ level: LEVEL_NAMES[effective] ?? 'info', time: Date.now(), component: `kafkajs.${entry.namespace}`, msg: message, ...rest })}\n`);
};

export function createKafka(settings: KafkaSettings): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    logCreator: jsonLogCreator,
    // a broker restart should delay work, not fail it
    retry: { initialRetryTime: 200, retries: 10, maxRetryTime: 10_000 },
    connectionTimeout: 3000,
  });
}
