// Replays N position events (default 1,000,000) from the event store into every read model with
// the same code as `npm run cli -- projections:rebuild`, and measures events/s and peak memory.
// The events are first written with Postgres COPY, whose rows/s is reported as the ceiling.
//
//   node scripts/build-if-stale.mjs && node dist/bench/projection-replay.bench.js [--events 1000000] [--checksum]
//
// --checksum adds an md5 of every read-model table (rows in text order, updated_at left out) and of
// their index definitions: two builds that print the same sums wrote the same read models.
//
// Needs a Postgres (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) on
// which it creates and drops a database of its own.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { deterministicUuid, PositionEvent, SCHEMA_VERSION } from '@stancewatch/contracts';
import { Asset, PositionEventType } from '@stancewatch/domain/catalogue';
import { assignIssues, loadIssues } from '@stancewatch/domain/issues';
import { ActorProjection } from '@stancewatch/domain/projection';
import { createDataSource, ProjectionRebuilder } from '@stancewatch/persistence';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const TOTAL = arg('events', 1_000_000);
const CHECKSUM = process.argv.includes('--checksum');

/** CPU seconds (user + system) a process has used so far, from /proc (0 once it has exited). */
function processCpuSeconds(pid: number): number {
  try {
    // the command name in parentheses may hold spaces: count fields after its closing parenthesis
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * The CPU the bench database's Postgres backends use from now on, sampled every 100 ms (a backend
 * that exits between samples loses at most its last 100 ms): the other half of the replay's cost.
 */
function watchBackends(admin: Client, database: string) {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = async (initial: boolean) => {
    const rows: { pid: number }[] = (await admin.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database])).rows;
    for (const { pid } of rows) {
      const cpu = processCpuSeconds(pid);
      if (!first.has(pid)) first.set(pid, initial ? cpu : 0);
      if (cpu > 0) last.set(pid, cpu);
    }
  };
  let running = sample(true);
  const timer = setInterval(() => (running = running.then(() => sample(false))), 100);
  return async () => {
    clearInterval(timer);
    await running;
    await sample(false);
    let total = 0;
    for (const [pid, cpu] of last) total += cpu - (first.get(pid) ?? 0);
    return total;
  };
}

/** md5 of each read-model table's rows (as text, sorted; updated_at left out) and of the read models' index definitions. */
async function checksums(client: Client): Promise<Record<string, string>> {
  await client.query(`SET work_mem = '256MB'`);
  const sums: Record<string, string> = {};
  const tables: { table_name: string }[] = (await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE 'rm\\_%' ORDER BY table_name`)).rows;
  for (const { table_name: table } of tables) {
    const columns: { column_name: string }[] = (
      await client.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name <> 'updated_at' ORDER BY ordinal_position`, [table])
    ).rows;
    const row = `ROW(${columns.map((c) => `"${c.column_name}"`).join(', ')})::text`;
    sums[table] = (await client.query(`SELECT md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) AS sum FROM (SELECT ${row} AS r FROM ${table}) t`)).rows[0].sum;
  }
  sums.indexes = (
    await client.query(
      `SELECT md5(string_agg(indexname || ' ' || indexdef, E'\\n' ORDER BY indexname)) AS sum FROM pg_indexes WHERE schemaname = current_schema() AND tablename LIKE 'rm\\_%'`,
    )
  ).rows[0].sum;
  return sums;
}

