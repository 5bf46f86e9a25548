// Feed ingestion on real infrastructure: the real-world fixture feeds (../shared/fixtures/feeds) and a few
// misbehaving servers, all on 127.0.0.1, registered through the API, polled by the ingestor into Postgres and
// announced on Kafka through the outbox. Names never reach DNS: the ingestor gets a resolver that knows none,
// so article pages on the fixtures' real hosts are never fetched (no packet leaves loopback).
import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, createServer as createTcpServer } from 'node:net';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Consumer, Kafka } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ApiModule } from '../apps/api/src/api.module';
import { registerOpmlBodyParser } from '../apps/api/src/feeds/opml';
import { validationPipe } from '../apps/api/src/validation';
import { FeedIngestionService } from '../apps/ingestor/src/feed-ingestion.service';
import { FeedPoller } from '../apps/ingestor/src/feed-poller';
import { bootstrapIngestor } from '../apps/ingestor/src/main';
import { articlesIngestedV1, topicName } from '@stancewatch/contracts';
import { Resolver } from '@stancewatch/feeds';
import { createKafka, MessageProducer } from '@stancewatch/messaging';
import { ArticleRepository, createDataSource, FeedEntity, FeedRepository, OutboxRepository } from '@stancewatch/persistence';
import { AppConfig, loadConfig, OutboxPublisher } from '@stancewatch/platform';
import { pollUntil } from './support/poll-until';
import { TEST_ADMIN_KEY } from './support/stack';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { uniqueTopicPrefix } from './support/test-topics';

const FIXTURES = join(__dirname, '..', '..', 'shared', 'fixtures', 'feeds');
const FIXTURE_ITEMS: Record<string, number> = {
  'rss-parser_uolNoticias.rss': 15,
  'miniflux_encoding_WINDOWS-1251.xml': 50,
  'miniflux_rdf_UTF8.xml': 60,
  'feedjira_SamRuby.xml': 20,
  'rss-parser_itunes-missing-image.rss': 131,
};
const FIXTURE_TOTAL = Object.values(FIXTURE_ITEMS).reduce((a, b) => a + b, 0);

// every name is unknown: nothing but IP literals on loopback can be fetched
const noDns: Resolver = async (host) => {
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host} (test resolver)`), { code: 'ENOTFOUND' });
};

/** A feed shared by two publishers: the same permalink GUID in both. */
function sharedItemFeed(name: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${name}</title><link>http://127.0.0.1/</link>
<item><title>Joint statement on the Red Sea</title><link>https://wire.example/red-sea-joint-statement</link>
<guid isPermaLink="true">https://wire.example/red-sea-joint-statement</guid><pubDate>Mon, 12 Jan 2026 08:00:00 GMT</pubDate>
<description>${'The ministers said they will keep escorting merchant ships through the Red Sea. '.repeat(12)}</description></item>
<item><title>Only in ${name}</title><guid isPermaLink="false">${name}-only-1</guid>
<description>${`An item only ${name} carries, long enough to count as full text. `.repeat(12)}</description></item>
</channel></rss>`;
}

/** Redirects the suite serves: where a subscription should follow and where it should not. */
const REDIRECTS: Record<string, { status: number; to: string }> = {
  '/old.xml': { status: 301, to: '/hop.xml' },
  '/hop.xml': { status: 308, to: '/relocated/feed.xml' },
  '/temporary.xml': { status: 302, to: '/relocated/temporary.xml' },
  '/mirror.xml': { status: 301, to: '/relocated/taken.xml' },
};

interface Served {
  requests: number;
  notModified: number;
}

