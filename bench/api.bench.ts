// autocannon against the API's hottest reads — GET /api/v1/actors/FR/positions and
// GET /api/v1/events?actor=FR&limit=50 — and, in the same run, a bare Nest + Fastify app with one
// trivial handler, the ceiling to compare against. Targets: ≥ 50 % of the bare req/s, p99 ≤ 20 ms.
//
//   node scripts/build-if-stale.mjs && node dist/bench/api.bench.js [--events 200000] [--seconds 10] [--connections 10] [--keep-db] [--cpu-prof DIR]
//
// Needs a Postgres (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) on which
// it creates and drops a database of its own, and a Kafka broker (KAFKA_BROKERS, default
// 127.0.0.1:9092; `npm run kafka:start`), since the API makes sure its topics exist at start.
// Each server runs in a child process of its own (the API as deployed: LOG_LEVEL info, request logs
// to /dev/null, rate limit off; a second API with its read cache off, API_READ_CACHE_MB=0; and a third
// with the cache on but its Fastify fast path off, so hits go through Nest as before it), so autocannon
// in this process does not share their event loop.
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { createDataSource } from '@stancewatch/persistence';
import { loadConfig } from '@stancewatch/platform';
import { ReadCacheFastPath } from '../apps/api/src/common/read-cache-fast-path';
import { bootstrapApi } from '../apps/api/src/main';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: object) => Promise<AutocannonResult>;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 200_000);
const SECONDS = arg('seconds', 10);
const CONNECTIONS = arg('connections', 10);
const KEY = 'bench-admin-key-0123456789abcdef';
const ISSUES = ['ukraine-security-force', 'ukraine-military-aid', 'haiti-security-mission', 'gaza-stabilisation-force', 'nato-eastern-flank'];
const ACTORS = ['FR', 'GB', 'DE', 'IT', 'ES', 'PL', 'RO', 'NL', 'BE', 'SE', 'FI', 'NO', 'DK', 'EE', 'LV', 'LT', 'CZ', 'SK', 'HU', 'AT', 'PT', 'GR', 'BG', 'HR', 'SI', 'IE', 'CA', 'US', 'TR', 'JP', 'AU', 'NZ', 'KR', 'UA', 'RU', 'BY', 'CN', 'IN', 'BR', 'ZA', 'KE', 'HT', 'EG', 'ID', 'AZ', 'PK', 'SA', 'QA', 'AE', 'IL', 'NATO', 'EU', 'UN', 'MD', 'GE', 'AM', 'RS', 'AL', 'MK', 'ME'];
const TYPES = ['pledge-announced', 'pledge-considered', 'pledge-refused', 'red-line-stated', 'demand-made', 'condition-set', 'support-expressed', 'opposition-expressed'];
const STANCES = ['committed', 'considering', 'conditional', 'refused', 'opposed', 'demanding', 'red-line', 'supportive'];

/** A copy of the API's event page, handed to the bare app by the parent (reference only, see below). */
let samplePage: unknown = null;

@Controller()
class BareController {
  @Get('bare')
  bare() {
    return { ok: true };
  }

