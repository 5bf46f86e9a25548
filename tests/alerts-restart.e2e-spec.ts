// A restart of the alerter neither loses nor repeats deliveries. Distinct statements (and some
// corroborating reports of them, which must not alert) keep arriving on the positions topic while
// the alerter is closed and bootstrapped again in-process, stopped for a while, and run as a real
// process that is SIGKILLed mid-stream. The local receiver must end up with one delivery id per
// statement and per live stance move, each answered 2xx once. The one accepted exception (issue 6):
// a process killed between the receiver's 2xx and recording it resends the same delivery id.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PositionEvent, positionEventsV1 } from '@stancewatch/contracts';
import { PositionEventType } from '@stancewatch/domain/catalogue';
import { createKafka, MessageProducer } from '@stancewatch/messaging';
import { ApiKeyRepository } from '@stancewatch/persistence';
import { bootstrapAlerter } from '../apps/alerter/src/main';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../apps/alerter/src/signing';
import { pollUntil } from './support/poll-until';
import { positionEvent } from './support/position-events';
import { startStack, Stack } from './support/stack';

const ACTORS = ['FR', 'GB', 'DE', 'PL', 'RO', 'ES', 'IT', 'NL', 'SE', 'FI', 'DK', 'NO'];
const TYPES: PositionEventType[] = ['pledge-announced', 'pledge-considered', 'pledge-refused', 'red-line-stated', 'demand-made', 'condition-set', 'support-expressed', 'opposition-expressed'];
const ALERTER_MAIN = join(__dirname, '../dist/apps/alerter/src/main.js');
const KILLS = 3;

/**
 * Statement i: one actor, one type, dated 5·i days after 2015-01-01, so two statements of the same
 * actor and type are years apart and never fold into one occurrence. Every fourth statement is also
 * reported by a second article (same day, same quantity): a corroboration, which must not alert.
 */
function statement(i: number): PositionEvent[] {
  const actor = ACTORS[i % ACTORS.length];
  const type = TYPES[Math.floor(i / ACTORS.length) % TYPES.length];
  const statedOn = new Date(Date.UTC(2015, 0, 1) + i * 5 * 86_400_000).toISOString().slice(0, 10);
  const quantity = type.startsWith('pledge') ? { value: 100 + i, unit: 'troops', text: `${100 + i} troops` } : null;
  const report = (r: number) =>
    positionEvent({ type, actor, statedOn, quantity, evidence: `${actor} statement ${i} (${type}) as reported by outlet ${r}.`, article: `restart-${i}-${r}`, observedAt: `2026-01-0${1 + r}T10:00:00.000Z` });
  return i % 4 === 0 ? [report(0), report(1)] : [report(0)];
}

interface Received {
  deliveryId: string;
  subscriptionId: string;
  eventId: string;
  kind: string;
  changeEventId: string | null;
  answered: number;
  /** Which alerter run was current when it arrived (see `epochs`). */
  epoch: number;
  signed: boolean;
}

