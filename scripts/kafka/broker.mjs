#!/usr/bin/env node
// Runs a real single-node Apache Kafka 3.9 broker (KRaft, broker+controller) from its Maven
// Central jars, for machines without Docker. Jars are fetched once with Maven into a cache
// outside git; broker data lives under .data/ (git-ignored).
//
// Library used by scripts/kafka.mjs (the CLI), scripts/start.mjs and the tests' global setup.
//
// Env: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_DATA_DIR (.data/kafka),
//      STANCEWATCH_CACHE (~/.cache/stancewatch), KAFKA_HEAP (512m).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const KAFKA_VERSION = '3.9.1';

export function kafkaPaths(env = process.env) {
  const cache = env.STANCEWATCH_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'stancewatch');
  const dataDir = resolve(root, env.KAFKA_DATA_DIR || '.data/kafka');
  return {
    libs: join(cache, `kafka-${KAFKA_VERSION}`, 'libs'),
    dataDir,
    logDirs: join(dataDir, 'logs'),
    config: join(dataDir, 'server.properties'),
    log4j: join(dataDir, 'log4j.properties'),
    pidFile: join(dataDir, 'broker.pid'),
    serverLog: join(dataDir, 'server.log'),
    port: Number(env.KAFKA_PORT || 9092),
    controllerPort: Number(env.KAFKA_CONTROLLER_PORT || 9093),
  };
}

function ensureJars(paths) {
  if (existsSync(paths.libs) && readdirSync(paths.libs).some((f) => f.startsWith(`kafka_2.13-${KAFKA_VERSION}`))) return;
  console.error(`kafka: fetching Apache Kafka ${KAFKA_VERSION} jars with Maven into ${paths.libs}`);
  const result = spawnSync(
    'mvn',
    ['-q', '-B', '-f', join(root, 'scripts', 'kafka', 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${paths.libs}`, '-DincludeScope=runtime'],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.status !== 0) throw new Error('kafka: mvn dependency:copy-dependencies failed (is Maven installed and Maven Central reachable?)');
}

function writeConfig(paths) {
  mkdirSync(paths.logDirs, { recursive: true });
  const props = {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': `1@127.0.0.1:${paths.controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${paths.port},CONTROLLER://127.0.0.1:${paths.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${paths.port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': paths.logDirs,
    'num.partitions': '3',
    // topics are created by the services with explicit partition counts
    'auto.create.topics.enable': 'false',
    'offsets.topic.replication.factor': '1',
    'offsets.topic.num.partitions': '10',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'group.initial.rebalance.delay.ms': '0',
    'log.retention.hours': '168',
  };
  writeFileSync(paths.config, Object.entries(props).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
  writeFileSync(
    paths.log4j,
    ['log4j.rootLogger=WARN, file', 'log4j.appender.file=org.apache.log4j.FileAppender', `log4j.appender.file.File=${paths.serverLog}`,
      'log4j.appender.file.layout=org.apache.log4j.PatternLayout', 'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
      'log4j.logger.kafka.server.KafkaRaftServer=INFO', 'log4j.logger.kafka.server.BrokerServer=INFO'].join('\n') + '\n',
  );
}

function java(paths, args, opts = {}) {
  return spawn('java', [`-Xmx${process.env.KAFKA_HEAP || '512m'}`, '-Xms128m', '-XX:+UseG1GC', `-Dlog4j.configuration=file:${paths.log4j}`, '-cp', join(paths.libs, '*'), ...args], opts);
}

/**
 * 16 random bytes, base64url: the form Kafka expects for a cluster id. An id that begins with
 * '-' (one in 32) would be read by the storage tool's argument parser as an option, so it is
 * drawn again, as Kafka's own Uuid.randomUuid does; the `--cluster-id=` form guards as well.
 */
export function newClusterId(bytes = randomBytes) {
  for (;;) {
    const id = bytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function formatStorage(paths) {
  if (existsSync(join(paths.logDirs, 'meta.properties'))) return;
  const clusterId = newClusterId();
  const result = spawnSync(
    'java',
    ['-Xmx256m', `-Dlog4j.configuration=file:${paths.log4j}`, '-cp', join(paths.libs, '*'), 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '-c', paths.config],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`kafka: storage format failed: ${result.stderr || result.stdout}`);
}

export function portOpen(port, host = '127.0.0.1') {
  return new Promise((done) => {
    const socket = connect({ port, host });
    socket.setTimeout(500);
    socket.once('connect', () => { socket.destroy(); done(true); });
    socket.once('timeout', () => { socket.destroy(); done(false); });
    socket.once('error', () => done(false));
  });
}

function readPid(paths) {
  try {
    const pid = Number(readFileSync(paths.pidFile, 'utf8').trim());
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** Starts the broker unless one already listens; resolves once it accepts Kafka requests. */
export async function startKafka(env = process.env) {
  const paths = kafkaPaths(env);
  const began = Date.now();
  if (await portOpen(paths.port)) return { started: false, brokers: `127.0.0.1:${paths.port}`, ms: 0, pid: readPid(paths) };
  ensureJars(paths);
  writeConfig(paths);
  formatStorage(paths);
  const out = openSync(join(paths.dataDir, 'stdout.log'), 'a');
  const child = java(paths, ['kafka.Kafka', paths.config], { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  writeFileSync(paths.pidFile, String(child.pid));
  const brokers = `127.0.0.1:${paths.port}`;
  await waitUntilReady(brokers, child.pid, 90_000);
  return { started: true, brokers, ms: Date.now() - began, pid: child.pid };
}

async function waitUntilReady(brokers, pid, timeoutMs) {
  const { Kafka, logLevel } = (await import('kafkajs')).default;
  const deadline = Date.now() + timeoutMs;
  let lastError = null;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      throw new Error('kafka: broker process exited during start-up; see .data/kafka/stdout.log and server.log');
    }
    const admin = new Kafka({ brokers: [brokers], logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 1000 }).admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      await admin.disconnect();
      return;
    } catch (err) {
      lastError = err;
      await admin.disconnect().catch(() => {});
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`kafka: broker not ready after ${timeoutMs} ms: ${lastError?.message}`);
}

export async function stopKafka(env = process.env) {
  const paths = kafkaPaths(env);
  const pid = readPid(paths);
  if (!pid) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
      await new Promise((r) => setTimeout(r, 200));
    } catch {
      rmSync(paths.pidFile, { force: true });
      return true;
    }
  }
  process.kill(pid, 'SIGKILL');
  rmSync(paths.pidFile, { force: true });
  return true;
}

