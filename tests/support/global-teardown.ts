export default async function globalTeardown(): Promise<void> {
  const env = (globalThis as Record<string, unknown>).__KAFKA_STARTED__ as NodeJS.ProcessEnv | null | undefined;
  if (!env) return;
  const { stopKafka } = await import('../../scripts/kafka/broker.mjs' as string);
  await stopKafka(env);
}
