// The API's read cache against a real Postgres and the real projector: a projector commit empties
// it (the next read serves the new stance), writes nobody announced are not seen while it holds a
// response, and with its LISTEN connection gone every read goes to Postgres until it is back.
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { positionEventsV1 } from '@stancewatch/contracts';
import { MessageProducer } from '@stancewatch/messaging';
import { pollUntil } from '../../../../tests/support/poll-until';
import { positionEvent } from '../../../../tests/support/position-events';
import { ReadStack, startReadStack } from '../../../../tests/support/read-stack';
import { ReadModelCache } from './read-cache';

const KEY = 'read-cache-admin-key-0123456789';
const ISSUE = 'ukraine-security-force';

describe('API read cache', () => {
  let stack: ReadStack;
  let api: NestFastifyApplication;
  let producer: MessageProducer;
  let sql: Client;
  let url: string;

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, { headers: { 'x-api-key': KEY, ...headers }, signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : null };
  };
  const frStance = async () => (await get('/api/v1/actors/FR/positions')).body.items.find((p: { issue: string }) => p.issue === ISSUE);
  const cache = () => api.get(ReadModelCache);

  beforeAll(async () => {
    stack = await startReadStack('read-cache', { ADMIN_API_KEY: KEY });
    ({ api, producer, sql, url } = stack);
  });

  afterAll(() => stack?.stop());

  it('serves what the projector committed last, right after the commit', async () => {
    expect(cache().active).toBe(true);
    await producer.send(positionEventsV1, [
      positionEvent({ type: 'pledge-considered', actor: 'FR', statedOn: '2026-01-05', evidence: 'France is considering sending troops to Ukraine.', article: 'rc-1' }),
    ]);
    await pollUntil(() => sql.query(`SELECT stance FROM rm_current_positions WHERE actor = 'FR'`), (r) => r.rows[0]?.stance === 'considering', { what: 'FR considering in Postgres' });
    // the commit's notification may still be on its way; after it, FR reads as considering from then on
    await pollUntil(frStance, (p) => p?.stance === 'considering', { what: 'FR considering from the API', timeoutMs: 2000, intervalMs: 10 });
    const first = await get('/api/v1/actors/FR/positions');
    expect(first.etag).toMatch(/^"[\w-]+"$/);
    expect((await get('/api/v1/actors/FR/positions', { 'if-none-match': first.etag! })).status).toBe(304);

    // a write nobody announces is not seen: the response comes from the cache, not from a timer
    await sql.query(`UPDATE rm_current_positions SET source_count = 99 WHERE actor = 'FR'`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await frStance()).sourceCount).toBe(1);

    await producer.send(positionEventsV1, [
      positionEvent({ type: 'pledge-announced', actor: 'FR', statedOn: '2026-01-08', quantity: { value: 6000, unit: 'troops', text: '6,000 troops' }, evidence: 'France will send 6,000 troops to Ukraine as part of the reassurance force once a ceasefire holds, the president told reporters in Paris on Thursday, adding that the deployment would last as long as needed.', article: 'rc-2' }),
    ]);
    await pollUntil(() => sql.query(`SELECT stance FROM rm_current_positions WHERE actor = 'FR'`), (r) => r.rows[0]?.stance === 'committed', { what: 'FR committed in Postgres' });
    // right after the commit: within a notification's delivery, not a cache lifetime
    const started = Date.now();
    const now = await pollUntil(frStance, (p) => p?.stance === 'committed', { what: 'FR committed from the API', timeoutMs: 1000, intervalMs: 5 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(now).toMatchObject({ stance: 'committed', since: '2026-01-08' });
    // the old ETag no longer matches: the caller gets the new body
    const after = await get('/api/v1/actors/FR/positions', { 'if-none-match': first.etag! });
    expect(after.status).toBe(200);
    expect(after.etag).not.toBe(first.etag);
    // and the event list, cached as well, has the new report at the top
    const events = await get('/api/v1/events?actor=FR&limit=1');
    expect(events.body.items[0]).toMatchObject({ type: 'pledge-announced', articleId: 'rc-2' });

    // a cached body of 1 kB or more goes gzipped to clients that accept it, as its own representation
    const plain = await fetch(`${url}/api/v1/events?actor=FR`, { headers: { 'x-api-key': KEY, 'accept-encoding': 'identity' } });
    const plainText = await plain.text();
    expect(plainText.length).toBeGreaterThan(1024);
    const zipped = await fetch(`${url}/api/v1/events?actor=FR`, { headers: { 'x-api-key': KEY, 'accept-encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('accept-encoding');
    expect(zipped.headers.get('etag')).toBe(`${plain.headers.get('etag')!.slice(0, -1)}-gzip"`);
    expect(await zipped.text()).toBe(plainText); // fetch unzips
    const again = await fetch(`${url}/api/v1/events?actor=FR`, { headers: { 'x-api-key': KEY, 'accept-encoding': 'gzip', 'if-none-match': zipped.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('reads Postgres on every request while its LISTEN connection is down, and caches again once it is back', async () => {
    await frStance();
    await frStance();
    await sql.query(`UPDATE rm_current_positions SET source_count = 41 WHERE actor = 'FR'`);
    expect((await frStance()).sourceCount).not.toBe(41); // cached: nobody announced the write

    await sql.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'stancewatch-api-read-cache'`);
    await pollUntil(async () => cache().active, (active) => !active, { what: 'the listener noticing it is gone', timeoutMs: 5000, intervalMs: 5 });
    // the listener retries after a second; everything below happens inside that second
    expect((await frStance()).sourceCount).toBe(41);
    await sql.query(`UPDATE rm_current_positions SET source_count = 42 WHERE actor = 'FR'`);
    expect((await frStance()).sourceCount).toBe(42);
    await sql.query(`UPDATE rm_current_positions SET source_count = 43 WHERE actor = 'FR'`);
    expect((await frStance()).sourceCount).toBe(43);
    expect(cache().active).toBe(false); // else the reads above did not test the bypass
    expect(cache().size).toBe(0);

    await pollUntil(async () => cache().active, (active) => active, { what: 'the listener reconnecting', timeoutMs: 15_000, intervalMs: 20 });
    expect((await frStance()).sourceCount).toBe(43);
    await sql.query(`UPDATE rm_current_positions SET source_count = 44 WHERE actor = 'FR'`);
    expect((await frStance()).sourceCount).toBe(43); // cached again
    // an announced write (as the projector or a rebuild switch makes) is seen at once
    await sql.query(`BEGIN; UPDATE rm_current_positions SET source_count = 45 WHERE actor = 'FR'; NOTIFY stancewatch_read_models_changed; COMMIT`);
    await pollUntil(frStance, (p) => p.sourceCount === 45, { what: 'the announced write', timeoutMs: 1000, intervalMs: 5 });
  });
});
