import { consumerGroupId, loadConfig } from '@stancewatch/platform/config';

describe('loadConfig', () => {
  const base = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093' };

  it('reads settings from the environment with defaults', () => {
    const config = loadConfig(base);
    expect(config.kafkaBrokers).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
    expect(config.positionPartitions).toBe(3);
    expect(config.apiPort).toBe(3000);
    expect(config.adminApiKey).toBeNull();
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ ...base, DATABASE_URL: undefined })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ...base, KAFKA_POSITION_PARTITIONS: 'many' })).toThrow(/KAFKA_POSITION_PARTITIONS/);
    expect(() => loadConfig({ ...base, ADMIN_API_KEY: 'short' })).toThrow(/ADMIN_API_KEY/);
    expect(() => loadConfig({ ...base, KAFKA_BROKERS: '' })).toThrow(/KAFKA_BROKERS/);
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig({ ...base, API_PORT: '', KAFKA_POSITION_PARTITIONS: '', KAFKA_TOPIC_PREFIX: '' });
    expect(config.apiPort).toBe(3000);
    expect(config.positionPartitions).toBe(3);
    expect(config.topicPrefix).toBe('');
  });

  it('namespaces consumer groups with the topic prefix', () => {
    expect(consumerGroupId({ topicPrefix: '' }, 'g')).toBe('g');
    expect(consumerGroupId({ topicPrefix: 'p' }, 'g')).toBe('p.g');
  });
});