/** Small deterministic PRNG (mulberry32), so every run replays the same history. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTORS = ['FR', 'GB', 'DE', 'IT', 'ES', 'PL', 'RO', 'NL', 'BE', 'SE', 'FI', 'NO', 'DK', 'EE', 'LV', 'LT', 'CZ', 'SK', 'HU', 'AT', 'PT', 'GR', 'BG', 'HR', 'SI', 'IE', 'CA', 'US', 'TR', 'JP', 'AU', 'NZ', 'KR', 'UA', 'RU', 'BY', 'CN', 'IN', 'BR', 'ZA', 'KE', 'HT', 'EG', 'ID', 'AZ', 'PK', 'SA', 'QA', 'AE', 'IL', 'NATO', 'EU', 'UN', 'MD', 'GE', 'AM', 'RS', 'AL', 'MK', 'ME'];
const TYPES: [PositionEventType, number][] = [
  ['pledge-announced', 0.22], ['pledge-considered', 0.14], ['pledge-refused', 0.1], ['red-line-stated', 0.08],
  ['demand-made', 0.14], ['condition-set', 0.08], ['support-expressed', 0.16], ['opposition-expressed', 0.08],
];
const TARGETS = ['UA', 'UA', 'UA', 'UA', 'HT', 'PS', 'EE', 'LV', 'LT', 'PL'];
const ASSETS: Asset[] = ['troops', 'trainers', 'aviation', 'naval', 'air-defence', 'equipment', 'money'];

function* history(total: number): Generator<PositionEvent> {
  const random = prng(20260109);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const day0 = Date.UTC(2024, 0, 1);
  let produced = 0;
  let statement = 0;
  while (produced < total) {
    statement++;
    let r = random();
    const type = TYPES.find(([, w]) => (r -= w) < 0)?.[0] ?? 'support-expressed';
    const actor = pick(ACTORS);
    const target = pick(TARGETS);
    const asset = pick(ASSETS);
    const day = day0 + Math.floor(random() * 900) * 86_400_000;
    const statedOn = random() < 0.1 ? new Date(day).toISOString().slice(0, 7) : random() < 0.85 ? new Date(day).toISOString().slice(0, 10) : null;
    const quantity = type.startsWith('pledge') && random() < 0.6 ? { value: 100 * (1 + Math.floor(random() * 60)), unit: asset === 'money' ? 'EUR' : 'troops', text: 'n' } : null;
    const reports = 1 + Math.floor(-Math.log(1 - random()) * 1.2);
    for (let k = 0; k < reports && produced < total; k++, produced++) {
      const article = `bench-${statement}-${k}`;
      // an article read again by a newer extractor now and then
      const version = random() < 0.02 ? '1.1.0' : '1.0.0';
      const observedAt = new Date(day + Math.floor(random() * 3 * 86_400_000)).toISOString();
      const evidence = `${actor} ${type.replace('-', ' ')} ${asset} for ${target} (statement ${statement}, report ${k}).`;
      yield {
        eventId: deterministicUuid('bench', article, version, type, actor),
        type,
        schemaVersion: SCHEMA_VERSION,
        actor: { code: actor, role: random() < 0.05 ? 'opposition' : null },
        target: [target],
        statedOn,
        observedAt,
        confidence: 0.8,
        producer: { name: 'bench', version },
        provenance: { articleId: article, url: `https://bench.example/${article}`, evidence: { sentence: evidence, start: 0, end: evidence.length } },
        payload: {
          asset: [asset],
          quantity: k > 0 && random() < 0.3 ? null : quantity,
          conditions: type === 'condition-set' || random() < 0.1 ? [{ text: 'once a ceasefire holds', kind: 'ceasefire' }] : [],
          extraction: { articleId: article, extractorVersion: version, eventCount: 1, ordinal: 0 },
        },
      };
    }
  }
}

const csv = (value: string) => `"${value.replace(/"/g, '""')}"`;

async function main() {
  const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `sw_bench_replay_${randomUUID().slice(0, 8)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataSource = await createDataSource(url.toString(), { poolSize: 2 }).initialize();
  try {
    await dataSource.runMigrations();
    // 1. the ceiling: raw COPY of the same events into the event store
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    const versions = new Map<string, number>();
    const rows = Readable.from(
      (function* () {
        // a few hundred lines per chunk: one socket write per line would measure the socket, not COPY
        let chunk = '';
        let count = 0;
        for (const event of history(TOTAL)) {
          const stream = `actor-${event.actor.code}`;
          const version = (versions.get(stream) ?? 0) + 1;
          versions.set(stream, version);
          chunk += `${event.eventId},${csv(stream)},${version},${event.type},${csv(JSON.stringify(event))}\n`;
          if (++count % 500 === 0) {
            yield chunk;
            chunk = '';
          }
        }
        if (chunk) yield chunk;
      })(),
    );
    const copyStarted = process.hrtime.bigint();
    await pipeline(rows, client.query(copyFrom('COPY event_store (event_id, stream, version, type, body) FROM STDIN WITH (FORMAT csv)')));
    const copySeconds = Number(process.hrtime.bigint() - copyStarted) / 1e9;
    await client.query('ANALYZE event_store');
    await client.end();

    // 2. the replay into every read model
    const issues = loadIssues(null);
    const assign = (x: { type: string; actor: string; target: string[]; asset: string[]; evidence: string | string[] }) => assignIssues(x, issues);
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
    const postgresCpu = watchBackends(admin, name);
    const loadBefore = loadavg();
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    const result = await new ProjectionRebuilder(dataSource, (actor) => new ActorProjection(actor, assign), assign, (p) => {
      process.stderr.write(`  ${p.phase.padEnd(8)} ${p.events} events ${(p.elapsedMs / 1000).toFixed(1)} s\n`);
    }).run();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const loadAfter = loadavg();
    const postgresCpuSeconds = await postgresCpu();
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
    const counts = Object.fromEntries(
      await Promise.all(
        ['rm_events', 'rm_occurrences', 'rm_current_positions', 'rm_position_history', 'rm_pledges', 'rm_red_lines'].map(async (t) => [t, (await dataSource.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n]),
      ),
    );
    console.log(
      JSON.stringify(
        {
          events: result.events,
          copyRowsPerSecond: Math.round(TOTAL / copySeconds),
          copySeconds: Number(copySeconds.toFixed(1)),
          replaySeconds: Number(seconds.toFixed(1)),
          replayEventsPerSecond: Math.round(result.events / seconds),
          // on a shared box wall time follows the neighbours; the replay's own CPU (all of Node's threads, GC included) does not
          replayNodeCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
          replayPostgresCpuSeconds: Number(postgresCpuSeconds.toFixed(1)),
          loadAverage: `${loadBefore[0].toFixed(1)} -> ${loadAfter[0].toFixed(1)}`,
          peakRssMiB: Math.round(peakRss / 1048576),
          readModels: counts,
          ...(CHECKSUM ? { checksums: await checksumsOf(url.toString()) } : {}),
        },
        null,
        2,
      ),
    );
  } finally {
    await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function checksumsOf(url: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await checksums(client);
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
