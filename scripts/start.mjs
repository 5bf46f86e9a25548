#!/usr/bin/env node
// `npm start`: the whole system on one machine. Installs dependencies and builds when needed,
// starts a local Kafka broker unless KAFKA_BROKERS is set and an embedded Postgres unless
// DATABASE_URL is set, applies migrations, then runs every service until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVICES = ['api', 'ingestor', 'extractor', 'projector', 'alerter'];
const began = Date.now();
const log = (msg) => console.log(`[start] ${msg}`);
const cleanups = [];

function run(cmd, args, env = process.env) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

function ensureInstalled() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(join(root, 'package-lock.json')).mtimeMs) return;
  log('installing dependencies (npm install)');
  run('npm', ['install', '--no-audit', '--no-fund']);
}

/** Starts scripts/embedded-postgres.mjs and resolves with its URL once it accepts connections. */
function startEmbeddedPostgres() {
  const dir = join(root, '.data', 'postgres');
  const port = Number(process.env.EMBEDDED_PG_PORT || 54329);
  const child = spawn('node', [join(root, 'scripts', 'embedded-postgres.mjs'), dir, String(port), 'stancewatch'], {
    cwd: root,
    // its own process group: a Ctrl-C must not stop the database before the services are done with it
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(() => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', done), child.kill('SIGTERM')))));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (data) => {
      out += data;
      if (out.includes('\n')) {
        log(`embedded Postgres on 127.0.0.1:${port} (data in ${dir})`);
        resolve(out.trim());
      }
    });
    child.once('exit', (code) => reject(new Error(`embedded Postgres exited (${code}) before it was ready`)));
  });
}

function adminKey() {
  if (process.env.ADMIN_API_KEY) return process.env.ADMIN_API_KEY;
  // a local key of its own, kept under .data/ (git-ignored) so it survives restarts
  const file = join(root, '.data', 'admin-api-key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `sw_${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

async function main() {
  ensureInstalled();
  run('node', ['scripts/build-if-stale.mjs']);
  const env = { ...process.env };
  if (!env.KAFKA_BROKERS) {
    const { startKafka, stopKafka } = await import('./kafka/broker.mjs');
    const kafka = await startKafka();
    env.KAFKA_BROKERS = kafka.brokers;
    if (kafka.started) {
      cleanups.push(() => stopKafka());
      // should this process die abruptly, the broker must not outlive it
      process.on('exit', () => {
        try {
          process.kill(kafka.pid, 'SIGTERM');
        } catch {}
      });
    }
    log(kafka.started ? `Kafka broker started on ${kafka.brokers} in ${(kafka.ms / 1000).toFixed(1)} s` : `using the Kafka broker already on ${kafka.brokers}`);
  }
  if (!env.DATABASE_URL) env.DATABASE_URL = await startEmbeddedPostgres();
  env.ADMIN_API_KEY = adminKey();
  run('node', ['dist/apps/cli/src/main.js', 'migration:run'], env);

  let stopping = false;
  const children = SERVICES.map((name) => {
    const child = spawn('node', [`dist/apps/${name}/src/main.js`], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        console.error(`[start] ${name} exited (${signal ?? code}); stopping everything`);
        void shutdown(1);
      }
    });
    return child;
  });
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    log('stopping services');
    await Promise.all(children.map((child) => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', done), child.kill('SIGTERM'))))));
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const port = env.API_PORT || 3000;
  const host = env.API_HOST || '127.0.0.1';
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`http://${host}:${port}/health/ready`);
      if (res.ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 150));
  }
  log(`stancewatch is up in ${((Date.now() - began) / 1000).toFixed(1)} s: API http://${host}:${port}/api/v1 (admin key in .data/admin-api-key or ADMIN_API_KEY). Ctrl-C stops it.`);
}

main().catch(async (err) => {
  console.error(`[start] ${err.message}`);
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  process.exit(1);
});