describe('ingestion: fixture feeds and misbehaving servers → Postgres + outbox → Kafka, state through the API', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let api: NestFastifyApplication;
  let apiUrl: string;
  let ingestor: INestApplicationContext;
  let feedServer: Server;
  let base: string;
  let pg: Client;
  let kafka: Kafka;
  let consumer: Consumer;
  const messages: Array<{ key: string | null; value: Record<string, any> }> = [];
  const served = new Map<string, Served>();
  let honourEtags = true;

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const stats = served.get(path) ?? { requests: 0, notModified: 0 };
    served.set(path, stats);
    stats.requests++;
    const fixture = /^\/fixtures\/(.+)$/.exec(path);
    if (fixture && FIXTURE_ITEMS[fixture[1]] !== undefined) {
      const etag = `"${fixture[1]}-v1"`;
      if (honourEtags && req.headers['if-none-match'] === etag) {
        stats.notModified++;
        res.writeHead(304, { etag });
        return res.end();
      }
      // no charset in the header: the XML declaration, a BOM or the Latin-1 fallback must decide
      res.writeHead(200, { 'content-type': 'application/xml', etag });
      return res.end(readFileSync(join(FIXTURES, fixture[1])));
    }
    if (path === '/shared/a.xml' || path === '/shared/b.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      return res.end(sharedItemFeed(path.includes('a.xml') ? 'Wire A' : 'Wire B'));
    }
    if (path === '/busy.xml') {
      res.writeHead(429, { 'retry-after': '120' });
      return res.end('slow down');
    }
    if (path === '/broken.xml' || path === '/flaky.xml') {
      res.writeHead(500);
      return res.end('oops');
    }
    const redirect = REDIRECTS[path];
    if (redirect) {
      res.writeHead(redirect.status, { location: redirect.to });
      return res.end();
    }
    if (path.startsWith('/relocated/')) {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      return res.end(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Relocated ${path}</title></channel></rss>`);
    }
    if (path === '/gone.xml') {
      res.writeHead(410);
      return res.end();
    }
    res.writeHead(404);
    res.end();
  };

  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${apiUrl}${path}`, { ...init, headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), 'x-api-key': TEST_ADMIN_KEY, ...(init.headers ?? {}) } });
    const text = await res.text();
    return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  };
  const addFeed = async (url: string) => {
    const res = await call('/api/v1/feeds', { method: 'POST', body: JSON.stringify({ url, intervalSeconds: 60 }) });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const feedState = async (id: string) => (await call(`/api/v1/feeds/${id}`)).body as Record<string, any>;
  const dueNow = (ids: string[]) => pg.query(`UPDATE feeds SET next_check_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  const count = async (sql: string) => Number((await pg.query(sql)).rows[0].n);
  const fetchedAfter = (ids: string[], after: Date) =>
    pollUntil(
      () => pg.query(`SELECT count(*)::int AS n FROM feeds WHERE id = ANY($1::uuid[]) AND last_fetched_at > $2`, [ids, after]).then((r) => r.rows[0].n as number),
      (n) => n === ids.length,
      { timeoutMs: 30_000, what: `${ids.length} feeds polled again` },
    );
  const outboxDrained = () => pollUntil(() => count(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`), (n) => n === 0, { what: 'an empty outbox' });

  beforeAll(async () => {
    feedServer = createServer(handler);
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
    db = await createTestDatabase('ingest');
    config = loadConfig({
      DATABASE_URL: db.url,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      KAFKA_TOPIC_PREFIX: uniqueTopicPrefix('ingest'),
      API_PORT: '0',
      ADMIN_API_KEY: TEST_ADMIN_KEY,
      SSRF_ALLOWLIST: '127.0.0.1',
      FEED_SCHEDULER_TICK_MS: '100',
      FEED_MAX_CONCURRENT_FETCHES: '4',
      FEED_MAX_FETCHES_PER_HOST: '2',
      FEED_MAX_CONSECUTIVE_FAILURES: '3',
      OUTBOX_POLL_MS: '50',
      LOG_LEVEL: 'warn',
    });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    // the API as main.ts wires what this suite needs (pipes, the OPML body parser); not its docs UI
    api = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), new FastifyAdapter(), { logger: false });
    api.useGlobalPipes(validationPipe);
    registerOpmlBodyParser(api);
    await api.listen(0, '127.0.0.1');
    apiUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    ingestor = await bootstrapIngestor(config, { resolver: noDns });
    kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'ingest-e2e-reader' });
    consumer = kafka.consumer({ groupId: `${config.topicPrefix}.reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: topicName(articlesIngestedV1, config.topicPrefix), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        messages.push({ key: message.key?.toString() ?? null, value: JSON.parse(message.value!.toString()) });
      },
    });
  });

  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined);
    await ingestor?.close().catch(() => undefined);
    await api?.close().catch(() => undefined);
    await pg?.end().catch(() => undefined);
    await db?.drop().catch(() => undefined);
    await new Promise((resolve) => feedServer?.close(resolve));
  });

  let fixtureFeeds: Record<string, string>;

  it('turns every item of the five fixture feeds into one stored article and one article-ingested message, text intact', async () => {
    fixtureFeeds = {};
    for (const name of Object.keys(FIXTURE_ITEMS)) fixtureFeeds[name] = (await addFeed(`${base}/fixtures/${name}`)).id;

    await pollUntil(() => Promise.resolve(messages.length), (n) => n >= FIXTURE_TOTAL, { timeoutMs: 60_000, what: `${FIXTURE_TOTAL} article-ingested messages` });
    for (const [name, id] of Object.entries(fixtureFeeds)) {
      // every item kept, the reused GUID of the podcast feed included (131 items, 131 articles)
      expect({ name, n: await count(`SELECT count(*)::int AS n FROM articles WHERE feed_id = '${id}'`) }).toEqual({ name, n: FIXTURE_ITEMS[name] });
      const state = await feedState(id);
      expect(state).toMatchObject({ status: 'active', consecutiveErrors: 0, lastError: null, itemsSeen: FIXTURE_ITEMS[name], disabledReason: null });
      expect(state.lastFetchedAt).toBeTruthy();
      expect(state.lastNewItemAt).toBeTruthy();
      expect(new Date(state.nextCheckAt).getTime()).toBeGreaterThan(Date.now());
    }
    await outboxDrained();
    expect(messages).toHaveLength(FIXTURE_TOTAL);
    const ids = messages.map((m) => m.value.payload.articleId);
    expect(new Set(ids).size).toBe(FIXTURE_TOTAL);
    expect(messages.every((m) => m.key === m.value.payload.articleId && m.value.type === 'article-ingested')).toBe(true);

    const byFeed = (name: string) => messages.filter((m) => m.value.payload.feedId === fixtureFeeds[name]).map((m) => m.value.payload);
    const all = messages.map((m) => `${m.value.payload.title}\n${m.value.payload.text}`).join('\n');
    expect(all).not.toMatch(/\uFFFD|Ã[£§©¡³ª]|Ð[°±²³µ]/); // no replacement characters, no UTF-8-read-as-Latin-1
    // Cyrillic from windows-1251, Portuguese from undeclared Latin-1
    expect(byFeed('miniflux_encoding_WINDOWS-1251.xml').some((a) => /[а-яё]{4,}/i.test(a.text))).toBe(true);
    const uol = byFeed('rss-parser_uolNoticias.rss');
    expect(uol.some((a) => /[ãçéêóõá]/.test(`${a.title} ${a.text}`))).toBe(true);
    expect(uol.every((a) => a.publishedAt)).toBe(true);
    expect(byFeed('miniflux_rdf_UTF8.xml').some((a) => /[äöüß]/.test(`${a.title} ${a.text}`))).toBe(true);
    // the stored text is what was announced
    const sample = uol[0];
    const stored = (await pg.query(`SELECT title, text FROM articles WHERE id = $1`, [sample.articleId])).rows[0];
    expect(stored).toEqual({ title: sample.title, text: sample.text });
    // the reused GUID: two different episodes, two articles, both announced
    const geekistry = byFeed('rss-parser_itunes-missing-image.rss').filter((a) => a.url === 'http://taverncast.com/shows/geekistry-2.mp3' || /geekistry/i.test(a.title));
    expect(new Set(geekistry.map((a) => a.articleId)).size).toBeGreaterThanOrEqual(2);
  });

  it('costs no parse and no message when a feed answers 304', async () => {
    const ids = Object.values(fixtureFeeds);
    const before = new Date();
    const notModified = [...served.values()].reduce((n, s) => n + s.notModified, 0);
    await dueNow(ids);
    await fetchedAfter(ids, before);
    expect([...served.values()].reduce((n, s) => n + s.notModified, 0)).toBe(notModified + ids.length);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(messages).toHaveLength(FIXTURE_TOTAL);
    expect(await count(`SELECT count(*)::int AS n FROM outbox`)).toBe(FIXTURE_TOTAL);
    for (const id of ids) expect(await feedState(id)).toMatchObject({ consecutiveErrors: 0, lastError: null });
  });

  it('announces nothing twice when the same items come back in full, after an ingestor restart', async () => {
    await ingestor.close();
    honourEtags = false; // the server forgets its ETags: every feed is downloaded and parsed again
    ingestor = await bootstrapIngestor(config, { resolver: noDns });
    const ids = Object.values(fixtureFeeds);
    const before = new Date();
    await dueNow(ids);
    await fetchedAfter(ids, before);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(messages).toHaveLength(FIXTURE_TOTAL);
    expect(await count(`SELECT count(*)::int AS n FROM articles`)).toBe(FIXTURE_TOTAL);
    for (const [name, id] of Object.entries(fixtureFeeds)) expect((await feedState(id)).itemsSeen).toBe(FIXTURE_ITEMS[name]);
    honourEtags = true;
  });

  it('stores and announces an item carried by two feeds once', async () => {
    const a = await addFeed(`${base}/shared/a.xml`);
    const b = await addFeed(`${base}/shared/b.xml`);
    await pollUntil(() => Promise.all([feedState(a.id), feedState(b.id)]), (s) => s.every((f) => f.lastFetchedAt), { what: 'both wires polled' });
    await outboxDrained();
    await pollUntil(() => Promise.resolve(messages.length), (n) => n >= FIXTURE_TOTAL + 3, { what: 'the wires’ messages' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const joint = messages.filter((m) => m.value.payload.title === 'Joint statement on the Red Sea');
    expect(joint).toHaveLength(1);
    expect(messages).toHaveLength(FIXTURE_TOTAL + 3);
    expect(await count(`SELECT count(*)::int AS n FROM articles WHERE url = 'https://wire.example/red-sea-joint-statement'`)).toBe(1);
  });

  it('shows 429 Retry-After, 500 backoff, 410 and N failures in a row in the feed state', async () => {
    const busy = await addFeed(`${base}/busy.xml`);
    const broken = await addFeed(`${base}/broken.xml`);
    const gone = await addFeed(`${base}/gone.xml`);
    const flaky = await addFeed(`${base}/flaky.xml`);
    const polled = (id: string, n: number) => pollUntil(() => feedState(id), (s) => s.consecutiveErrors >= n || s.status === 'disabled', { what: `feed ${id} failing ${n} times` });
    const delayOf = (s: Record<string, any>) => new Date(s.nextCheckAt).getTime() - new Date(s.lastFetchedAt).getTime();

    const busyState = await polled(busy.id, 1);
    expect(busyState).toMatchObject({ status: 'active', consecutiveErrors: 1 });
    expect(busyState.lastError).toMatch(/429/);
    expect(delayOf(busyState)).toBeGreaterThanOrEqual(120_000); // Retry-After: 120, jitter only ever adds
    expect(delayOf(busyState)).toBeLessThanOrEqual(132_000);

    const first = await polled(broken.id, 1);
    expect(first.lastError).toMatch(/500/);
    expect(delayOf(first)).toBeGreaterThanOrEqual(54_000); // interval 60 s ± 10 %
    expect(delayOf(first)).toBeLessThanOrEqual(66_000);
    await dueNow([broken.id]);
    const second = await polled(broken.id, 2);
    expect(delayOf(second)).toBeGreaterThanOrEqual(108_000); // doubled
    expect(delayOf(second)).toBeLessThanOrEqual(132_000);

    const goneState = await polled(gone.id, 1);
    expect(goneState).toMatchObject({ status: 'disabled', nextCheckAt: null });
    expect(goneState.disabledReason).toMatch(/410/);
    expect(goneState.disabledAt).toBeTruthy();

    // FEED_MAX_CONSECUTIVE_FAILURES=3
    await polled(flaky.id, 1);
    await dueNow([flaky.id]);
    await polled(flaky.id, 2);
    await dueNow([flaky.id]);
    const flagged = await pollUntil(() => feedState(flaky.id), (s) => s.status === 'disabled', { what: 'flaky feed disabled' });
    expect(flagged).toMatchObject({ consecutiveErrors: 3, nextCheckAt: null });
    expect(flagged.disabledReason).toMatch(/^stopped after 3 failures in a row: .*500/);
    expect(flagged.lastError).toMatch(/500/);
    // a disabled feed is not polled, even when its date comes round
    const requests = served.get('/flaky.xml')!.requests;
    await dueNow([flaky.id, gone.id]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(served.get('/flaky.xml')!.requests).toBe(requests);
    // resuming clears the flag and the streak
    const resumed = await call(`/api/v1/feeds/${flaky.id}/resume`, { method: 'POST' });
    expect(resumed.body).toMatchObject({ status: 'active', consecutiveErrors: 0, disabledReason: null });
    await call(`/api/v1/feeds/${flaky.id}/pause`, { method: 'POST' });
  });

  it('validates registrations: a bad URL and an address the SSRF guard refuses are 400s naming url', async () => {
    const bad = await call('/api/v1/feeds', { method: 'POST', body: JSON.stringify({ url: 'not a url' }) });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^url: /);
    for (const [url, why] of [
      ['http://169.254.169.254/latest/meta-data/', /link-local \(cloud metadata endpoint\)/],
      ['http://10.0.0.1/feed.xml', /private/],
      ['http://[fd00::1]/feed.xml', /unique-local/],
      ['http://127.0.0.2/feed.xml', /loopback/], // only 127.0.0.1 is on this suite's allow-list
    ] as const) {
      const res = await call('/api/v1/feeds', { method: 'POST', body: JSON.stringify({ url }) });
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(res.body.message).toMatch(why);
      expect(res.body.fields).toEqual([{ field: 'url', problems: [expect.stringMatching(/refused by the SSRF guard/)] }]);
    }
    expect(await count(`SELECT count(*)::int AS n FROM feeds WHERE url LIKE '%169.254%' OR url LIKE '%10.0.0.1%'`)).toBe(0);
  });

  it('imports OPML (nested folders; added / existing / invalid per URL) and exports OPML 2.0', async () => {
    const opml = `
<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>analyst feeds</title></head><body>
  <outline text="Wires"><outline text="Europe">
    <outline text="Wire A again" type="rss" xmlUrl="${base}/shared/a.xml"/>
    <outline text="Nouvelles &amp; analyses" type="rss" xmlUrl="${base}/opml/new.xml?x=1&amp;y=2"/>
  </outline></outline>
  <outline text="Metadata" type="rss" xmlUrl="http://169.254.169.254/latest/"/>
  <outline text="Not a URL" type="rss" xmlUrl="feeds please"/>
  <outline text="FTP" type="rss" xmlUrl="ftp://127.0.0.1/feed"/>
</body></opml>`;
    const res = await call('/api/v1/feeds/opml', { method: 'POST', body: opml, headers: { 'content-type': 'text/x-opml' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ added: 1, existing: 1, invalid: 3 });
    expect(res.body.results).toEqual([
      expect.objectContaining({ url: `${base}/shared/a.xml`, outcome: 'existing', folders: ['Wires', 'Europe'] }),
      expect.objectContaining({ url: `${base}/opml/new.xml?x=1&y=2`, outcome: 'added', title: 'Nouvelles & analyses', folders: ['Wires', 'Europe'] }),
      expect.objectContaining({ url: 'http://169.254.169.254/latest/', outcome: 'invalid', reason: expect.stringMatching(/cloud metadata/) }),
      expect.objectContaining({ outcome: 'invalid', reason: 'not a valid URL' }),
      expect.objectContaining({ outcome: 'invalid', reason: expect.stringMatching(/scheme ftp/) }),
    ]);
    const bomb = `<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><opml version="2.0"><body><outline text="&b;" xmlUrl="${base}/x"/></body></opml>`;
    const refused = await call('/api/v1/feeds/opml', { method: 'POST', body: bomb, headers: { 'content-type': 'application/xml' } });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/DOCTYPE/);
    const malformed = await call('/api/v1/feeds/opml', { method: 'POST', body: '<opml><body>', headers: { 'content-type': 'application/xml' } });
    expect(malformed.status).toBe(400);

    const exported = await fetch(`${apiUrl}/api/v1/feeds/opml`, { headers: { 'x-api-key': TEST_ADMIN_KEY } });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^text\/x-opml/);
    const xml = await exported.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\s*<opml version="2.0">/);
    expect(xml).toContain(`xmlUrl="${base}/opml/new.xml?x=1&amp;y=2"`);
    const listed = (await call('/api/v1/feeds')).body.items as Array<{ url: string }>;
    for (const feed of listed) expect(xml).toContain(`xmlUrl="${feed.url.replace(/&/g, '&amp;')}"`);
    // re-importing the export adds nothing
    const again = await call('/api/v1/feeds/opml', { method: 'POST', body: xml, headers: { 'content-type': 'text/x-opml' } });
    expect(again.body).toMatchObject({ added: 0, existing: listed.length, invalid: 0 });
  });

  it('follows permanent redirects in the stored URL, not temporary ones or onto a URL another feed holds', async () => {
    const moved = await addFeed(`${base}/old.xml`);
    const temporary = await addFeed(`${base}/temporary.xml`);
    const taken = await addFeed(`${base}/relocated/taken.xml`);
    const mirror = await addFeed(`${base}/mirror.xml`);
    const ids = [moved.id, temporary.id, taken.id, mirror.id];
    await pollUntil(() => Promise.all(ids.map(feedState)), (s) => s.every((f) => f.lastFetchedAt), { what: 'the redirected feeds polled' });
    expect((await feedState(moved.id)).url).toBe(`${base}/relocated/feed.xml`);
    expect((await feedState(temporary.id)).url).toBe(`${base}/temporary.xml`);
    expect((await feedState(mirror.id)).url).toBe(`${base}/mirror.xml`);
    expect((await feedState(taken.id)).url).toBe(`${base}/relocated/taken.xml`);
    expect((await feedState(moved.id)).lastError).toBeNull();

    // the next poll goes straight to the new address
    const before = new Date();
    const oldRequests = served.get('/old.xml')!.requests;
    await dueNow([moved.id, temporary.id]);
    await fetchedAfter([moved.id, temporary.id], before);
    expect(served.get('/old.xml')!.requests).toBe(oldRequests);
    expect(served.get('/relocated/feed.xml')!.requests).toBe(2);
    expect(served.get('/temporary.xml')!.requests).toBe(2);
  });

  it('hands claimed feeds back at once instead of leaving them to wait out the lease', async () => {
    const ds: DataSource = await createDataSource(db.url, { poolSize: 1 }).initialize();
    const feeds = new FeedRepository(ds);
    try {
      // paused, so the running ingestor keeps out of it; the lease is what claimDue would have set
      const { feed } = await feeds.create({ url: `${base}/relocated/lease.xml`, intervalSeconds: 60 });
      await pg.query(`UPDATE feeds SET status = 'paused', next_check_at = now() + interval '5 minutes' WHERE id = $1`, [feed.id]);
      expect(await feeds.releaseClaims([feed.id])).toBe(1);
      const due = await pg.query(`SELECT next_check_at <= now() AS due FROM feeds WHERE id = $1`, [feed.id]);
      expect(due.rows[0].due).toBe(true);
      // a feed that is due already is left alone
      expect(await feeds.releaseClaims([feed.id])).toBe(0);
    } finally {
      await ds.destroy();
    }
  });

  it('keeps articles in the outbox while Kafka is unreachable and publishes them once it is back', async () => {
    // A second database and topic namespace of its own; the same ingestion code, whose publisher first points
    // at a port where no broker listens (a closed port on 127.0.0.1), then at the real broker.
    const outageDb = await createTestDatabase('ingest_outage');
    const prefix = uniqueTopicPrefix('ingest-outage');
    const deadPort = await new Promise<number>((resolve) => {
      const probe = createTcpServer().listen(0, '127.0.0.1', () => {
        const port = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(port));
      });
    });
    const outageConfig = loadConfig({ ...configEnv(config), DATABASE_URL: outageDb.url, KAFKA_TOPIC_PREFIX: prefix, KAFKA_BROKERS: `127.0.0.1:${deadPort}` });
    const ds: DataSource = await createDataSource(outageDb.url, { poolSize: 4 }).initialize();
    const silent = { setContext() {}, warn() {}, info() {}, error() {}, debug() {} } as unknown as PinoLogger;
    const outbox = new OutboxRepository(ds, prefix);
    const deadKafka = new Kafka({ clientId: 'dead', brokers: [`127.0.0.1:${deadPort}`], retry: { retries: 1, initialRetryTime: 50, maxRetryTime: 100 }, connectionTimeout: 300, logCreator: () => () => undefined });
    const deadPublisher = new OutboxPublisher(outbox, new MessageProducer(deadKafka, prefix), outageConfig, silent);
    const feeds = new FeedRepository(ds);
    const ingestion = new FeedIngestionService(ds, feeds, new ArticleRepository(ds), outbox, deadPublisher, outageConfig);
    const poller = new FeedPoller(outageConfig, noDns);
    const liveKafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'ingest-outage' });
    const liveProducer = new MessageProducer(liveKafka, prefix);
    const reader = liveKafka.consumer({ groupId: `${prefix}.reader` });
    const received: string[] = [];
    let livePublisher: OutboxPublisher | null = null;
    try {
      deadPublisher.onApplicationBootstrap();
      const { feed } = await feeds.create({ url: `${base}/fixtures/rss-parser_uolNoticias.rss`, intervalSeconds: 60 });
      const result = await poller.poll(feed.url, { etag: null, lastModified: null }, () => Promise.resolve(new Set()));
      expect(await ingestion.record(feed as FeedEntity, result)).toEqual({ newArticles: 15 });

      // the publisher keeps trying and failing; nothing is lost or marked published
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await outbox.countUnpublished()).toBe(15);
      expect(Number((await ds.query(`SELECT count(*)::int AS n FROM articles`))[0].n)).toBe(15);
      await deadPublisher.onApplicationShutdown();

      // Kafka is back (the publisher of a restarted ingestor reaches the real broker)
      await liveProducer.connect();
      const { ensureTopics } = await import('@stancewatch/messaging');
      await ensureTopics(liveKafka, { prefix, articlePartitions: 1, positionPartitions: 1, replicationFactor: 1 });
      await reader.connect();
      await reader.subscribe({ topic: topicName(articlesIngestedV1, prefix), fromBeginning: true });
      await reader.run({ eachMessage: async ({ message }) => void received.push(JSON.parse(message.value!.toString()).payload.articleId) });
      livePublisher = new OutboxPublisher(outbox, liveProducer, { ...outageConfig, kafkaBrokers: config.kafkaBrokers }, silent);
      livePublisher.onApplicationBootstrap();
      await pollUntil(() => outbox.countUnpublished(), (n) => n === 0, { what: 'the outbox to drain once Kafka is back' });
      await pollUntil(() => Promise.resolve(received.length), (n) => n >= 15, { what: '15 messages after the outage' });
      const stored = (await ds.query(`SELECT id FROM articles`)).map((r: { id: string }) => r.id).sort();
      expect([...new Set(received)].sort()).toEqual(stored);
    } finally {
      await livePublisher?.onApplicationShutdown();
      await reader.disconnect().catch(() => undefined);
      await liveProducer.disconnect().catch(() => undefined);
      await poller.close();
      await ds.destroy();
      await outageDb.drop().catch(() => undefined);
    }
  });
});

/** The env a config was loaded from, for deriving a variant of it. */
function configEnv(config: AppConfig): Record<string, string> {
  return {
    DATABASE_URL: config.databaseUrl,
    KAFKA_BROKERS: config.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: config.topicPrefix,
    SSRF_ALLOWLIST: config.ssrfAllowList.join(','),
    OUTBOX_POLL_MS: String(config.outboxPollMs),
    FEED_MAX_CONSECUTIVE_FAILURES: String(config.feedMaxConsecutiveFailures),
    LOG_LEVEL: 'warn',
  };
}