describe('alerter restarts', () => {
  let stack: Stack;
  let receiver: Server;
  let producer: MessageProducer;
  let child: ChildProcess | null = null;
  let inProcess: INestApplicationContext | null = null;

  afterAll(async () => {
    child?.kill('SIGKILL');
    await producer?.disconnect().catch(() => undefined);
    if (inProcess && !stack?.workers.includes(inProcess)) await inProcess.close().catch(() => undefined);
    await stack?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('neither loses nor repeats a delivery across graceful restarts, a stop and SIGKILLs', async () => {
    expect(existsSync(ALERTER_MAIN)).toBe(true); // `npm test` builds dist/ before this tier

    // epochs: 0 = the stack's alerter; each restart or spawned process starts a new one
    let epoch = 0;
    const killedEpochs = new Set<number>();
    const secrets = new Map<string, string>();
    const received: Received[] = [];
    const firstAttempts = new Set<string>();
    receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const alert = JSON.parse(body);
        const deliveryId = String(req.headers[DELIVERY_HEADER]);
        // every tenth delivery fails its first attempt, so retries also straddle the restarts
        const answered = !firstAttempts.has(deliveryId) && parseInt(deliveryId.slice(0, 2), 16) % 10 === 0 ? 503 : 200;
        firstAttempts.add(deliveryId);
        const secret = secrets.get(alert.subscriptionId) ?? '';
        received.push({
          deliveryId,
          subscriptionId: alert.subscriptionId,
          eventId: alert.event.eventId,
          kind: alert.kind,
          changeEventId: alert.stance?.changeEventId ?? null,
          answered,
          epoch,
          signed: verifySignature(secret, { signature: String(req.headers[SIGNATURE_HEADER]), timestamp: String(req.headers[TIMESTAMP_HEADER]) }, body),
        });
        // a little latency per answer widens the window a kill can land in mid-send
        setTimeout(() => res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered < 300 ? 'ok' : 'nope'), 5 + Math.floor(Math.random() * 20));
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/stancewatch`;

    // error-level logs: the receiver's planned 503s would otherwise log a warning each
    const env = { CONSUMER_SESSION_TIMEOUT_MS: '6000', WEBHOOK_RETRY_BASE_MS: '200', LOG_LEVEL: 'error' } as const;
    stack = await startStack('alerts_restart', env);
    inProcess = stack.workers[0];
    const dataSource = stack.api.get(DataSource);
    const analystKey = (await stack.api.get(ApiKeyRepository).create('restart analyst', 'analyst')).key;
    const subscribe = async (body: object): Promise<string> => {
      const res = await fetch(`${stack.apiUrl}/api/v1/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': analystKey }, body: JSON.stringify(body) });
      expect(res.status).toBe(201);
      const created = (await res.json()) as { id: string; secret: string };
      secrets.set(created.id, created.secret);
      return created.id;
    };
    const everything = await subscribe({ name: 'every statement', filter: {}, channel: { type: 'webhook', url: hookUrl } });
    const moves = await subscribe({ name: 'every stance move', filter: { onlyStanceChanges: true }, channel: { type: 'webhook', url: hookUrl } });

    // statements keep arriving, a few every 150 ms, until the last restart is behind us
    producer = new MessageProducer(createKafka({ brokers: stack.config.kafkaBrokers, clientId: 'alerts-restart-producer' }), stack.config.topicPrefix);
    let sent = 0;
    let sending = true;
    const sender = (async () => {
      while (sending) {
        const batch = [sent, sent + 1, sent + 2, sent + 3].flatMap(statement);
        await producer.send(positionEventsV1, batch);
        sent += 4;
        await new Promise((r) => setTimeout(r, 150));
      }
    })();

    const recorded = async () => Number((await dataSource.query(`SELECT count(*) AS n FROM alert_deliveries WHERE subscription_id = $1`, [everything]))[0].n);
    const delivered = () => new Set(received.filter((r) => r.answered < 300 && r.subscriptionId === everything).map((r) => r.deliveryId)).size;
    /** Waits until the current alerter has both recorded and delivered something new. */
    const progress = async (what: string) => {
      const [rows, hooks] = [await recorded(), delivered()];
      await pollUntil(async () => [await recorded(), delivered()], ([r, d]) => r > rows + 8 && d > hooks + 8, { timeoutMs: 60_000, what });
    };
    const restartInProcess = async () => {
      await inProcess!.close();
      epoch++;
      inProcess = await bootstrapAlerter(stack.config);
      stack.workers[0] = inProcess;
    };

    await progress('the first alerts');
    // two graceful restarts, back to back
    await restartInProcess();
    await progress('alerts after the first restart');
    await restartInProcess();
    await progress('alerts after the second restart');
    // stopped while statements pile up, then started again
    await inProcess!.close();
    epoch++;
    const sentWhileDown = sent;
    await pollUntil(async () => sent, (n) => n >= sentWhileDown + 40, { what: 'statements sent while the alerter is down' });
    inProcess = await bootstrapAlerter(stack.config);
    stack.workers[0] = inProcess;
    await progress('alerts after the stop');

    // a real process, SIGKILLed wherever it is, KILLS times; each replacement joins while the
    // killed member still holds its partitions until the session timeout
    await inProcess.close();
    inProcess = null;
    stack.workers.splice(0, 1);
    const childEnv = {
      ...process.env,
      DATABASE_URL: stack.db.url,
      KAFKA_BROKERS: stack.config.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: stack.config.topicPrefix,
      SSRF_ALLOWLIST: '127.0.0.1,::1',
      ...env,
    };
    for (let round = 0; round < KILLS; round++) {
      epoch++;
      child = spawn(process.execPath, [ALERTER_MAIN], { env: childEnv, stdio: ['ignore', 'ignore', 'inherit'] });
      await progress(`alerts from process ${round}`);
      await new Promise((r) => setTimeout(r, 40 + round * 70));
      killedEpochs.add(epoch);
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      child = null;
    }

    // the last run, in-process again; then the stream stops and everything must drain
    epoch++;
    inProcess = await bootstrapAlerter(stack.config);
    stack.workers.unshift(inProcess);
    await progress('alerts after the last kill');
    sending = false;
    await sender;
    const statements = sent;

    // a row leased by a killed worker comes back after its lease (60 s); wait until none is left
    await pollUntil(
      async () => (await dataSource.query(`SELECT count(*) FILTER (WHERE status = 'delivered') AS delivered, count(*) AS total FROM alert_deliveries WHERE subscription_id = $1`, [everything]))[0],
      (row: { delivered: string; total: string }) => Number(row.total) === statements && Number(row.delivered) === statements,
      { timeoutMs: 150_000, intervalMs: 250, what: `all ${statements} statement alerts recorded and delivered` },
    );
    const changes: { event_id: string }[] = await dataSource.query(`SELECT event_id FROM event_store WHERE type = 'position-changed' AND NOT (body->'payload'->>'historical')::boolean`);
    await pollUntil(
      async () => (await dataSource.query(`SELECT count(*) FILTER (WHERE status = 'delivered') AS delivered, count(*) AS total FROM alert_deliveries WHERE subscription_id = $1`, [moves]))[0],
      (row: { delivered: string; total: string }) => Number(row.total) === changes.length && Number(row.delivered) === changes.length,
      { timeoutMs: 90_000, intervalMs: 250, what: `all ${changes.length} stance-move alerts recorded and delivered` },
    );
    // every row delivered means every 2xx has been answered and recorded: nothing is left to arrive

    const rows: { id: string; subscription_id: string; event_id: string; change_id: string | null }[] = await dataSource.query(
      `SELECT id, subscription_id, payload->'event'->>'eventId' AS event_id, payload->'stance'->>'changeEventId' AS change_id FROM alert_deliveries`,
    );
    const ok = received.filter((r) => r.answered < 300);
    const okCount = new Map<string, Received[]>();
    for (const r of ok) okCount.set(r.deliveryId, [...(okCount.get(r.deliveryId) ?? []), r]);
    const duplicates = [...okCount.values()].filter((rs) => rs.length > 1);
    const summary = {
      statements,
      reports: statements + Math.ceil(statements / 4),
      stanceMoves: changes.length,
      restartsInProcess: 3,
      kills: killedEpochs.size,
      requests: received.length,
      retriedAfter503: received.filter((r) => r.answered === 503).length,
      deliveredIds: okCount.size,
      resentAfterKill: duplicates.length,
    };
    console.log(`alerts-restart: ${JSON.stringify(summary)}`);

    expect(received.every((r) => r.signed)).toBe(true);
    // one recorded alert per statement (corroborations stay quiet) and per live stance move
    expect(new Set(rows.filter((r) => r.subscription_id === everything).map((r) => r.event_id)).size).toBe(statements);
    expect(new Set(rows.filter((r) => r.subscription_id === moves).map((r) => r.change_id))).toEqual(new Set(changes.map((c) => c.event_id)));
    // none missing: every recorded delivery reached the receiver with a 2xx, nothing else did
    expect(new Set(okCount.keys())).toEqual(new Set(rows.map((r) => r.id)));
    // none repeated: one delivery id per statement and per stance move…
    const idsPerStatement = new Map<string, Set<string>>();
    for (const r of ok.filter((r) => r.subscriptionId === everything)) idsPerStatement.set(r.eventId, (idsPerStatement.get(r.eventId) ?? new Set()).add(r.deliveryId));
    expect([...idsPerStatement.values()].filter((ids) => ids.size > 1)).toEqual([]);
    expect(idsPerStatement.size).toBe(statements);
    const idsPerMove = new Map<string, Set<string>>();
    for (const r of ok.filter((r) => r.subscriptionId === moves)) idsPerMove.set(r.changeEventId!, (idsPerMove.get(r.changeEventId!) ?? new Set()).add(r.deliveryId));
    expect([...idsPerMove.values()].filter((ids) => ids.size > 1)).toEqual([]);
    // …and each acknowledged once, except a send a SIGKILL cut off between the 2xx and recording it,
    // which comes again with the same delivery id (the receiver's idempotency key)
    for (const rs of duplicates) expect(killedEpochs.has(rs[0].epoch)).toBe(true);
    expect(duplicates.length).toBeLessThanOrEqual(KILLS * 50);
  }, 420_000);
});
