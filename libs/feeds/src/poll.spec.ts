import { gzipSync } from 'node:zlib';
import { DEFAULT_SCHEDULE_POLICY, HttpFetcher, SsrfGuard, nextCheck, pollFeed, type PollResult } from '@stancewatch/feeds';
import { FEED_FIXTURES, readFixture } from '@stancewatch/feeds/testing/fixtures';
import { startLoopbackServer, type LoopbackServer } from '@stancewatch/feeds/testing/loopback-server';

const ENTITY_BOMB = (() => {
  const defs = ['<!ENTITY a0 "dangerdanger">'];
  for (let i = 1; i <= 12; i++) defs.push(`<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?><!DOCTYPE rss [${defs.join('')}]><rss version="2.0"><channel><title>&a12;</title></channel></rss>`;
})();

describe('pollFeed over a loopback server', () => {
  let server: LoopbackServer;
  let fetcher: HttpFetcher;
  let hits = 0;

  beforeAll(async () => {
    const fixtures = new Map(FEED_FIXTURES.map((name) => [`/fixtures/${name}`, readFixture(name)]));
    server = await startLoopbackServer((req, res) => {
      hits++;
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const fixture = fixtures.get(path);
      if (fixture) {
        const etag = `"${path.length}-${fixture.length}"`;
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { etag, 'cache-control': 'max-age=900' });
          return res.end();
        }
        // A gzip-capable server, as most are; no charset in the Content-Type, as is common.
        const gzip = /gzip/.test(String(req.headers['accept-encoding']));
        res.writeHead(200, { 'content-type': 'application/xml', etag, 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT', ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
        return res.end(gzip ? gzipSync(fixture) : fixture);
      }
      switch (path) {
        case '/429':
          res.writeHead(429, { 'retry-after': '3600' });
          return res.end();
        case '/500':
          res.writeHead(500);
          return res.end('Internal Server Error');
        case '/410':
          res.writeHead(410);
          return res.end();
        case '/loop':
          res.writeHead(301, { location: '/loop2' });
          return res.end();
        case '/loop2':
          res.writeHead(301, { location: '/loop' });
          return res.end();
        case '/moved':
          res.writeHead(301, { location: '/fixtures/miniflux_rdf_UTF8.xml' });
          return res.end();
        case '/huge': {
          res.writeHead(200, { 'content-type': 'application/rss+xml' });
          const chunk = Buffer.alloc(256 * 1024, 0x20);
          const write = () => {
            while (!res.destroyed && res.write(chunk)) {
              /* keep writing until back-pressure */
            }
          };
          res.on('drain', write);
          return write();
        }
        case '/trickle': {
          res.writeHead(200, { 'content-type': 'application/rss+xml' });
          res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
          const timer = setInterval(() => res.write('<!-- -->'), 100);
          res.on('close', () => clearInterval(timer));
          return;
        }
        case '/malformed':
          res.writeHead(200, { 'content-type': 'application/rss+xml' });
          return res.end('<?xml version="1.0"?>\n<rss version="2.0">\n<channel><title>x</title><item></channel>\n</rss>');
        case '/bomb':
          res.writeHead(200, { 'content-type': 'application/rss+xml' });
          return res.end(ENTITY_BOMB);
        case '/html':
          res.writeHead(200, { 'content-type': 'text/html' });
          return res.end('<!doctype html><html><body>Welcome</body></html>');
        case '/to-metadata':
          res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
          return res.end();
        default:
          res.writeHead(404);
          return res.end();
      }
    });
    fetcher = new HttpFetcher({ guard: new SsrfGuard({ allowList: '127.0.0.0/8,::1' }), maxBodyBytes: 2 * 1024 * 1024, bodyTimeoutMs: 1000 });
  });
  afterAll(async () => {
    await fetcher.close();
    await server.close();
  });

  const poll = (path: string, validators = {}) => pollFeed(server.url(path), validators, { fetcher });

  describe('the shared fixtures', () => {
    it('UOL (Latin-1, Portuguese)', async () => {
      const r = await poll('/fixtures/rss-parser_uolNoticias.rss');
      expect(r.outcome).toBe('ok');
      expect(r.feed!.title).toBe('UOL Noticias');
      expect(r.articles).toHaveLength(15);
      expect(r.articles![0]).toMatchObject({
        title: 'Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno',
        publishedAt: '2018-09-24T22:42:40.000Z',
      });
      expect(r.articles![0].text).toMatch(/^Líder na pesquisa Ibope de intenção de voto para o primeiro turno/);
      expect(r.articles!.every((a) => a.publishedAt)).toBe(true);
      expect(JSON.stringify(r.articles)).not.toMatch(/Ã©|Ã£|Ã§|\ufffd/);
    });

    it('ibash (windows-1251, Cyrillic)', async () => {
      const r = await poll('/fixtures/miniflux_encoding_WINDOWS-1251.xml');
      expect(r.feed).toMatchObject({ title: 'iBash.Org.Ru', language: 'ru' });
      expect(r.articles).toHaveLength(50);
      expect(r.articles![0]).toMatchObject({ title: 'Цитата #17703', url: 'http://ibash.org.ru/quote.php?id=17703', language: 'ru' });
      expect(r.articles![0].text).toBe(
        'xxx: есть у кого жаба программер\nxxx: кот немного пхп знает?\nyyy: то что кот PHP немного знает, я бы ещё может поверил\nyyy: но вот жаба-программер - это ты по-моему загнул',
      );
      expect(JSON.stringify(r.articles)).not.toMatch(/[\u0080-\u009f]|\ufffd|Ð/);
    });

    it('heise (RDF, no dates, tracking parameters stripped)', async () => {
      const r = await poll('/fixtures/miniflux_rdf_UTF8.xml');
      expect(r.feed!.title).toBe('heise online News');
      expect(r.articles).toHaveLength(60);
      expect(r.articles!.every((a) => a.publishedAt === null && a.url && !a.url.includes('wt_mc'))).toBe(true);
      expect(r.articles![1].title).toBe('Mega-Deal: IBM übernimmt Red Hat');
    });

    it('Sam Ruby (Atom xhtml, relative links)', async () => {
      const r = await poll('/fixtures/feedjira_SamRuby.xml');
      expect(r.feed).toMatchObject({ title: 'Sam Ruby', link: server.url('/blog/') });
      expect(r.articles).toHaveLength(20);
      expect(r.articles![0]).toMatchObject({ title: 'Plex', url: server.url('/blog/2013/01/30/Plex'), publishedAt: '2013-01-30T18:12:03.000Z' });
      expect(r.articles![0].text).toMatch(/^Scott Hanselman: Plex is the media center/);
      expect(r.articles!.every((a) => a.publishedAt)).toBe(true);
    });

    it('Taverncast (131 items, duplicate GUID handled)', async () => {
      const r = await poll('/fixtures/rss-parser_itunes-missing-image.rss');
      expect(r.feed!.title).toBe('Taverncast - Happy Hour in Your Head - Since 2005');
      expect(r.articles).toHaveLength(131);
      expect(new Set(r.articles!.map((a) => a.id)).size).toBe(131);
      expect(r.articles!.every((a) => a.publishedAt)).toBe(true);
      const shared = r.articles!.filter((a) => a.guid === 'http://taverncast.com/shows/geekistry-2.mp3');
      expect(shared).toHaveLength(2);
      expect(shared[0].id).not.toBe(shared[1].id);
    });
  });

  it('304 flow: validators are sent, nothing is parsed, validators are kept', async () => {
    const first = await poll('/fixtures/miniflux_rdf_UTF8.xml');
    expect(first.http.etag).toBeTruthy();
    expect(first.http.lastModified).toBe('Mon, 01 Jan 2024 00:00:00 GMT');
    const second = await poll('/fixtures/miniflux_rdf_UTF8.xml', { etag: first.http.etag, lastModified: first.http.lastModified });
    expect(second).toMatchObject({ outcome: 'not-modified', http: { status: 304, etag: first.http.etag, lastModified: first.http.lastModified, maxAgeMs: 900_000, bytes: 0 } });
    expect(second.articles).toBeUndefined();
    expect(nextCheck({ intervalMs: 300_000, consecutiveFailures: 2 }, { outcome: second.outcome, maxAgeMs: second.http.maxAgeMs }, new Date(0), undefined, () => 0.5)).toMatchObject({
      delayMs: 900_000,
      consecutiveFailures: 0,
    });
  });

  it('429 with Retry-After → error, scheduled after the delay', async () => {
    const r = await poll('/429');
    expect(r).toMatchObject({ outcome: 'error', errorKind: 'http', error: 'HTTP 429 from server: too many requests, retrying in 60 min', http: { status: 429, retryAfterMs: 3_600_000 } });
    const d = nextCheck({ consecutiveFailures: 0 }, { outcome: r.outcome, status: r.http.status, retryAfterMs: r.http.retryAfterMs, error: r.error }, new Date(0), undefined, () => 0);
    expect(d).toMatchObject({ basis: 'retry-after', delayMs: 3_600_000 });
  });

  it('500 → error, then backoff, then disabled after N in a row', async () => {
    let state = { intervalMs: 600_000, consecutiveFailures: 0 };
    const delays: (number | null)[] = [];
    let last: PollResult | undefined;
    let disabledReason: string | null = null;
    for (let i = 0; i < 4; i++) {
      last = await poll('/500');
      const d = nextCheck(state, { outcome: last.outcome, status: last.http.status, error: last.error }, new Date(0), { ...DEFAULT_SCHEDULE_POLICY, maxConsecutiveFailures: 4 }, () => 0.5);
      delays.push(d.delayMs);
      disabledReason = d.disabledReason;
      state = { ...state, consecutiveFailures: d.consecutiveFailures };
    }
    expect(last).toMatchObject({ outcome: 'error', error: 'HTTP 500 from server', http: { status: 500 } });
    expect(delays).toEqual([600_000, 1_200_000, 2_400_000, null]);
    expect(disabledReason).toBe('stopped after 4 failures in a row: HTTP 500 from server');
  });

  it('410 → gone (and disabled by the schedule)', async () => {
    const r = await poll('/410');
    expect(r).toMatchObject({ outcome: 'gone', http: { status: 410 } });
    expect(nextCheck({ consecutiveFailures: 0 }, { outcome: r.outcome }).disabled).toBe(true);
  });

  it('redirect loop → error', async () => {
    const r = await poll('/loop');
    expect(r.outcome).toBe('error');
    expect(r.errorKind).toBe('redirect-loop');
    expect(r.error).toMatch(/^redirect loop: /);
  });

  it('a permanent redirect is reported so the subscription can move', async () => {
    const r = await poll('/moved');
    expect(r).toMatchObject({ outcome: 'ok', http: { status: 200, permanentlyMoved: true, finalUrl: server.url('/fixtures/miniflux_rdf_UTF8.xml') } });
  });

  it('body over the cap → error, connection dropped early', async () => {
    const r = await poll('/huge');
    expect(r).toMatchObject({ outcome: 'error', errorKind: 'too-large', error: 'response larger than 2 MiB' });
  });

  it('a trickling server times out', async () => {
    const r = await poll('/trickle');
    expect(r).toMatchObject({ outcome: 'error', errorKind: 'timeout-body', error: 'timed out reading the body after 1 s' });
  });

  it('malformed XML → a clear error on the feed', async () => {
    const r = await poll('/malformed');
    expect(r).toMatchObject({ outcome: 'error', errorKind: 'parse' });
    expect(r.error).toMatch(/^not a feed: malformed XML at line 3 \(/);
  });

  it('an entity bomb is refused without expanding it', async () => {
    const before = process.memoryUsage().heapUsed;
    const started = Date.now();
    const r = await poll('/bomb');
    expect(r).toMatchObject({ outcome: 'error', errorKind: 'parse' });
    expect(r.error).toMatch(/declares XML entities/);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('an HTML page instead of a feed', async () => {
    expect((await poll('/html')).error).toBe('not a feed: got an HTML page, not RSS or Atom');
  });

  it('SSRF: a redirect to the metadata address is refused', async () => {
    const r = await poll('/to-metadata');
    expect(r).toMatchObject({ outcome: 'error', errorKind: 'blocked' });
    expect(r.error).toMatch(/^address 169\.254\.169\.254 is link-local \(cloud metadata endpoint\) and not allowed$/);
  });

  it('SSRF: loopback is refused without the allow-list', async () => {
    const strict = new HttpFetcher({ guard: new SsrfGuard() });
    try {
      const before = hits;
      const r = await pollFeed(server.url('/fixtures/miniflux_rdf_UTF8.xml'), {}, { fetcher: strict });
      expect(r).toMatchObject({ outcome: 'error', errorKind: 'blocked', error: 'address 127.0.0.1 is loopback and not allowed' });
      expect(hits).toBe(before);
    } finally {
      await strict.close();
    }
  });
});