  @Get('bare/page')
  page() {
    return samplePage;
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

/** Child process: serve the real API or the bare app, report the URL over IPC. */
async function serve(kind: 'api' | 'bare'): Promise<void> {
  let app: NestFastifyApplication;
  if (kind === 'api') {
    // reference only: cache hits answered by Nest's interceptor, as before the fast path
    if (process.env.BENCH_FAST_PATH === 'off') ReadCacheFastPath.prototype.register = () => undefined;
    app = await bootstrapApi(
      loadConfig({
        ...process.env,
        API_HOST: '127.0.0.1',
        API_PORT: '0',
        ADMIN_API_KEY: KEY,
        RATE_LIMIT_PER_MINUTE: '0',
        KAFKA_TOPIC_PREFIX: 'bench-api.', // fixed, so reruns reuse the topics instead of adding more
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'info',
      }),
    );
  } else {
    app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
  }
  // CPU time this process has used, on request: the parent divides it by the requests served
  process.on('message', (m: { cpu?: boolean; page?: string }) => {
    if (m.cpu) process.send!({ cpuMicros: ((u) => u.user + u.system)(process.cpuUsage()) });
    if (m.page) {
      samplePage = JSON.parse(m.page);
      process.send!({ pageSet: true });
    }
  });
  process.send!({ url: (await app.getUrl()).replace('[::1]', '127.0.0.1') });
  process.on('disconnect', () => void app.close().finally(() => process.exit(0)));
}

interface Server {
  url: string;
  /** CPU microseconds the server process has used so far (user + system). */
  cpuMicros(): Promise<number>;
  /** Bare app only: the body GET /bare/page returns from now on. */
  setPage(json: string): Promise<void>;
  stop(): void;
}

function start(kind: 'api' | 'bare', env: NodeJS.ProcessEnv): Promise<Server> {
  // stdout (the API's request log) goes nowhere; stderr stays visible
  // --cpu-prof DIR: every server child writes a V8 CPU profile there when it exits (NODE_OPTIONS refuses --cpu-prof)
  const profileAt = process.argv.indexOf('--cpu-prof');
  const execArgv = profileAt >= 0 ? ['--cpu-prof', `--cpu-prof-dir=${process.argv[profileAt + 1]}`] : [];
  const child = fork(__filename, ['--serve', kind], { env, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    child.once('message', (m: { url: string }) =>
      resolve({
        url: m.url,
        cpuMicros: () =>
          new Promise((done) => {
            const answer = (r: { cpuMicros?: number }) => {
              if (r.cpuMicros === undefined) return;
              child.off('message', answer);
              done(r.cpuMicros);
            };
            child.on('message', answer);
            child.send({ cpu: true });
          }),
        setPage: (json) =>
          new Promise((done) => {
            const answer = (r: { pageSet?: boolean }) => {
              if (!r.pageSet) return;
              child.off('message', answer);
              done();
            };
            child.on('message', answer);
            child.send({ page: json });
          }),
        stop: () => {
          child.disconnect();
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        },
      }),
    );
  });
}

async function seed(client: Client): Promise<void> {
  const actors = `(ARRAY['${ACTORS.join("','")}'])`;
  const types = `(ARRAY['${TYPES.join("','")}'])`;
  const issues = `(ARRAY['${ISSUES.join("','")}'])`;
  const stances = `(ARRAY['${STANCES.join("','")}'])`;
  const occurrences = Math.round(EVENTS * 0.75);
  // attributes drawn by separate hashes of the statement number, so they do not correlate (n % 60 and n % 20 would)
  const h = (salt: string, expr: string, mod: number) => `(1 + abs(hashtext('${salt}' || ${expr})) % ${mod})`;
  // about three reports in four are their statement's first; the rest corroborate one
  await client.query(`
    INSERT INTO rm_occurrences (occurrence_id, type, actor, actor_role, target, asset, quantity, conditions, stated_on, observed_at, issues, evidence, urls, source_count, confidence, sources)
    SELECT md5('occ' || n)::uuid, ${types}[${h('t', 'n', 8)}], ${actors}[${h('a', 'n', 60)}], NULL, '{UA}', '{troops}', '{"value": 500, "unit": "troops", "text": "500 troops"}', '[]',
           to_char(date '2024-01-01' + ${h('d', 'n', 900)}, 'YYYY-MM-DD'), now(), ARRAY[${issues}[${h('i', 'n', 5)}]], '["evidence"]', '["https://news.example/a"]', 1 + n % 3, 0.8, '[]'
    FROM generate_series(0, ${occurrences - 1}) AS n`);
  await client.query(`
    INSERT INTO rm_events (event_id, type, actor, actor_role, target, issues, stated_on, observed_at, evidence, article_id, url, confidence, payload, global_position, occurrence_id, extractor_version, superseded)
    SELECT md5('ev' || n)::uuid, ${types}[${h('t', `n % ${occurrences}`, 8)}], ${actors}[${h('a', `n % ${occurrences}`, 60)}], NULL, '{UA}', ARRAY[${issues}[${h('i', `n % ${occurrences}`, 5)}]],
           to_char(date '2024-01-01' + ${h('d', `n % ${occurrences}`, 900)}, 'YYYY-MM-DD'), timestamptz '2024-01-01' + n * interval '3 minutes',
           'The minister said the country would send 500 troops to the reassurance force once a ceasefire holds, according to officials.',
           'art-' || (n / 8), 'https://news.example/articles/' || (n / 8), 0.8,
           '{"asset": ["troops"], "quantity": {"value": 500, "unit": "troops", "text": "500 troops"}, "conditions": [{"text": "once a ceasefire holds", "kind": "ceasefire"}]}',
           n + 1, CASE WHEN ${h('s', 'n', 20)} = 1 THEN NULL ELSE md5('occ' || (n % ${occurrences}))::uuid END, '0.4.0', ${h('s', 'n', 20)} = 1
    FROM generate_series(0, ${EVENTS - 1}) AS n`);
  // 60 actors × 5 issues: current stance and four intervals of history each
  await client.query(`
    INSERT INTO rm_current_positions (actor, actor_role, issue, stance, since, cause_event_id, event_ids, conditions, source_count, updated_at)
    SELECT a, '', i, ${stances}[1 + (ai + ii) % 8], '2026-01-10', md5('ev' || (ai * 5 + ii))::uuid, ARRAY[md5('ev' || (ai * 5 + ii))::uuid, md5('ev' || (ai * 5 + ii + 300))::uuid],
           '[{"text": "once a ceasefire holds", "kind": "ceasefire"}]', 3, now()
    FROM unnest(${actors}) WITH ORDINALITY AS x(a, ai), unnest(${issues}) WITH ORDINALITY AS y(i, ii)`);
  await client.query(`
    INSERT INTO rm_position_history (actor, actor_role, issue, seq, stance, from_date, to_date, cause_event_id)
    SELECT a, '', i, s, ${stances}[1 + (ai + ii + s) % 8], to_char(date '2024-01-01' + s * 200, 'YYYY-MM-DD'), CASE WHEN s < 3 THEN to_char(date '2024-01-01' + (s + 1) * 200, 'YYYY-MM-DD') END, md5('ev' || (ai * 5 + ii + s))::uuid
    FROM unnest(${actors}) WITH ORDINALITY AS x(a, ai), unnest(${issues}) WITH ORDINALITY AS y(i, ii), generate_series(0, 3) AS s`);
  await client.query('ANALYZE');
}

type Measured = AutocannonResult & { cpuMicrosPerRequest: number; clientCpuMicrosPerRequest: number };

/**
 * Warm-up, then the measured run. Besides req/s and latency it reports the server's CPU time per
 * request, which a busy shared box distorts far less than throughput, and autocannon's own (this
 * process), which shares the box's two CPUs with the server and grows with the response size.
 */
async function cannon(server: Server, path: string, headers: Record<string, string>): Promise<Measured> {
  const url = `${server.url}${path}`;
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 }); // warm-up: JIT, pools, key cache
  const cpuBefore = await server.cpuMicros();
  const clientBefore = process.cpuUsage();
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
  const client = process.cpuUsage(clientBefore);
  const cpu = (await server.cpuMicros()) - cpuBefore;
  const requests = Math.max(1, result.requests.total);
  return { ...result, cpuMicrosPerRequest: cpu / requests, clientCpuMicrosPerRequest: (client.user + client.system) / requests };
}

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `sw_bench_api_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const servers: { stop(): void }[] = [];
  try {
    const dataSource = await createDataSource(url.toString(), { poolSize: 2 }).initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();
    const seedStart = Date.now();
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    await seed(client);
    await client.end();
    console.error(`seeded ${EVENTS} rm_events, ${ACTORS.length} actors × ${ISSUES.length} issues in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    const env = { ...process.env, DATABASE_URL: url.toString(), KAFKA_BROKERS: process.env.KAFKA_BROKERS || '127.0.0.1:9092' };
    if (process.argv.includes('--seed-only')) return;
    const bare = await start('bare', env);
    servers.push(bare);
    const api = await start('api', env);
    servers.push(api);
    // the same API with its read cache off: every request validates, queries Postgres and serialises
    const uncached = await start('api', { ...env, API_READ_CACHE_MB: '0' });
    servers.push(uncached);
    const nestHits = await start('api', { ...env, BENCH_FAST_PATH: 'off' });
    servers.push(nestHits);
    const auth = { 'x-api-key': KEY };
    // --only SUBSTRING: measure just the routes whose label contains it (the bare handler always runs)
    const onlyAt = process.argv.indexOf('--only');
    const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : '';
    const routes: { label: string; server: Server; path: string; headers: Record<string, string>; target: boolean }[] = [
      // as deployed: after the first request of a route every request is a cache hit (nothing is
      // projected during the bench, so nothing invalidates the cache)
      { label: 'GET /api/v1/actors/FR/positions', server: api, path: '/api/v1/actors/FR/positions', headers: auth, target: true },
      { label: 'GET /api/v1/events?actor=FR&limit=50', server: api, path: '/api/v1/events?actor=FR&limit=50', headers: auth, target: true },
      // not a target: the same page for a client that accepts gzip (browsers, most HTTP clients; autocannon
      // does not ask for it), compressed once when cached
      { label: 'GET /api/v1/actors/FR/positions with Accept-Encoding: gzip (reference)', server: api, path: '/api/v1/actors/FR/positions', headers: { ...auth, 'accept-encoding': 'gzip' }, target: false },
      { label: 'GET /api/v1/events?actor=FR&limit=50 with Accept-Encoding: gzip (reference)', server: api, path: '/api/v1/events?actor=FR&limit=50', headers: { ...auth, 'accept-encoding': 'gzip' }, target: false },
      // not a target: the same hits answered by Nest's router, guard and interceptor (fast path off), as before it
      { label: 'Nest-path hit GET /api/v1/actors/FR/positions (reference)', server: nestHits, path: '/api/v1/actors/FR/positions', headers: auth, target: false },
      { label: 'Nest-path hit GET /api/v1/events?actor=FR&limit=50 (reference)', server: nestHits, path: '/api/v1/events?actor=FR&limit=50', headers: auth, target: false },
      // what a request costs when the cache cannot answer (just after a projector commit, or with
      // API_READ_CACHE_MB=0): not the target, reported beside it
      { label: 'uncached GET /api/v1/actors/FR/positions', server: uncached, path: '/api/v1/actors/FR/positions', headers: auth, target: false },
      { label: 'uncached GET /api/v1/events?actor=FR&limit=50', server: uncached, path: '/api/v1/events?actor=FR&limit=50', headers: auth, target: false },
      // not a target: the API process's own floor (its hooks, no key, no query)
      { label: 'GET /health (API, reference)', server: api, path: '/health', headers: {}, target: false },
    ].filter((r) => !only || r.label.includes(only));
    // reference, not a target: the bare handler returning the API's own ~30 kB event page (serialised
    // per request, as any handler's object is), to show what the page's size costs by itself
    const page = await fetch(`${api.url}/api/v1/events?actor=FR&limit=50`, { headers: auth });
    await bare.setPage(await page.text());
    const pageRoute = { label: 'bare GET /bare/page (the same event page, reference)', server: bare, path: '/bare/page', headers: {}, target: false };
    if (!only || pageRoute.label.includes(only)) routes.push(pageRoute);
    const load = [loadavg()[0]];
    const results: Record<string, Measured> = {};
    results['bare GET /bare'] = await cannon(bare, '/bare', {});
    load.push(loadavg()[0]);
    for (const route of routes) {
      results[route.label] = await cannon(route.server, route.path, route.headers);
      load.push(loadavg()[0]);
    }
    // the bare handler again at the end: the box's load drifts during a run, and the better of the two
    // bare runs is the ceiling every route is compared with
    const bareAgain = await cannon(bare, '/bare', {});
    load.push(loadavg()[0]);
    const bareRps = Math.max(results['bare GET /bare'].requests.average, bareAgain.requests.average);
    results['bare GET /bare (again, at the end)'] = bareAgain;

    const rows = Object.entries(results).map(([route, r]) => ({
      route,
      reqPerSec: Math.round(r.requests.average),
      ofBare: `${Math.round((100 * r.requests.average) / bareRps)} %`,
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      cpuUsPerReq: Math.round(r.cpuMicrosPerRequest),
      clientCpuUsPerReq: Math.round(r.clientCpuMicrosPerRequest),
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
    }));
    console.table(rows);
    const targets = new Set(routes.filter((r) => r.target).map((r) => r.label));
    const missed = (r: (typeof rows)[number]) => r.reqPerSec < bareRps / 2 || r.p99Ms > 20 || r.non2xx > 0 || r.errors > 0;
    const misses = rows.filter((r) => targets.has(r.route)).filter(missed);
    const uncachedMisses = rows.filter((r) => r.route.startsWith('uncached ')).filter(missed);
    console.log(
      JSON.stringify(
        { events: EVENTS, connections: CONNECTIONS, seconds: SECONDS, loadAverage1m: load.map((l) => Number(l.toFixed(2))), results: rows, targetsMet: misses.length === 0, uncachedTargetsMet: uncachedMisses.length === 0 },
        null,
        2,
      ),
    );
    if (misses.length) process.exitCode = 1;
  } finally {
    for (const s of servers) s.stop();
    await new Promise((r) => setTimeout(r, process.argv.includes('--cpu-prof') ? 5000 : 500));
    if (process.argv.includes('--keep-db')) console.error(`kept database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0) {
  serve(process.argv[serveAt + 1] as 'api' | 'bare').catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
