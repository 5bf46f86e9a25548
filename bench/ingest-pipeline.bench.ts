/**
 * The whole ingestion pipeline: 1,000 feeds × 20 items served from loopback (a child process), polled by the real
 * ingestor (scheduler, ConcurrencyLimiter, SSRF-guarded fetcher, parsing, articles) into Postgres and the outbox,
 * and published to Kafka by the outbox publisher. The clock stops when a Kafka consumer has read every
 * `article-ingested` message.
 *
 *   npm run kafka:start    # or KAFKA_BROKERS=host:port of a running broker
 *   node scripts/build-if-stale.mjs && node dist/bench/ingest-pipeline.bench.js [--feeds 1000] [--items 20] [--hosts 20]
 *     [--total 16] [--per-host 4]
 *
 * Postgres: a scratch database on TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), dropped
 * afterwards. Feeds are spread over `--hosts` ports of 127.0.0.1 (each a "host" for the per-host limit); names never
 * reach DNS (the ingestor's resolver knows none), so nothing leaves loopback.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { bootstrapIngestor } from '../apps/ingestor/src/main';
import { articlesIngestedV1, topicName } from '@stancewatch/contracts';
import type { Resolver } from '@stancewatch/feeds';
import { createKafka } from '@stancewatch/messaging';
import { createDataSource } from '@stancewatch/persistence';
import { loadConfig } from '@stancewatch/platform';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index !== -1 ? Number(process.argv[index + 1]) : fallback;
}

const FEEDS = option('feeds', 1000);
const ITEMS = option('items', 20);
const HOSTS = option('hosts', 20);
const TOTAL = option('total', 16);
const PER_HOST = option('per-host', 4);
const TARGET_MS = 60_000;
const TARGET_RSS = 300 * 1024 * 1024;

const WORDS = (
  'government minister said will not raise taxes next year parliament vote budget plan reform pledge refuses ' +
  'announce deficit spending cut energy health defence border agreement talks sanctions promise withdraw support'
).split(' ');

function sentence(seed: number, length: number): string {
  const words: string[] = [];
  for (let i = 0; i < length; i++) words.push(WORDS[(seed * 31 + i * 17) % WORDS.length]);
  const text = words.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

function feedXml(feed: number): string {
  const parts = [`<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Pipeline feed ${feed}</title><link>https://news${feed}.example/</link><language>en</language>`];
  for (let i = 0; i < ITEMS; i++) {
    const seed = feed * 1000 + i;
    // four paragraphs: above the summary-only threshold, so no article page is fetched
    const paragraphs = [0, 1, 2, 3].map((p) => `<p>${sentence(seed + p, 18)} ${sentence(seed + p + 7, 14)} ${sentence(seed + p + 3, 12)}</p>`).join('');
    parts.push(
      `<item><title>${sentence(seed, 8)}</title><link>https://news${feed}.example/story/${i}?utm_source=rss</link>`,
      `<guid isPermaLink="true">https://news${feed}.example/story/${i}</guid><pubDate>${new Date(Date.UTC(2026, 0, 1) + seed * 60_000).toUTCString()}</pubDate>`,
      `<description><![CDATA[${paragraphs}]]></description></item>`,
    );
  }
  parts.push('</channel></rss>');
  return parts.join('\n');
}

/** Child process: every feed, gzipped, on `HOSTS` ports of 127.0.0.1. */
async function serve(): Promise<void> {
  const bodies = Array.from({ length: FEEDS }, (_, i) => gzipSync(Buffer.from(feedXml(i))));
  const ports: number[] = [];
  for (let h = 0; h < HOSTS; h++) {
    const server = createServer((req, res) => {
      const match = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
      const index = match ? Number(match[1]) : -1;
      if (index < 0 || index >= bodies.length) {
        res.writeHead(404);
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-encoding': 'gzip', etag: `"f${index}"` });
      res.end(bodies[index]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    ports.push((server.address() as AddressInfo).port);
  }
  process.send!({ ports });
}

const noDns: Resolver = async (host) => {
  throw Object.assign(new Error(`ENOTFOUND ${host} (bench resolver)`), { code: 'ENOTFOUND' });
};

async function main(): Promise<void> {
  const child = fork(__filename, ['--serve', ...process.argv.slice(2)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { ports } = await new Promise<{ ports: number[] }>((resolve) => child.once('message', (m) => resolve(m as { ports: number[] })));

  const adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `sw_bench_pipeline_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  const prefix = `bench-pipeline-${randomBytes(3).toString('hex')}`;
  const brokers = process.env.KAFKA_BROKERS || '127.0.0.1:9092';
  const config = loadConfig({
    DATABASE_URL: dbUrl.toString(),
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: prefix,
    SSRF_ALLOWLIST: '127.0.0.1',
    FEED_SCHEDULER_TICK_MS: '50',
    FEED_MAX_CONCURRENT_FETCHES: String(TOTAL),
    FEED_MAX_FETCHES_PER_HOST: String(PER_HOST),
    OUTBOX_POLL_MS: '50',
    LOG_LEVEL: 'warn',
  });

  const ds = await createDataSource(config.databaseUrl, { poolSize: 1 }).initialize();
  await ds.runMigrations({ transaction: 'each' });
  // registered and due: what the API would have stored (registration is not what is measured)
  const urls = Array.from({ length: FEEDS }, (_, i) => `http://127.0.0.1:${ports[i % ports.length]}/feed/${i}.xml`);
  await ds.query(`INSERT INTO feeds (url, interval_seconds, next_check_at, status) SELECT u, 900, now(), 'active' FROM unnest($1::text[]) AS u`, [urls]);
  await ds.destroy();

  const expected = FEEDS * ITEMS;
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'bench-pipeline-reader' });
  const consumer = kafka.consumer({ groupId: `${prefix}.reader` });
  let received = 0;
  let allReceived: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allReceived = resolve));

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const started = Date.now();
  const ingestor = await bootstrapIngestor(config, { resolver: noDns }); // creates the topics, starts polling
  await consumer.connect();
  await consumer.subscribe({ topic: topicName(articlesIngestedV1, prefix), fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      received += batch.messages.length;
      if (received >= expected) allReceived();
    },
  });
  const probe = new Client({ connectionString: config.databaseUrl });
  await probe.connect();
  const timeout = setTimeout(allReceived, 5 * TARGET_MS);
  await done;
  const wallMs = Date.now() - started;
  clearTimeout(timeout);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  // ingested_at is the commit's transaction time: when the last article was in Postgres (same clock)
  const [{ n: articles, last }] = (await probe.query(`SELECT count(*)::int AS n, extract(epoch FROM max(ingested_at)) * 1000 AS last FROM articles`)).rows;
  const storedMs = Number(last) - started;
  const [{ n: failing }] = (await probe.query(`SELECT count(*)::int AS n FROM feeds WHERE consecutive_errors > 0`)).rows;
  await consumer.disconnect();
  await ingestor.close();
  await probe.end();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
  child.kill();

  const ok = received >= expected && articles === expected && wallMs <= TARGET_MS && peakRss <= TARGET_RSS;
  console.log(
    JSON.stringify(
      {
        feeds: FEEDS,
        itemsPerFeed: ITEMS,
        hosts: HOSTS,
        limits: { total: TOTAL, perHost: PER_HOST },
        articlesStored: articles,
        messagesReceived: received,
        failingFeeds: failing,
        storedInPostgresS: +(storedMs / 1000).toFixed(2),
        wallTimeS: +(wallMs / 1000).toFixed(2),
        articlesPerS: Math.round(received / (wallMs / 1000)),
        peakRssMiB: Math.round(peakRss / 1024 / 1024),
        target: { wallTimeS: TARGET_MS / 1000, peakRssMiB: TARGET_RSS / 1024 / 1024 },
        ok,
      },
      null,
      2,
    ),
  );
  process.exit(ok ? 0 : 1);
}

if (process.argv.includes('--serve')) void serve();
else
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
