/**
 * Feed-to-webhook latency: 200 articles appear one after another in 10 local feeds (polled every second) and go
 * through the real services — ingestor, extractor, projector, alerter, each its own process from dist/ — to a
 * webhook receiver. Latency per article: from the feed request that first served the item (the poll that sees
 * it) to the webhook's arrival; also from articles.ingested_at. Target: p95 ≤ 2 s.
 *
 *   npm run kafka:start    # or KAFKA_BROKERS=host:port of a running broker
 *   node scripts/build-if-stale.mjs && node dist/bench/alerts-latency.bench.js [--articles 200] [--feeds 10]
 *     [--spacing-ms 200] [--tick-ms 50] [--outbox-ms 50]
 *
 * Postgres: a scratch database on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), dropped
 * afterwards. The feed server and the receiver run in a child process of their own, so their timestamps are not
 * held up by the services' work; everything listens on 127.0.0.1.
 */
import { ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { createKafka, ensureTopics } from '@stancewatch/messaging';
import { AlertSubscriptionRepository, ApiKeyRepository, createDataSource } from '@stancewatch/persistence';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index !== -1 ? Number(process.argv[index + 1]) : fallback;
}

const ARTICLES = option('articles', 200);
const FEEDS = option('feeds', 10);
const SPACING_MS = option('spacing-ms', 200);
const TICK_MS = option('tick-ms', 50);
const OUTBOX_MS = option('outbox-ms', 50);
const WARMUP = 5;
const POLL_INTERVAL_S = 1;
const TARGET_P95_MS = 2_000;

