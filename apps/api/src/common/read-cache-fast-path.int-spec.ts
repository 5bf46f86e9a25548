// The read cache's Fastify fast path against a real Postgres and the real projector: a hit it answers
// carries the bytes and headers the Nest path sent for the same request, its refusals (401, 403, 429)
// are the guard's, the rate limit counts its hits, a revoked key stops at once, a projector commit is
// seen right after it, and whatever it is not sure about reaches Nest. Which path answered is read from
// its counter on /metrics, so these tests fail if the hook is gone or falls through on hits.
import { IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { positionEventsV1 } from '@stancewatch/contracts';
import { MessageProducer } from '@stancewatch/messaging';
import { ApiKeyRepository, ApiRole } from '@stancewatch/persistence';
import { pollUntil } from '../../../../tests/support/poll-until';
import { positionEvent } from '../../../../tests/support/position-events';
import { ReadStack, startReadStack } from '../../../../tests/support/read-stack';
import { cacheKey, ReadModelCache } from './read-cache';

const ADMIN_KEY = 'fast-path-admin-key-0123456789';
const BURST = 150;
const POSITIONS = '/api/v1/actors/FR/positions';
const EVENTS = '/api/v1/events?actor=FR&limit=50';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Headers that differ between any two responses (time, request id, tokens left), left out of comparisons. */
function comparable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { date: _date, 'x-request-id': _id, 'x-ratelimit-remaining': _left, ...rest } = headers;
  return rest;
}

/** An error body without its request id, which is the one part two responses never share. */
const withoutId = (res: RawResponse) => ({ ...JSON.parse(res.body.toString()), requestId: undefined });

