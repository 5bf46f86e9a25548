// The spine, end to end on real infrastructure: a feed served over HTTP on 127.0.0.1 is
// registered through the API, polled by the ingestor, extracted, projected into Postgres and
// read back through the API. Real Kafka, real Postgres, real HTTP; no mocks.
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { reextractCommand } from '../apps/cli/src/commands/reextract.command';
import { pollUntil } from './support/poll-until';
import { startStack, Stack, TEST_ADMIN_KEY } from './support/stack';

const EVIDENCE =
  'Norway will send 400 troops to Ukraine to train Ukrainian forces, Defence Minister Tore O. Sandvik announced on Tuesday.';

function rss(baseUrl: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Nordic Defence Wire</title><link>${baseUrl}/</link><description>Test wire</description>
<item>
  <title>Norway to send 400 troops to Ukraine</title>
  <link>${baseUrl}/articles/norway-troops?utm_source=rss</link>
  <guid isPermaLink="false">ndw-2026-0117</guid>
  <pubDate>Thu, 15 Jan 2026 09:30:00 GMT</pubDate>
  <description><![CDATA[<p>${EVIDENCE}</p><p>The deployment is the country's largest training mission abroad since 2014, officials in Oslo said.</p>]]></description>
</item>
</channel></rss>`;
}

describe('feed → Kafka → extractor → Kafka → projector → Postgres → API', () => {
  let stack: Stack;
  let feedServer: Server;
  let feedUrl: string;
  let feedRequests = 0;

  beforeAll(async () => {
    feedServer = createServer((req, res) => {
      feedRequests++;
      const base = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(rss(base));
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/feed.xml`;
    stack = await startStack('e2e');
  });

  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => feedServer?.close(resolve));
  });

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.apiUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', 'x-api-key': TEST_ADMIN_KEY, ...(init.headers ?? {}) } });

  it('turns a pledge published in a feed into an event and a committed stance, read through the API', async () => {
    const created = await api('/api/v1/feeds', { method: 'POST', body: JSON.stringify({ url: feedUrl, intervalSeconds: 60 }) });
    expect(created.status).toBe(201);
    const feed = (await created.json()) as { id: string; url: string };
    expect(feed.url).toBe(feedUrl);

    const events = await pollUntil(
      async () => ((await (await api('/api/v1/events?actor=NO&type=pledge-announced')).json()) as { items: Array<Record<string, unknown>> }).items,
      (items) => items.length > 0,
      { timeoutMs: 60_000, what: 'a pledge-announced event for NO' },
    );
    expect(events[0]).toMatchObject({ type: 'pledge-announced', actor: 'NO', evidence: EVIDENCE });
    expect(events[0].target).toContain('UA');
    expect(events[0].quantity).toMatchObject({ value: 400, unit: 'troops' });
    expect(events[0].statedOn).toBe('2026-01-13');
    expect(feedRequests).toBeGreaterThan(0);

    const positions = await pollUntil(
      async () => {
        const res = await api('/api/v1/actors/NO/positions');
        return res.status === 200 ? ((await res.json()) as { items: Array<Record<string, unknown>> }).items : [];
      },
      (items) => items.some((p) => p.issue === 'ukraine-security-force'),
      { timeoutMs: 30_000, what: "Norway's position on the Ukraine security force" },
    );
    const position = positions.find((p) => p.issue === 'ukraine-security-force')!;
    expect(position.stance).toBe('committed');
    expect(position.causeEventId).toBe(events[0].eventId);

    // the feed's state records the successful poll
    const state = await (await api(`/api/v1/feeds/${feed.id}`)).json();
    expect(state).toMatchObject({ consecutiveErrors: 0, lastError: null, itemsSeen: 1, title: 'Nordic Defence Wire' });
  });

  it('re-extracting stored articles counts nothing twice', async () => {
    const db = new Client({ connectionString: stack.db.url });
    await db.connect();
    try {
      const count = async (sql: string) => (await db.query<{ n: string }>(sql)).rows[0].n;
      const appliedOffsets = () => count(`SELECT coalesce(sum(next_offset), 0)::text AS n FROM consumer_offsets WHERE consumer_group LIKE '%stancewatch-projector'`);
      const [before, storedBefore, eventsBefore] = [await appliedOffsets(), await count('SELECT count(*)::text AS n FROM event_store'), await count('SELECT count(*)::text AS n FROM rm_events')];
      const saved = { ...process.env };
      Object.assign(process.env, { DATABASE_URL: stack.config.databaseUrl, KAFKA_BROKERS: stack.config.kafkaBrokers.join(','), KAFKA_TOPIC_PREFIX: stack.config.topicPrefix });
      try {
        expect(await reextractCommand([])).toBe(0);
      } finally {
        process.env = saved;
      }
      // the projector has consumed the re-extracted events once its offsets move past them
      await pollUntil(appliedOffsets, (n) => BigInt(n) > BigInt(before), { timeoutMs: 30_000, what: 'the projector to consume the re-extraction' });
      expect(await count('SELECT count(*)::text AS n FROM event_store')).toBe(storedBefore);
      expect(await count('SELECT count(*)::text AS n FROM rm_events')).toBe(eventsBefore);
      const items = ((await (await api('/api/v1/events?actor=NO')).json()) as { items: unknown[] }).items;
      expect(items).toHaveLength(1);
    } finally {
      await db.end();
    }
  });
});