const COUNTRIES = ['Estonia', 'Norway', 'Sweden', 'Finland', 'Denmark', 'Poland', 'Germany', 'France', 'Italy', 'Spain', 'Portugal', 'Netherlands', 'Belgium', 'Latvia', 'Lithuania', 'Romania', 'Canada'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Article `k` (warm-ups are negative): its own country, troop count and date ten days from the others, so no two are one statement. */
function article(k: number): { guid: string; title: string; date: Date; html: string } {
  const n = k + WARMUP;
  const country = COUNTRIES[n % COUNTRIES.length];
  const troops = 100 + 7 * n;
  const date = new Date(Date.UTC(2018, 0, 1) + n * 10 * 86_400_000);
  const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  // above the summary-only threshold, so the ingestor fetches no article page
  const paragraphs = [
    `${country} will send ${troops} troops to Ukraine to help train Ukrainian forces, the defence minister announced on ${day}.`,
    'The contingent will deploy in the spring and rotate every six months, the ministry said in a statement released in the capital.',
    'Officials described the mission as a long-term commitment to regional security and to the training of new brigades.',
    'Parliament is expected to debate the budget for the deployment next week, and the committee chair said hearings would be public.',
    'The announcement came after a meeting of defence ministers in Brussels, where logistics and rotation schedules were discussed at length.',
  ];
  return { guid: `lat-${k}`, title: `${country} to send ${troops} troops to Ukraine`, date, html: paragraphs.map((p) => `<p>${p}</p>`).join('') };
}

// ---- child process: the feeds and the webhook receiver ---------------------------------------------

interface Hook {
  at: number;
  deliveryId: string;
  articleIds: string[];
}

async function serve(): Promise<void> {
  const released: number[][] = Array.from({ length: FEEDS }, () => []);
  const firstServed = new Map<number, number>();
  let base = '';
  const feeds = createServer((req: IncomingMessage, res: ServerResponse) => {
    const at = Date.now();
    const match = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
    const feed = match ? Number(match[1]) : -1;
    if (feed < 0 || feed >= FEEDS) return res.writeHead(404).end();
    const items = released[feed];
    const etag = `"f${feed}-${items.length}"`;
    if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
    const parts = [`<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Latency wire ${feed}</title><link>${base}/</link><description>bench</description><language>en</language>`];
    for (const k of [...items].reverse().slice(0, 30)) {
      const a = article(k);
      if (!firstServed.has(k)) firstServed.set(k, at);
      parts.push(
        `<item><title>${a.title}</title><link>${base}/a/${k}</link><guid isPermaLink="false">${a.guid}</guid>`,
        `<pubDate>${a.date.toUTCString()}</pubDate><description><![CDATA[${a.html}]]></description></item>`,
      );
    }
    parts.push('</channel></rss>');
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
    res.end(parts.join('\n'));
  });
  const receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
    const at = Date.now();
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      res.writeHead(204).end();
      const alert = JSON.parse(body) as { sources: { articleId: string }[] };
      const hook: Hook = { at, deliveryId: String(req.headers['x-stancewatch-delivery']), articleIds: alert.sources.map((s) => s.articleId) };
      process.send!({ type: 'hook', hook });
    });
  });
  for (const server of [feeds, receiver]) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
  process.on('message', (m: { type: string; k?: number }) => {
    if (m.type === 'release') released[((m.k! % FEEDS) + FEEDS) % FEEDS].push(m.k!);
    if (m.type === 'report') process.send!({ type: 'report', firstServed: [...firstServed.entries()] });
  });
  process.send!({ type: 'ready', feedBase: base, hookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` });
}

// ---- parent: the services and the measurement -------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50Ms: Math.round(percentile(sorted, 50)), p95Ms: Math.round(percentile(sorted, 95)), maxMs: Math.round(sorted[sorted.length - 1] ?? NaN), n: sorted.length };
}

async function waitFor(what: string, done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) {
      console.error(`bench: gave up waiting for ${what}`);
      return false;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

async function main(): Promise<void> {
  const child = fork(__filename, ['--serve', ...process.argv.slice(2)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const hooks: Hook[] = [];
  let report: ((served: [number, number][]) => void) | null = null;
  const ready = new Promise<{ feedBase: string; hookUrl: string }>((resolve) =>
    child.on('message', (m: { type: string; hook?: Hook; feedBase?: string; hookUrl?: string; firstServed?: [number, number][] }) => {
      if (m.type === 'ready') resolve({ feedBase: m.feedBase!, hookUrl: m.hookUrl! });
      if (m.type === 'hook') hooks.push(m.hook!);
      if (m.type === 'report') report?.(m.firstServed!);
    }),
  );
  const { feedBase, hookUrl } = await ready;

  const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `sw_bench_alerts_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  const prefix = `bench-alerts-${randomBytes(3).toString('hex')}`;
  const brokers = process.env.KAFKA_BROKERS || '127.0.0.1:9092';
  const services: ChildProcess[] = [];
  try {
    const ds = await createDataSource(dbUrl.toString(), { poolSize: 2 }).initialize();
    await ds.runMigrations({ transaction: 'each' });
    const { entity: owner } = await new ApiKeyRepository(ds).create('bench analyst', 'analyst');
    await new AlertSubscriptionRepository(ds).create({
      ownerKeyId: owner.id,
      name: 'troop pledges',
      filter: { eventTypes: ['pledge-announced'], quantities: [{ unit: 'troops', min: 100 }] },
      channel: 'webhook',
      webhookUrl: hookUrl,
    });
    // registered and due: what the API would have stored (registration is not what is measured)
    const urls = Array.from({ length: FEEDS }, (_, i) => `${feedBase}/feed/${i}.xml`);
    await ds.query(`INSERT INTO feeds (url, interval_seconds, next_check_at, status) SELECT u, $2, now(), 'active' FROM unnest($1::text[]) AS u`, [urls, POLL_INTERVAL_S]);
    await ds.destroy();
    await ensureTopics(createKafka({ brokers: brokers.split(','), clientId: 'bench-alerts-admin' }), { prefix, articlePartitions: 3, positionPartitions: 3, replicationFactor: 1 });

    const env = {
      ...process.env,
      DATABASE_URL: dbUrl.toString(),
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC_PREFIX: prefix,
      SSRF_ALLOWLIST: '127.0.0.1',
      FEED_SCHEDULER_TICK_MS: String(TICK_MS),
      OUTBOX_POLL_MS: String(OUTBOX_MS),
      // kafkajs warns once per producer about idempotent retries; errors still show
      LOG_LEVEL: 'error',
      METRICS_PORT: '0',
    };
    // downstream first, so nothing published waits for a consumer group to form
    for (const name of ['alerter', 'projector', 'extractor', 'ingestor']) {
      services.push(spawn(process.execPath, [join(__dirname, `../apps/${name}/src/main.js`)], { env, stdio: ['ignore', 'ignore', 'inherit'] }));
    }

    // warm-up: consumer groups formed, connections open; not measured
    const warmupStarted = Date.now();
    for (let k = -WARMUP; k < 0; k++) child.send({ type: 'release', k });
    const warmed = await waitFor('the warm-up alerts', () => hooks.length >= WARMUP, 120_000);
    const warmupS = (Date.now() - warmupStarted) / 1000;
    const warmupHooks = hooks.length;

    const started = Date.now();
    for (let k = 0; k < ARTICLES; k++) {
      child.send({ type: 'release', k });
      await new Promise((r) => setTimeout(r, SPACING_MS));
    }
    await waitFor('every alert', () => hooks.length >= warmupHooks + ARTICLES, 60_000);
    const wallS = (Date.now() - started) / 1000;

    const served = new Map(await new Promise<[number, number][]>((resolve) => ((report = resolve), child.send({ type: 'report' }))));
    const probe = new Client({ connectionString: dbUrl.toString() });
    await probe.connect();
    const rows: { id: string; guid: string; ingested: string; recorded: string | null }[] = (
      await probe.query(
        `SELECT a.id, a.guid, extract(epoch FROM a.ingested_at) * 1000 AS ingested,
           (SELECT extract(epoch FROM min(d.created_at)) * 1000 FROM alert_deliveries d WHERE d.payload->'sources'->0->>'articleId' = a.id) AS recorded
         FROM articles a WHERE a.guid LIKE 'lat-%'`,
      )
    ).rows;
    await probe.end();

    const firstHook = new Map<string, number>();
    for (const hook of hooks) for (const id of hook.articleIds) firstHook.set(id, Math.min(firstHook.get(id) ?? Infinity, hook.at));
    const fromPoll: number[] = [];
    const fromIngested: number[] = [];
    const stages = { pollToIngested: [] as number[], ingestedToRecorded: [] as number[], recordedToWebhook: [] as number[] };
    let ingested = 0;
    for (const row of rows) {
      const k = Number(row.guid.slice(4));
      if (k < 0) continue;
      ingested++;
      const hookAt = firstHook.get(row.id);
      const servedAt = served.get(k);
      if (hookAt === undefined || servedAt === undefined) continue;
      fromPoll.push(hookAt - servedAt);
      fromIngested.push(hookAt - Number(row.ingested));
      stages.pollToIngested.push(Number(row.ingested) - servedAt);
      if (row.recorded !== null) {
        stages.ingestedToRecorded.push(Number(row.recorded) - Number(row.ingested));
        stages.recordedToWebhook.push(hookAt - Number(row.recorded));
      }
    }
    const measuredHooks = hooks.slice(warmupHooks);
    const poll = stats(fromPoll);
    const ok = warmed && fromPoll.length === ARTICLES && poll.p95Ms <= TARGET_P95_MS;
    console.log(
      JSON.stringify(
        {
          articles: ARTICLES,
          feeds: FEEDS,
          settings: { feedPollIntervalS: POLL_INTERVAL_S, releaseSpacingMs: SPACING_MS, FEED_SCHEDULER_TICK_MS: TICK_MS, OUTBOX_POLL_MS: OUTBOX_MS },
          counts: {
            released: ARTICLES,
            ingested,
            alerted: fromPoll.length,
            webhooks: measuredHooks.length,
            distinctDeliveryIds: new Set(measuredHooks.map((h) => h.deliveryId)).size,
          },
          fromPoll: poll,
          fromIngestedAt: stats(fromIngested),
          stagesP50Ms: Object.fromEntries(Object.entries(stages).map(([name, values]) => [name, stats(values).p50Ms])),
          stagesP95Ms: Object.fromEntries(Object.entries(stages).map(([name, values]) => [name, stats(values).p95Ms])),
          warmupS: +warmupS.toFixed(1),
          wallTimeS: +wallS.toFixed(1),
          target: { fromPollP95Ms: TARGET_P95_MS },
          ok,
        },
        null,
        2,
      ),
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    for (const service of services) service.kill('SIGTERM');
    await Promise.all(services.map((s) => (s.exitCode === null ? new Promise((r) => s.once('exit', r)) : undefined)));
    child.kill();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

if (process.argv.includes('--serve')) void serve();
else
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
