/**
 * Feed ingestion throughput: 1,000 feeds × 20 items served from loopback (a child process), each fetched through
 * the SSRF-guarded fetcher under the total/per-host concurrency limits, then decoded, parsed and normalised into
 * articles with pollFeed — the code path the ingestor uses (Kafka publishing is measured in its own section).
 *
 *   node scripts/build-if-stale.mjs && node dist/bench/ingest-feeds.bench.js [--feeds 1000] [--items 20] [--hosts 50]
 *     [--total 64] [--per-host 4]
 *
 * Feeds are spread over 50 fake host names (h0.bench.test …) that an injected resolver maps to 127.0.0.1, so the
 * per-host limit is exercised and nothing is ever resolved or sent beyond loopback.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { ConcurrencyLimiter, HttpFetcher, SsrfGuard, pollFeed } from '@stancewatch/feeds';

interface BenchConfig {
  feeds: number;
  items: number;
  hosts: number;
  maxTotal: number;
  maxPerHost: number;
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index !== -1 ? Number(process.argv[index + 1]) : fallback;
}

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

function feedXml(feed: number, items: number): string {
  const parts = [
    `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">`,
    `<channel><title>Bench feed ${feed}</title><link>https://news${feed}.example/</link><language>en</language><ttl>30</ttl>`,
  ];
  for (let i = 0; i < items; i++) {
    const seed = feed * 1000 + i;
    const date = new Date(Date.UTC(2024, 0, 1) + seed * 60_000).toUTCString();
    const paragraphs = [0, 1, 2].map((p) => `<p>${sentence(seed + p, 18)} ${sentence(seed + p + 7, 12)} &amp; more&nbsp;detail.</p>`).join('');
    parts.push(
      `<item><title>${sentence(seed, 8)}</title><link>https://news${feed}.example/story/${i}?utm_source=rss&amp;id=${i}</link>`,
      `<guid isPermaLink="true">https://news${feed}.example/story/${i}</guid><pubDate>${date}</pubDate>`,
      `<description><![CDATA[${paragraphs}]]></description></item>`,
    );
  }
  parts.push('</channel></rss>');
  return parts.join('\n');
}

/** Child process: serves every feed, gzipped when asked, with ETags. */
function serve(config: BenchConfig): void {
  const plain = Array.from({ length: config.feeds }, (_, i) => Buffer.from(feedXml(i, config.items)));
  const gzipped = plain.map((body) => gzipSync(body));
  const server = createServer((req, res) => {
    const match = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
    const index = match ? Number(match[1]) : -1;
    if (index < 0 || index >= plain.length) {
      res.writeHead(404);
      return res.end();
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, {
      'content-type': 'application/rss+xml; charset=utf-8',
      etag: `"f${index}"`,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(gzip ? gzipped[index] : plain[index]);
  });
  server.listen(0, '127.0.0.1', () => {
    const bytes = plain.reduce((sum, b) => sum + b.length, 0);
    process.send!({ port: (server.address() as AddressInfo).port, bytes, gzipBytes: gzipped.reduce((s, b) => s + b.length, 0) });
  });
}

async function startServerProcess(config: BenchConfig): Promise<{ child: ChildProcess; port: number; bytes: number; gzipBytes: number }> {
  const child = fork(__filename, ['--serve', ...process.argv.slice(2)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const info = await new Promise<{ port: number; bytes: number; gzipBytes: number }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { port: number; bytes: number; gzipBytes: number }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { child, ...info };
}

async function run(config: BenchConfig): Promise<void> {
  const { child, port, bytes, gzipBytes } = await startServerProcess(config);
  const guard = new SsrfGuard({
    allowList: '127.0.0.0/8',
    // Fake names for the per-host limit; the injected resolver keeps everything on loopback.
    resolver: async (hostname) => {
      if (!hostname.endsWith('.bench.test')) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return [{ address: '127.0.0.1', family: 4 }];
    },
  });
  const fetcher = new HttpFetcher({ guard, connectionsPerOrigin: config.maxPerHost });
  const limiter = new ConcurrencyLimiter({ maxTotal: config.maxTotal, maxPerHost: config.maxPerHost });
  const urls = Array.from({ length: config.feeds }, (_, i) => `http://h${i % config.hosts}.bench.test:${port}/feed/${i}.xml`);

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  let maxInFlight = 0;
  const started = process.hrtime.bigint();
  const results = await Promise.all(
    urls.map((url) =>
      limiter.run(url, async () => {
        maxInFlight = Math.max(maxInFlight, limiter.running);
        const result = await pollFeed(url, {}, { fetcher });
        // Keep only what an ingestor would hand on (ids and sizes), not the whole result, like a streaming consumer.
        return { outcome: result.outcome, error: result.error, articles: result.articles?.length ?? 0, textChars: result.articles?.reduce((s, a) => s + a.text.length, 0) ?? 0 };
      }),
    ),
  );
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  await fetcher.close();
  child.kill();

  const articles = results.reduce((sum, r) => sum + r.articles, 0);
  const failures = results.filter((r) => r.outcome !== 'ok');
  const report = {
    feeds: config.feeds,
    itemsPerFeed: config.items,
    hosts: config.hosts,
    limits: { total: config.maxTotal, perHost: config.maxPerHost, maxInFlightSeen: maxInFlight },
    servedMiB: +(bytes / 1048576).toFixed(1),
    servedGzipMiB: +(gzipBytes / 1048576).toFixed(1),
    ok: results.length - failures.length,
    failed: failures.length,
    firstFailure: failures[0]?.error ?? null,
    articles,
    wallSeconds: +(wallMs / 1000).toFixed(2),
    articlesPerSecond: Math.round(articles / (wallMs / 1000)),
    feedsPerSecond: Math.round(config.feeds / (wallMs / 1000)),
    peakRssMiB: Math.round(peakRss / 1048576),
    maxRssMiBFromKernel: Math.round(process.resourceUsage().maxRSS / 1024),
    node: process.version,
  };
  console.log(JSON.stringify(report, null, 2));
  const pass = failures.length === 0 && articles === config.feeds * config.items && wallMs <= 60_000 && report.maxRssMiBFromKernel <= 300;
  console.log(pass ? 'PASS (target: ≤ 60 s, ≤ 300 MB, every article)' : 'FAIL (target: ≤ 60 s, ≤ 300 MB, every article)');
  process.exitCode = pass ? 0 : 1;
}

const config: BenchConfig = {
  feeds: option('feeds', 1000),
  items: option('items', 20),
  hosts: option('hosts', 50),
  maxTotal: option('total', 64),
  maxPerHost: option('per-host', 4),
};

if (process.argv.includes('--serve')) serve(config);
else
  run(config).catch((err) => {
    console.error(err);
    process.exit(1);
  });
