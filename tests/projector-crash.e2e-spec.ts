// Kill the projector process with SIGKILL again and again while it projects, restart it, and
// compare what it ends up with to a run that was never interrupted: no gap, no double count.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { PositionEvent, positionEventsV1 } from '@stancewatch/contracts';
import { PositionEventType } from '@stancewatch/domain/catalogue';
import { createKafka, ensureTopics, MessageProducer } from '@stancewatch/messaging';
import { loadConfig } from '@stancewatch/platform';
import { bootstrapProjector } from '../apps/projector/src/main';
import { pollUntil } from './support/poll-until';
import { positionEvent } from './support/position-events';
import { contentSnapshot } from './support/read-model-snapshot';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { uniqueTopicPrefix } from './support/test-topics';

const ACTORS = ['FR', 'GB', 'DE', 'PL', 'RO', 'ES', 'IT', 'NL', 'RU', 'TR'];
const TYPES: PositionEventType[] = ['pledge-announced', 'pledge-considered', 'pledge-refused', 'red-line-stated', 'demand-made', 'condition-set', 'support-expressed', 'opposition-expressed'];

/** A deterministic history: statements reported by one to three articles, dated out of order. */
function history(statements: number): PositionEvent[] {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const events: PositionEvent[] = [];
  for (let s = 0; s < statements; s++) {
    const actor = ACTORS[Math.floor(random() * ACTORS.length)];
    const type = TYPES[Math.floor(random() * TYPES.length)];
    const day = 1 + Math.floor(random() * 28);
    const month = 1 + Math.floor(random() * 12);
    const statedOn = `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const reports = 1 + Math.floor(random() * 3);
    for (let r = 0; r < reports; r++) {
      events.push(
        positionEvent({ type, actor, statedOn, evidence: `${actor} statement ${s} as reported by outlet ${r}.`, article: `crash-${s}-${r}`, observedAt: `2025-12-${String(1 + r).padStart(2, '0')}T10:00:00.000Z` }),
      );
    }
  }
  return events;
}

async function count(db: TestDatabase, sql: string): Promise<number> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

describe('projector killed mid-batch', () => {
  const events = history(160);
  const dbs: TestDatabase[] = [];
  let child: ChildProcess | null = null;
  afterAll(async () => {
    child?.kill('SIGKILL');
    for (const db of dbs) await db.drop().catch(() => undefined);
  });

  it('ends with exactly the read models of an uninterrupted run', async () => {
    // the reference: one in-process projector that is never interrupted
    const reference = await createTestDatabase('crash_ref');
    dbs.push(reference);
    const refConfig = loadConfig({ DATABASE_URL: reference.url, KAFKA_BROKERS: process.env.KAFKA_BROKERS, KAFKA_TOPIC_PREFIX: uniqueTopicPrefix('crashref'), LOG_LEVEL: 'warn' });
    const refApp = await bootstrapProjector(refConfig);
    const refProducer = new MessageProducer(createKafka({ brokers: refConfig.kafkaBrokers, clientId: 'crash-ref' }), refConfig.topicPrefix);
    await refProducer.send(positionEventsV1, events);
    await pollUntil(() => count(reference, 'SELECT count(*) AS n FROM rm_events'), (n) => n === events.length, { timeoutMs: 60_000, what: 'the reference run' });
    await refApp.close();
    await refProducer.disconnect();

    // the crash run: a real projector process, SIGKILLed while messages keep arriving
    const crashed = await createTestDatabase('crash_run');
    dbs.push(crashed);
    const prefix = uniqueTopicPrefix('crash');
    const env = { ...process.env, DATABASE_URL: crashed.url, KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: 'error', CONSUMER_SESSION_TIMEOUT_MS: '6000' };
    const start = () => spawn(process.execPath, [join(__dirname, '../dist/apps/projector/src/main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    const kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'crash-producer' });
    await ensureTopics(kafka, { prefix, articlePartitions: 3, positionPartitions: 3, replicationFactor: 1 });
    const producer = new MessageProducer(kafka, prefix);
    const sending = (async () => {
      for (let i = 0; i < events.length; i += 20) {
        await producer.send(positionEventsV1, events.slice(i, i + 20));
        await new Promise((r) => setTimeout(r, 120));
      }
    })();
    const kills: number[] = [];
    for (let round = 0; round < 5; round++) {
      child = start();
      const seen = await count(crashed, 'SELECT count(*) AS n FROM rm_events');
      // let it make some progress, then kill it wherever it is
      await pollUntil(() => count(crashed, 'SELECT count(*) AS n FROM rm_events'), (n) => n > seen || n === events.length, { timeoutMs: 60_000, what: `progress in round ${round}` });
      await new Promise((r) => setTimeout(r, 50 + round * 90));
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      kills.push(await count(crashed, 'SELECT count(*) AS n FROM rm_events'));
    }
    await sending;
    await producer.disconnect();
    child = start();
    await pollUntil(() => count(crashed, 'SELECT count(*) AS n FROM rm_events'), (n) => n === events.length, { timeoutMs: 90_000, what: 'the crash run to finish' });
    // give the last transaction's outbox a moment, then stop it the polite way
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    child = null;

    if (process.env.CRASH_TEST_VERBOSE) console.log(`reports applied when killed: ${kills.join(', ')} of ${events.length}`);
    expect(kills.length).toBe(5);
    expect(kills[0]).toBeLessThan(events.length);
    expect(await contentSnapshot(crashed.url)).toEqual(await contentSnapshot(reference.url));
    for (const sql of [
      `SELECT count(*) AS n FROM event_store`,
      `SELECT count(*) AS n FROM event_store WHERE type = 'position-changed'`,
      `SELECT count(DISTINCT event_id) AS n FROM rm_events`,
    ]) {
      expect(await count(crashed, sql)).toBe(await count(reference, sql));
    }
  });
});