describe('API read cache fast path', () => {
  let stack: ReadStack;
  let api: NestFastifyApplication;
  let producer: MessageProducer;
  let sql: Client;
  let url: string;

  /** Bytes as sent (node:http does not unzip, unlike fetch). */
  const raw = (path: string, headers: Record<string, string> = {}) =>
    new Promise<RawResponse>((resolve, reject) => {
      const req = httpRequest(`${url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.setTimeout(10_000, () => req.destroy(new Error(`GET ${path} timed out`)));
      req.end();
    });
  /** The value of a metric's series that has all these labels, from /metrics (0 while it has none). */
  const metric = async (name: string, labels: Record<string, string>) => {
    const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  };
  /** Requests the fast path answered so far, by result. */
  const fastPath = async () => ({
    hit: await metric('stancewatch_api_read_cache_fast_path_total', { result: 'hit' }),
    refused: await metric('stancewatch_api_read_cache_fast_path_total', { result: 'refused' }),
  });
  const cache = () => api.get(ReadModelCache);
  const newKey = async (role: ApiRole = 'analyst') => (await api.get(ApiKeyRepository).create(`fast-path ${role}`, role)).key;
  const frStance = async (key: string) => JSON.parse((await raw(POSITIONS, { 'x-api-key': key })).body.toString()).items[0]?.stance;

  beforeAll(async () => {
    stack = await startReadStack('read-cache-fast', {
      ADMIN_API_KEY: ADMIN_KEY,
      // one token a minute: a key's burst is all it gets during a test
      RATE_LIMIT_PER_MINUTE: '1',
      RATE_LIMIT_BURST: String(BURST),
    });
    ({ api, producer, sql, url } = stack);
    // three reports with long sentences: the event page is over 1 kB, so it also goes gzipped
    const evidence = (n: number) => `France is considering sending troops to Ukraine (report ${n}), the defence minister said after a meeting of the coalition of the willing in Paris, where partners discussed a reassurance force for after a ceasefire.`;
    await producer.send(
      positionEventsV1,
      [1, 2, 3].map((n) => positionEvent({ type: 'pledge-considered', actor: 'FR', statedOn: `2026-01-0${n}`, evidence: evidence(n), article: `fp-${n}` })),
    );
    // nothing has been read yet, so no response from before these commits can be cached
    await pollUntil(() => sql.query(`SELECT count(*)::int AS n FROM rm_events WHERE actor = 'FR'`), (r) => r.rows[0].n === 3, { what: 'three FR events in Postgres' });
    await pollUntil(() => sql.query(`SELECT stance FROM rm_current_positions WHERE actor = 'FR'`), (r) => r.rows[0]?.stance === 'considering', { what: 'FR considering in Postgres' });
    expect(cache().active).toBe(true);
  });

  afterAll(() => stack?.stop());

  it('answers a repeated read itself, with the bytes and headers the Nest path sent, plain and gzipped', async () => {
    const key = await newKey();
    for (const path of [POSITIONS, EVENTS]) {
      const encodings: Record<string, string>[] = [{}, { 'accept-encoding': 'gzip, deflate, br' }];
      for (const encoding of encodings) {
        cache().invalidate();
        const headers = { 'x-api-key': key, ...encoding };
        const before = await fastPath();
        const nest = await raw(path, headers);
        expect(await fastPath()).toEqual(before); // a miss: Nest answered and stored it
        expect(cache().peek(cacheKey(path))?.access).toEqual({ public: false, roles: ['admin', 'analyst'] });
        const fast = await raw(path, { ...headers, 'x-request-id': 'fast-path-1' });
        expect(await fastPath()).toEqual({ ...before, hit: before.hit + 1 });

        expect(nest.status).toBe(200);
        expect(fast.status).toBe(200);
        expect(fast.body.equals(nest.body)).toBe(true);
        expect(comparable(fast.headers)).toEqual(comparable(nest.headers));
        expect(fast.headers['x-request-id']).toBe('fast-path-1');
        // the same bucket: the hit spent the token after the one the Nest read spent
        expect(Number(fast.headers['x-ratelimit-remaining'])).toBe(Number(nest.headers['x-ratelimit-remaining']) - 1);
      }
    }
    // the gzip rows above did compare gzipped bodies
    const zipped = await raw(EVENTS, { 'x-api-key': key, 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.etag).toMatch(/-gzip"$/);
  });

  it('answers If-None-Match with a 304 itself, for each representation', async () => {
    const key = await newKey();
    const plain = await raw(EVENTS, { 'x-api-key': key });
    const zipped = await raw(EVENTS, { 'x-api-key': key, 'accept-encoding': 'gzip' });
    const before = await fastPath();
    const timed = { name: 'stancewatch_http_request_duration_seconds_count', labels: { method: 'GET', route: '/api/v1/events', status: '304' } };
    const timedBefore = await metric(timed.name, timed.labels);
    const notModified = await raw(EVENTS, { 'x-api-key': key, 'if-none-match': plain.headers.etag! });
    const zippedNotModified = await raw(EVENTS, { 'x-api-key': key, 'accept-encoding': 'gzip', 'if-none-match': zipped.headers.etag! });
    expect(await fastPath()).toEqual({ ...before, hit: before.hit + 2 });
    // the onResponse hook (request log line and timing) ran for both, under the route pattern
    expect(await metric(timed.name, timed.labels)).toBe(timedBefore + 2);
    for (const res of [notModified, zippedNotModified]) {
      expect(res.status).toBe(304);
      expect(res.body.length).toBe(0);
      expect(res.headers['content-type']).toBeUndefined();
    }
    expect(notModified.headers.etag).toBe(plain.headers.etag);
    expect(zippedNotModified.headers.etag).toBe(zipped.headers.etag);
    // the other representation's tag does not match
    expect((await raw(EVENTS, { 'x-api-key': key, 'if-none-match': zipped.headers.etag! })).status).toBe(200);
  });

  it('refuses a cached URL without a key with the 401 the guard gives, and leaves unknown keys to the guard', async () => {
    const key = await newKey();
    cache().invalidate();
    const nest = await raw(POSITIONS);
    await raw(POSITIONS, { 'x-api-key': key }); // stored
    const before = await fastPath();
    const fast = await raw(POSITIONS);
    expect(await fastPath()).toEqual({ ...before, refused: before.refused + 1 });
    expect(nest.status).toBe(401);
    expect(fast.status).toBe(401);
    expect(withoutId(fast)).toEqual(withoutId(nest));
    expect(withoutId(fast).message).toMatch(/missing API key/);
    expect(JSON.parse(fast.body.toString()).requestId).toBe(fast.headers['x-request-id']);
    expect(comparable(fast.headers)).toEqual(comparable(nest.headers));

    // a key it has not seen lately needs Postgres: the guard looks it up and refuses it
    const unknown = await raw(POSITIONS, { 'x-api-key': 'not-a-key-0123456789' });
    expect(unknown.status).toBe(401);
    expect(withoutId(unknown).message).toBe('invalid or revoked API key');
    expect(await fastPath()).toEqual({ ...before, refused: before.refused + 1 });
  });

  it("refuses a key whose role the cached route's handler does not admit with the guard's 403", async () => {
    // every cached route admits both roles today, so an admin-only route's response is stored by hand
    const analyst = await newKey('analyst');
    const admin = await newKey('admin');
    const nest = await raw('/api/v1/keys', { 'x-api-key': analyst });
    expect((await raw('/api/v1/keys', { 'x-api-key': admin })).status).toBe(200); // the guard has looked the admin key up
    cache().store(cacheKey('/api/v1/keys'), cache().currentGeneration, { items: [] }, { public: false, roles: ['admin'] });
    try {
      const before = await fastPath();
      const fast = await raw('/api/v1/keys', { 'x-api-key': analyst });
      expect(await fastPath()).toEqual({ ...before, refused: before.refused + 1 });
      expect(nest.status).toBe(403);
      expect(fast.status).toBe(403);
      expect(withoutId(fast)).toEqual(withoutId(nest));
      expect(comparable(fast.headers)).toEqual(comparable(nest.headers));
      // the guard took a token before refusing the role, and so did the fast path
      expect(Number(fast.headers['x-ratelimit-remaining'])).toBe(Number(nest.headers['x-ratelimit-remaining']) - 1);
      const allowed = await raw('/api/v1/keys', { 'x-api-key': admin });
      expect(allowed.status).toBe(200);
      expect(JSON.parse(allowed.body.toString())).toEqual({ items: [] });
      expect(await fastPath()).toEqual({ hit: before.hit + 1, refused: before.refused + 1 });
    } finally {
      cache().invalidate();
    }
  });

  it("spends the key's rate-limit tokens on hits and answers 429 like the guard once they are gone", async () => {
    const key = await newKey();
    await raw(POSITIONS, { 'x-api-key': key }); // hit or miss, one token
    const before = await fastPath();
    const statuses: number[] = [];
    let limited: RawResponse | undefined;
    for (let i = 0; i < BURST + 1; i++) {
      const res = await raw(POSITIONS, { 'x-api-key': key });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(BURST - 1);
    expect(statuses.slice(BURST - 1)).toEqual([429, 429]);
    expect(await fastPath()).toEqual({ hit: before.hit + BURST - 1, refused: before.refused + 2 });
    // the guard's 429 for the same key on a route the cache does not serve
    const nest = await raw('/api/v1/articles', { 'x-api-key': key });
    expect(nest.status).toBe(429);
    expect(limited!.headers['retry-after']).toBe(nest.headers['retry-after']);
    expect(withoutId(limited!)).toEqual(withoutId(nest));
    expect(comparable(limited!.headers)).toEqual(comparable(nest.headers));
  });

  it('stops serving a revoked key at once', async () => {
    const { key, entity } = await api.get(ApiKeyRepository).create('fast-path revoked', 'analyst');
    await raw(POSITIONS, { 'x-api-key': key });
    const before = await fastPath();
    expect((await raw(POSITIONS, { 'x-api-key': key })).status).toBe(200);
    expect((await fastPath()).hit).toBe(before.hit + 1);
    const revoke = await fetch(`${url}/api/v1/keys/${entity.id}`, { method: 'DELETE', headers: { 'x-api-key': ADMIN_KEY }, signal: AbortSignal.timeout(10_000) });
    expect(revoke.status).toBe(204);
    const refused = await raw(POSITIONS, { 'x-api-key': key });
    expect(refused.status).toBe(401);
    expect(withoutId(refused).message).toBe('invalid or revoked API key');
    expect((await fastPath()).hit).toBe(before.hit + 1);
  });

  it('leaves requests that fail validation, and misses, to Nest', async () => {
    const key = await newKey();
    const before = await fastPath();
    for (const path of ['/api/v1/events?actor=FR&limit=50&bogus=1', '/api/v1/events?actor=FR&limit=0', '/api/v1/actors/F!/positions']) {
      const first = await raw(path, { 'x-api-key': key });
      const second = await raw(path, { 'x-api-key': key });
      expect(first.status).toBe(400);
      expect(second.status).toBe(400);
      expect(withoutId(second)).toEqual(withoutId(first));
      expect(cache().peek(cacheKey(path))).toBeUndefined();
    }
    expect(await fastPath()).toEqual(before);
  });

  it('serves what the projector committed last, right after the commit', async () => {
    const key = await newKey();
    const poller = await newKey();
    expect(await frStance(key)).toBe('considering');
    const before = await fastPath();
    expect(await frStance(key)).toBe('considering');
    expect((await fastPath()).hit).toBe(before.hit + 1);

    await producer.send(positionEventsV1, [
      positionEvent({ type: 'pledge-announced', actor: 'FR', statedOn: '2026-01-08', quantity: { value: 6000, unit: 'troops', text: '6,000 troops' }, evidence: 'France will send 6,000 troops to Ukraine as part of the reassurance force once a ceasefire holds, the president told reporters in Paris.', article: 'fp-4' }),
    ]);
    await pollUntil(() => sql.query(`SELECT stance FROM rm_current_positions WHERE actor = 'FR'`), (r) => r.rows[0]?.stance === 'committed', { what: 'FR committed in Postgres' });
    // within a notification's delivery of the commit, not a cache lifetime
    await pollUntil(() => frStance(poller), (stance) => stance === 'committed', { what: 'FR committed from the API', timeoutMs: 1000, intervalMs: 10 });
    const hits = (await fastPath()).hit;
    expect(await frStance(key)).toBe('committed');
    expect((await fastPath()).hit).toBe(hits + 1); // and that is cached again
  });
});
