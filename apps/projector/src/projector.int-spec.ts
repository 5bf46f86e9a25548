// The projector on a real broker and a real database: corroboration, redelivery, late statements,
// superseded extractions, arrival order, and the rebuild agreeing with the live read models.
import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { PositionEvent, positionEventsV1 } from '@stancewatch/contracts';
import { assignIssues, loadIssues } from '@stancewatch/domain/issues';
import { ActorProjection } from '@stancewatch/domain/projection';
import { createKafka, MessageProducer } from '@stancewatch/messaging';
import { createDataSource, ProjectionRebuilder, READ_MODELS_CHANGED_CHANNEL } from '@stancewatch/persistence';
import { loadConfig } from '@stancewatch/platform';
import { pollUntil } from '../../../tests/support/poll-until';
import { positionEvent } from '../../../tests/support/position-events';
import { contentSnapshot, snapshotReadModels } from '../../../tests/support/read-model-snapshot';
import { createTestDatabase, TestDatabase } from '../../../tests/support/test-database';
import { uniqueTopicPrefix } from '../../../tests/support/test-topics';
import { bootstrapProjector } from './main';

const ISSUE = 'ukraine-security-force';

interface Running {
  db: TestDatabase;
  app: INestApplicationContext;
  producer: MessageProducer;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

async function startProjector(label: string): Promise<Running> {
  const db = await createTestDatabase(label);
  const config = loadConfig({ DATABASE_URL: db.url, KAFKA_BROKERS: process.env.KAFKA_BROKERS, KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(label), LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '50' });
  const app = await bootstrapProjector(config);
  const producer = new MessageProducer(createKafka({ brokers: config.kafkaBrokers, clientId: `${label}-producer` }), config.topicPrefix);
  const client = new Client({ connectionString: db.url });
  await client.connect();
  return {
    db,
    app,
    producer,
    query: async (sql, params) => (await client.query(sql, params)).rows,
    async stop() {
      await producer.disconnect();
      await app.close();
      await client.end();
      await db.drop();
    },
  };
}

const pledge = (article: string, extra: Partial<Parameters<typeof positionEvent>[0]> = {}) =>
  positionEvent({
    type: 'pledge-announced',
    actor: 'FR',
    statedOn: '2026-01-08',
    quantity: { value: 6000, unit: 'troops', text: '6,000 troops' },
    conditions: [{ text: 'once a ceasefire is in place', kind: 'ceasefire' }],
    evidence: `France will deploy 6,000 troops to Ukraine once a ceasefire is in place (${article}).`,
    article,
    ...extra,
  });

/** A story with corroboration, a late statement, a re-extraction and other actors. */
function story(): PositionEvent[] {
  return [
    pledge('a1'),
    pledge('a2', { observedAt: '2026-01-09T10:00:00.000Z' }),
    pledge('a3', { statedOn: '2026-01-09', observedAt: '2026-01-10T07:00:00.000Z' }),
    positionEvent({ type: 'pledge-considered', actor: 'ES', statedOn: '2026-01-20', evidence: 'Spain is considering sending troops to Ukraine.', article: 'b1' }),
    // recalled months later: it belongs in September's history, not today's stance
    positionEvent({ type: 'pledge-refused', actor: 'ES', statedOn: '2025-09-15', observedAt: '2026-01-21T09:00:00.000Z', evidence: 'Spain ruled out sending troops to Ukraine.', article: 'b2' }),
    positionEvent({ type: 'red-line-stated', actor: 'RU', target: ['UA'], asset: ['troops'], statedOn: '2026-01-07', evidence: 'Moscow said Western troops in Ukraine would be legitimate targets.', article: 'c1' }),
    positionEvent({ type: 'pledge-considered', actor: 'GB', statedOn: '2026-01-05', evidence: 'Britain could send troops to Ukraine.', article: 'd1', extractorVersion: '1.0.0' }),
    // the same article read again by a newer extractor, which understood it as a commitment
    positionEvent({ type: 'pledge-announced', actor: 'GB', statedOn: '2026-01-05', evidence: 'Britain will send troops to Ukraine.', article: 'd1', extractorVersion: '1.1.0' }),
    // and an older extractor's reading arriving last changes nothing
    positionEvent({ type: 'pledge-refused', actor: 'GB', statedOn: '2026-01-05', evidence: 'Britain will not send troops.', article: 'd1', extractorVersion: '0.9.0' }),
  ];
}

describe('projector', () => {
  const running: Running[] = [];
  afterAll(async () => {
    for (const r of running) await r.stop().catch(() => undefined);
  });

  it('projects corroborated, late and re-extracted statements, once however often they are delivered', async () => {
    const p = await startProjector('projector');
    running.push(p);
    const events = story();
    await p.producer.send(positionEventsV1, events);
    await pollUntil(() => p.query<{ n: number }>('SELECT count(*)::int AS n FROM rm_events'), (r) => r[0].n === events.length, { what: 'all reports stored' });
    await pollUntil(() => p.query(`SELECT * FROM rm_current_positions WHERE actor = 'GB'`), (r) => r.length === 1 && r[0].stance === 'committed', { what: 'GB committed' });

    // three articles, one statement
    const occurrences = await p.query(`SELECT * FROM rm_occurrences WHERE actor = 'FR'`);
    expect(occurrences).toHaveLength(1);
    expect(occurrences[0]).toMatchObject({ source_count: 3, stated_on: '2026-01-08', issues: [ISSUE] });
    expect(occurrences[0].urls).toEqual(['https://news.example/a1', 'https://news.example/a2', 'https://news.example/a3']);
    const positions = await p.query(`SELECT actor, actor_role, issue, stance, since, source_count, conditions FROM rm_current_positions ORDER BY actor`);
    expect(positions).toEqual([
      { actor: 'ES', actor_role: '', issue: ISSUE, stance: 'considering', since: '2026-01-20', source_count: 1, conditions: [] },
      { actor: 'FR', actor_role: '', issue: ISSUE, stance: 'committed', since: '2026-01-08', source_count: 3, conditions: [{ text: 'once a ceasefire is in place', kind: 'ceasefire' }] },
      { actor: 'GB', actor_role: '', issue: ISSUE, stance: 'committed', since: '2026-01-05', source_count: 1, conditions: [] },
      { actor: 'RU', actor_role: '', issue: ISSUE, stance: 'red-line', since: '2026-01-07', source_count: 1, conditions: [] },
    ]);
    // the September refusal fills Spain's history without overwriting January
    const history = await p.query(`SELECT stance, from_date, to_date FROM rm_position_history WHERE actor = 'ES' ORDER BY seq`);
    expect(history).toEqual([
      { stance: 'refused', from_date: '2025-09-15', to_date: '2026-01-20' },
      { stance: 'considering', from_date: '2026-01-20', to_date: null },
    ]);
    // the first extraction of d1 was superseded, the older one arriving later never counted
    const gb = await p.query(`SELECT extractor_version, superseded, occurrence_id IS NOT NULL AS placed FROM rm_events WHERE actor = 'GB' ORDER BY extractor_version`);
    expect(gb).toEqual([
      { extractor_version: '0.9.0', superseded: true, placed: false },
      { extractor_version: '1.0.0', superseded: true, placed: false },
      { extractor_version: '1.1.0', superseded: false, placed: true },
    ]);
    const pledges = await p.query(`SELECT actor, status, quantity FROM rm_pledges ORDER BY actor, status`);
    expect(pledges.map((r) => [r.actor, r.status])).toEqual([['ES', 'considered'], ['ES', 'refused'], ['FR', 'announced'], ['GB', 'announced']]);
    const totals = await p.query(`SELECT actor, unit, status, value FROM rm_pledge_totals`);
    expect(totals).toEqual([{ actor: 'FR', unit: 'troops', status: 'announced', value: 6000 }]);
    const redLines = await p.query(`SELECT actor, issue, first_stated, times_stated FROM rm_red_lines`);
    expect(redLines).toEqual([{ actor: 'RU', issue: ISSUE, first_stated: '2026-01-07', times_stated: 1 }]);
    const changes = await p.query<{ stream: string; n: number }>(`SELECT stream, count(*)::int AS n FROM event_store WHERE type = 'position-changed' GROUP BY stream ORDER BY stream`);
    expect(changes.find((c) => c.stream === `stance-FR/${ISSUE}`)!.n).toBe(1);

    // delivering everything again changes nothing
    const before = await snapshotReadModels(p.db.url);
    const [{ n: storedBefore }] = await p.query<{ n: number }>('SELECT count(*)::int AS n FROM event_store');
    await p.producer.send(positionEventsV1, events);
    const marker = positionEvent({ type: 'support-expressed', actor: 'DE', evidence: 'Germany welcomed the plan.', article: 'z1' });
    await p.producer.send(positionEventsV1, [marker]);
    await pollUntil(() => p.query(`SELECT 1 FROM rm_events WHERE event_id = $1`, [marker.eventId]), (r) => r.length === 1, { what: 'the marker after the redelivery' });
    const after = await snapshotReadModels(p.db.url);
    const withoutMarker = (s: typeof after) => Object.fromEntries(Object.entries(s).map(([t, rows]) => [t, rows.filter((r) => r.actor !== 'DE' && r.article_id !== 'z1')]));
    expect(withoutMarker(after)).toEqual(withoutMarker(before));
    const [{ n: storedAfter }] = await p.query<{ n: number }>('SELECT count(*)::int AS n FROM event_store');
    expect(storedAfter).toBeGreaterThan(storedBefore);
    expect(await p.query(`SELECT 1 FROM event_store WHERE stream = 'actor-FR'`)).toHaveLength(3);

    // rebuilding from the event store gives exactly the live read models
    const live = await snapshotReadModels(p.db.url);
    const dataSource = await createDataSource(p.db.url, { poolSize: 2 }).initialize();
    const issues = loadIssues(null);
    const assign = (x: { type: string; actor: string; target: string[]; asset: string[]; evidence: string | string[] }) => assignIssues(x, issues);
    // an API listening for changes hears the switch (the projector is idle by now: nothing else notifies)
    const listener = new Client({ connectionString: p.db.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', ({ channel }) => heard.push(channel));
    await listener.query(`LISTEN ${READ_MODELS_CHANGED_CHANNEL}`);
    try {
      const result = await new ProjectionRebuilder(dataSource, (actor) => new ActorProjection(actor, assign), assign).run();
      await dataSource.destroy();
      expect(result.events).toBe(events.length + 1);
      expect(await snapshotReadModels(p.db.url)).toEqual(live);
      await pollUntil(async () => heard.length, (n) => n > 0, { timeoutMs: 5_000, what: 'the rebuild switch to notify' });
      expect(heard).toEqual([READ_MODELS_CHANGED_CHANNEL]);
    } finally {
      await listener.end();
    }
  });

  it('reaches the same read models whatever order the statements arrive in', async () => {
    const inOrder = await startProjector('inorder');
    const shuffled = await startProjector('shuffled');
    running.push(inOrder, shuffled);
    const events = story().filter((e) => e.actor.code !== 'GB');
    // a deterministic shuffle: reversed, then the pairs swapped
    const reordered = [...events].reverse();
    for (let i = 0; i + 1 < reordered.length; i += 2) [reordered[i], reordered[i + 1]] = [reordered[i + 1], reordered[i]];
    await inOrder.producer.send(positionEventsV1, events);
    for (const event of reordered) await shuffled.producer.send(positionEventsV1, [event]);
    for (const p of [inOrder, shuffled]) {
      await pollUntil(() => p.query<{ n: number }>('SELECT count(*)::int AS n FROM rm_events'), (r) => r[0].n === events.length, { what: 'all reports stored' });
    }
    await pollUntil(async () => JSON.stringify(await contentSnapshot(shuffled.db.url)) === JSON.stringify(await contentSnapshot(inOrder.db.url)), Boolean, { what: 'equal read models' }).catch(() => undefined);
    expect(await contentSnapshot(shuffled.db.url)).toEqual(await contentSnapshot(inOrder.db.url));
  });
});
