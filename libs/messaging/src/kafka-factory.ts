import { Kafka, logLevel } from 'kafkajs';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
}

export function createKafka(settings: KafkaSettings): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    // a broker restart should delay work, not fail it
    retry: { initialRetryTime: 200, retries: 10, maxRetryTime: 10_000 },
    connectionTimeout: 3000,
  });
}
