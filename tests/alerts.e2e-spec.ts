// Alerts end to end on the real stack: an analyst's webhook and SSE subscriptions, an article
// arriving through a local feed, a signed webhook with the evidence, the same alert on the SSE
// stream, no second alert for the same story in another feed, retries until a failing receiver
// recovers, and failed deliveries listed and retried through the API. Loopback only.
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { ApiKeyRepository } from '@stancewatch/persistence';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../apps/alerter/src/signing';
import { pollUntil } from './support/poll-until';
import { startStack, Stack, TEST_ADMIN_KEY } from './support/stack';

const EVIDENCE =
  'Norway will send 400 troops to Ukraine to train Ukrainian forces, Defence Minister Tore O. Sandvik announced on Tuesday.';

function rss(base: string, id: string, extra: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Wire ${id}</title><link>${base}/</link><description>Test wire ${id}</description>
<item>
  <title>Norway to send 400 troops to Ukraine</title>
  <link>${base}/${id}/articles/norway-troops</link>
  <guid isPermaLink="false">${id}-2026-0117</guid>
  <pubDate>Thu, 15 Jan 2026 09:30:00 GMT</pubDate>
  <description><![CDATA[<p>${EVIDENCE}</p><p>${extra}</p>]]></description>
</item>
</channel></rss>`;
}

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  answered: number;
}

/** A webhook receiver on 127.0.0.1 that answers `status()` to each request and records it. */
async function receiver(status: (n: number) => number): Promise<{ url: string; requests: Received[]; server: Server }> {
  const requests: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const answered = status(requests.length + 1);
      requests.push({ headers: req.headers, body, answered });
      res.writeHead(answered, { 'content-type': 'text/plain' });
      res.end(answered < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/stancewatch`, requests, server };
}

/** Reads an SSE response until `count` alert events have arrived. */
async function readAlerts(response: Response, count: number, timeoutMs = 30_000): Promise<{ id: string; data: Record<string, unknown> }[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: { id: string; data: Record<string, unknown> }[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (events.length < count) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} SSE alerts; got ${events.length}: ${buffer}`);
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':') && l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
      if (fields.event === 'alert') events.push({ id: fields.id, data: JSON.parse(fields.data) });
    }
  }
  return events;
}

describe('alerts: feed → extractor → alerter → webhook and SSE', () => {
  let stack: Stack;
  let feedServer: Server;
  let base: string;
  let analystKey: string;
  let otherAnalystKey: string;
  const receivers: Server[] = [];
  const streams: AbortController[] = [];

  beforeAll(async () => {
    feedServer = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      if (req.url === '/a.xml') res.end(rss(base, 'ndw', 'The deployment is the largest training mission abroad since 2014, officials in Oslo said.'));
      else res.end(rss(base, 'bnn', 'Opposition parties in the Storting welcomed the decision, the broadcaster reported.'));
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
    // a short retry schedule: 100 ms, 200 ms, 400 ms… and give up after 3 s
    stack = await startStack('alerts', { WEBHOOK_RETRY_BASE_MS: '100', WEBHOOK_RETRY_MAX_SECONDS: '3' });
    const keys = stack.api.get(ApiKeyRepository);
    analystKey = (await keys.create('analyst one', 'analyst')).key;
    otherAnalystKey = (await keys.create('analyst two', 'analyst')).key;
  });

  afterAll(async () => {
    for (const stream of streams) stream.abort();
    await stack?.stop();
    for (const server of [feedServer, ...receivers]) await new Promise((resolve) => server?.close(resolve));
  });

  const call = (key: string | null, path: string, init: RequestInit = {}) =>
    fetch(`${stack.apiUrl}${path}`, { ...init, headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...(key ? { 'x-api-key': key } : {}), ...(init.headers ?? {}) } });
  const subscribe = async (key: string, body: object) => {
    const res = await call(key, '/api/v1/subscriptions', { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; secret?: string };
  };
  const openStream = (key: string, lastEventId?: string) => {
    const abort = new AbortController();
    streams.push(abort);
    return call(key, '/api/v1/stream', { signal: abort.signal, headers: { accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) } });
  };

  it('refuses bad subscriptions: 401, 400 naming the field, SSRF, 404 and 403', async () => {
    expect((await call(null, '/api/v1/subscriptions')).status).toBe(401);
    expect((await call(null, '/api/v1/stream')).status).toBe(401);

    const noUrl = await call(analystKey, '/api/v1/subscriptions', { method: 'POST', body: JSON.stringify({ name: 'x', channel: { type: 'webhook' } }) });
    expect(noUrl.status).toBe(400);
    expect(((await noUrl.json()) as { message: string }).message).toMatch(/channel\.url/);

    const badFilter = await call(analystKey, '/api/v1/subscriptions', {
      method: 'POST',
      body: JSON.stringify({ name: 'x', filter: { minConfidence: 2, eventTypes: ['pledge-maybe'], quantities: [{ unit: 'troops' }] }, channel: { type: 'sse' } }),
    });
    expect(badFilter.status).toBe(400);
    const badFilterBody = (await badFilter.json()) as { message: string };
    expect(badFilterBody.message).toMatch(/filter\.minConfidence/);
    expect(badFilterBody.message).toMatch(/filter\.eventTypes/);
    expect(badFilterBody.message).toMatch(/filter\.quantities\.0\.min/);

    const internal = await call(analystKey, '/api/v1/subscriptions', { method: 'POST', body: JSON.stringify({ name: 'x', channel: { type: 'webhook', url: 'http://10.0.0.7/hook' } }) });
    expect(internal.status).toBe(400);
    expect(((await internal.json()) as { message: string }).message).toMatch(/channel\.url: refused by the SSRF guard/);

    const missing = await call(analystKey, '/api/v1/subscriptions/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toMatch(/subscription 00000000-0000-4000-8000-000000000000 not found/);

    const mine = await subscribe(analystKey, { name: 'mine', channel: { type: 'sse' } });
    expect(mine.secret).toBeUndefined();
    expect((await call(otherAnalystKey, `/api/v1/subscriptions/${mine.id}`)).status).toBe(403);
    expect((await call(otherAnalystKey, `/api/v1/subscriptions/${mine.id}/deliveries`)).status).toBe(403);
    expect((await call(otherAnalystKey, `/api/v1/subscriptions/${mine.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await call(TEST_ADMIN_KEY, `/api/v1/subscriptions/${mine.id}`)).status).toBe(200);
    const othersList = (await (await call(otherAnalystKey, '/api/v1/subscriptions')).json()) as { items: unknown[] };
    expect(othersList.items).toHaveLength(0);
    expect((await call(analystKey, `/api/v1/subscriptions/${mine.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('alerts once, signed, with the evidence, on the webhook and the stream; retries a failing receiver; no re-alert for the same story', async () => {
    const good = await receiver(() => 200);
    const flaky = await receiver((n) => (n <= 3 ? 503 : 200));
    let downForGood = true;
    const down = await receiver(() => (downForGood ? 500 : 204));
    receivers.push(good.server, flaky.server, down.server);

    const filter = { actors: ['NO'], eventTypes: ['pledge-announced'], quantities: [{ unit: 'troops', min: 100 }] };
    const hook = await subscribe(analystKey, { name: 'Norwegian troop pledges', filter, channel: { type: 'webhook', url: good.url } });
    expect(hook.secret).toMatch(/^whsec_/);
    const flakyHook = await subscribe(analystKey, { name: 'flaky', filter, channel: { type: 'webhook', url: flaky.url } });
    const downHook = await subscribe(analystKey, { name: 'down', filter, channel: { type: 'webhook', url: down.url } });
    await subscribe(analystKey, { name: 'big pledges only', filter: { ...filter, quantities: [{ unit: 'troops', min: 1000 }] }, channel: { type: 'webhook', url: good.url } });
    await subscribe(analystKey, { name: 'stream', filter, channel: { type: 'sse' } });
    const stream = await openStream(analystKey);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const streamed = readAlerts(stream, 1);

    expect((await call(TEST_ADMIN_KEY, '/api/v1/feeds', { method: 'POST', body: JSON.stringify({ url: `${base}/a.xml`, intervalSeconds: 60 }) })).status).toBe(201);

    await pollUntil(async () => good.requests.length, (n) => n >= 1, { timeoutMs: 60_000, what: 'the webhook alert' });
    const [alert] = good.requests;
    const body = JSON.parse(alert.body);
    expect(verifySignature(hook.secret!, { signature: String(alert.headers[SIGNATURE_HEADER]), timestamp: String(alert.headers[TIMESTAMP_HEADER]) }, alert.body)).toBe(true);
    expect(verifySignature(flakyHook.secret!, { signature: String(alert.headers[SIGNATURE_HEADER]), timestamp: String(alert.headers[TIMESTAMP_HEADER]) }, alert.body)).toBe(false);
    expect(alert.headers[DELIVERY_HEADER]).toBe(body.deliveryId);
    expect(body).toMatchObject({ kind: 'statement', subscriptionId: hook.id, evidence: EVIDENCE, event: { type: 'pledge-announced', actor: 'NO', quantity: { value: 400, unit: 'troops' } } });
    expect(body.sources).toEqual([expect.objectContaining({ url: `${base}/ndw/articles/norway-troops` })]);

    const [sse] = await streamed;
    expect(sse.data).toMatchObject({ kind: 'statement', evidence: EVIDENCE, event: { eventId: body.event.eventId } });

    // the flaky receiver: three 503s, then one 200, and nothing after it
    await pollUntil(async () => flaky.requests.filter((r) => r.answered === 200).length, (n) => n === 1, { timeoutMs: 30_000, what: 'the flaky receiver to get it' });
    expect(flaky.requests.map((r) => r.answered)).toEqual([503, 503, 503, 200]);
    expect(new Set(flaky.requests.map((r) => r.headers[DELIVERY_HEADER])).size).toBe(1);
    const flakyDeliveries = (await (await call(analystKey, `/api/v1/subscriptions/${flakyHook.id}/deliveries`)).json()) as { items: Array<Record<string, unknown>> };
    expect(flakyDeliveries.items).toEqual([expect.objectContaining({ status: 'delivered', attempts: 4, lastStatus: 200 })]);

    // the receiver that stays down: failed after the retry horizon, listed, and retried by hand
    const failed = await pollUntil(
      async () => ((await (await call(analystKey, `/api/v1/subscriptions/${downHook.id}/deliveries?status=failed`)).json()) as { items: Array<{ id: string; lastError: string }> }).items,
      (items) => items.length === 1,
      { timeoutMs: 30_000, what: 'a failed delivery' },
    );
    expect(failed[0].lastError).toMatch(/HTTP 500/);
    downForGood = false;
    const retried = await call(analystKey, `/api/v1/subscriptions/${downHook.id}/deliveries/${failed[0].id}/retry`, { method: 'POST' });
    expect(retried.status).toBe(202);
    await pollUntil(async () => down.requests.filter((r) => r.answered === 204).length, (n) => n === 1, { timeoutMs: 15_000, what: 'the retried delivery' });
    expect((await call(otherAnalystKey, `/api/v1/subscriptions/${downHook.id}/deliveries/${failed[0].id}/retry`, { method: 'POST' })).status).toBe(403);
    expect((await call(analystKey, `/api/v1/subscriptions/${downHook.id}/deliveries/00000000-0000-4000-8000-000000000000/retry`, { method: 'POST' })).status).toBe(404);

    // the same story from another wire: the alerter sees it as the same statement and stays quiet
    expect((await call(TEST_ADMIN_KEY, '/api/v1/feeds', { method: 'POST', body: JSON.stringify({ url: `${base}/b.xml`, intervalSeconds: 60 }) })).status).toBe(201);
    const dataSource = stack.api.get(DataSource);
    await pollUntil(
      async () => (await dataSource.query(`SELECT (occurrence->>'sourceCount')::int AS n FROM alert_occurrences WHERE occurrence_id = $1`, [body.event.eventId]))[0]?.n,
      (n) => n === 2,
      { timeoutMs: 60_000, what: 'the second report to be folded into the same occurrence' },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(good.requests).toHaveLength(1);
    const deliveries = (await (await call(analystKey, `/api/v1/subscriptions/${hook.id}/deliveries`)).json()) as { items: unknown[] };
    expect(deliveries.items).toHaveLength(1);

    // a reconnecting stream replays from Last-Event-ID
    const resumed = await openStream(analystKey, '0');
    const replayed = await readAlerts(resumed, 1);
    expect(replayed[0]).toEqual(sse);
  });
});
