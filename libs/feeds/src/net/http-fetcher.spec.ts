import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import {
  FetchError,
  HttpFetcher,
  cachingHeaders,
  formatBytes,
  formatDuration,
  parseMaxAge,
  parseRetryAfter,
} from '@stancewatch/feeds/net/http-fetcher';
import { SsrfGuard, type Resolver } from '@stancewatch/feeds/net/ssrf-guard';
import { startLoopbackServer, type LoopbackServer } from '@stancewatch/feeds/testing/loopback-server';

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>';

// Names only ever answered by this fake resolver; nothing here reaches real DNS.
const resolver: Resolver = async (hostname) => {
  if (hostname === 'intranet.example') return [{ address: '10.0.0.1', family: 4 }];
  if (hostname === 'loop.example') return [{ address: '127.0.0.1', family: 4 }];
  if (hostname === 'hangs.example') return new Promise(() => undefined);
  throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
};
const loopbackGuard = () => new SsrfGuard({ allowList: '127.0.0.0/8,::1', resolver });

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const err = await promise.then(
    () => null,
    (e) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe('HttpFetcher against a loopback server', () => {
  let server: LoopbackServer;
  let fetcher: HttpFetcher;
  const seen: { url: string; headers: Record<string, string | string[] | undefined> }[] = [];

  beforeAll(async () => {
    server = await startLoopbackServer(async (req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      const url = new URL(req.url ?? '/', 'http://x');
      switch (url.pathname) {
        case '/feed': {
          const etag = '"v1"';
          const lastModified = 'Wed, 21 Oct 2015 07:28:00 GMT';
          if (req.headers['if-none-match'] === etag || req.headers['if-modified-since'] === lastModified) {
            res.writeHead(304, { etag });
            return res.end();
          }
          res.writeHead(200, {
            'content-type': 'application/rss+xml; charset=utf-8',
            etag,
            'last-modified': lastModified,
            'cache-control': 'public, max-age=600',
            date: 'Wed, 21 Oct 2015 08:00:00 GMT',
            expires: 'Wed, 21 Oct 2015 09:00:00 GMT',
          });
          return res.end(FEED);
        }
        case '/gzip':
          res.writeHead(200, { 'content-encoding': 'gzip' });
          return res.end(gzipSync(FEED));
        case '/deflate':
          res.writeHead(200, { 'content-encoding': 'deflate' });
          return res.end(deflateSync(FEED));
        case '/raw-deflate':
          res.writeHead(200, { 'content-encoding': 'deflate' });
          return res.end(deflateRawSync(FEED));
        case '/br':
          res.writeHead(200, { 'content-encoding': 'br' });
          return res.end(brotliCompressSync(FEED));
        case '/broken-gzip':
          res.writeHead(200, { 'content-encoding': 'gzip' });
          return res.end(Buffer.from('definitely not gzip'));
        case '/gzip-bomb':
          res.writeHead(200, { 'content-encoding': 'gzip' });
          return res.end(gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20)));
        case '/big-declared':
          res.writeHead(200, { 'content-length': String(3 * 1024 * 1024) });
          return res.end(Buffer.alloc(3 * 1024 * 1024, 0x20));
        case '/big-chunked': {
          res.writeHead(200, { 'content-type': 'text/xml' });
          for (let i = 0; i < 40; i++) if (!res.write(Buffer.alloc(64 * 1024, 0x20))) await new Promise((r) => res.once('drain', r));
          return res.end();
        }
        case '/trickle': {
          res.writeHead(200, { 'content-type': 'text/xml' });
          const timer = setInterval(() => res.write(' '), 50);
          res.on('close', () => clearInterval(timer));
          return;
        }
        case '/slow-headers':
          return setTimeout(() => res.end('late'), 5_000).unref();
        case '/429':
          res.writeHead(429, { 'retry-after': '120' });
          return res.end('slow down');
        case '/503':
          res.writeHead(503, { 'retry-after': new Date(Date.now() + 90_000).toUTCString() });
          return res.end();
        case '/500':
          res.writeHead(500);
          return res.end('boom');
        case '/410':
          res.writeHead(410);
          return res.end();
        case '/hop': {
          const n = Number(url.searchParams.get('n'));
          if (n <= 0) return res.end(FEED);
          res.writeHead(n % 2 ? 301 : 302, { location: `/hop?n=${n - 1}` });
          return res.end();
        }
        case '/moved':
          res.writeHead(308, { location: '/feed' });
          return res.end();
        case '/loop-a':
          res.writeHead(302, { location: '/loop-b' });
          return res.end();
        case '/loop-b':
          res.writeHead(302, { location: `${server.origin}/loop-a` });
          return res.end();
        case '/to-private-ip':
          res.writeHead(302, { location: 'http://10.0.0.1/feed' });
          return res.end();
        case '/to-metadata':
          res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' });
          return res.end();
        case '/to-private-name':
          res.writeHead(302, { location: 'http://intranet.example/feed' });
          return res.end();
        case '/to-file':
          res.writeHead(302, { location: 'file:///etc/passwd' });
          return res.end();
        default:
          res.writeHead(404);
          return res.end();
      }
    });
    fetcher = new HttpFetcher({ guard: loopbackGuard(), maxBodyBytes: 1024 * 1024, bodyTimeoutMs: 800, headersTimeoutMs: 500 });
  });
  afterAll(async () => {
    await fetcher.close();
    await server.close();
  });

  it('fetches a feed with a clear User-Agent and reports the caching headers', async () => {
    const result = await fetcher.fetch(server.url('/feed'));
    expect(result.status).toBe(200);
    expect(result.body.toString()).toBe(FEED);
    expect(result.url).toBe(server.url('/feed'));
    expect(result.headers).toMatchObject({
      etag: '"v1"',
      lastModified: 'Wed, 21 Oct 2015 07:28:00 GMT',
      contentType: 'application/rss+xml; charset=utf-8',
      maxAgeMs: 600_000,
      expiresInMs: 3_600_000,
      retryAfterMs: null,
    });
    const request = seen.find((s) => s.url === '/feed')!;
    expect(request.headers['user-agent']).toMatch(/^stancewatch-feeds\/\S+ \(feed reader/);
    expect(request.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(request.headers['accept']).toMatch(/application\/rss\+xml/);
  });

  it('sends If-None-Match / If-Modified-Since and returns 304 without a body', async () => {
    const byEtag = await fetcher.fetch(server.url('/feed'), { etag: '"v1"' });
    expect(byEtag).toMatchObject({ status: 304, notModified: true });
    expect(byEtag.body.length).toBe(0);
    const byDate = await fetcher.fetch(server.url('/feed'), { lastModified: 'Wed, 21 Oct 2015 07:28:00 GMT' });
    expect(byDate.notModified).toBe(true);
    expect(seen.some((s) => s.headers['if-none-match'] === '"v1"')).toBe(true);
    expect(seen.some((s) => s.headers['if-modified-since'] === 'Wed, 21 Oct 2015 07:28:00 GMT')).toBe(true);
    const stale = await fetcher.fetch(server.url('/feed'), { etag: '"v0"' });
    expect(stale.status).toBe(200);
  });

  it.each(['/gzip', '/deflate', '/raw-deflate', '/br'])('decodes %s', async (path) => {
    const result = await fetcher.fetch(server.url(path));
    expect(result.body.toString()).toBe(FEED);
  });

  it('reports a corrupt compressed body as a decode error', async () => {
    const err = await failure(fetcher.fetch(server.url('/broken-gzip')));
    expect(err.kind).toBe('decode');
    expect(err.message).toMatch(/could not decompress/);
  });

  it('enforces the body cap from Content-Length, while streaming, and after decompression', async () => {
    for (const path of ['/big-declared', '/big-chunked', '/gzip-bomb']) {
      const err = await failure(fetcher.fetch(server.url(path)));
      expect(err.kind).toBe('too-large');
      expect(err.message).toBe('response larger than 1 MiB');
    }
  });

  it('times out a server that trickles the body', async () => {
    const started = Date.now();
    const err = await failure(fetcher.fetch(server.url('/trickle')));
    expect(err.kind).toBe('timeout-body');
    expect(err.message).toBe('timed out reading the body after 800 ms');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('times out a server that never sends headers', async () => {
    const err = await failure(fetcher.fetch(server.url('/slow-headers')));
    expect(err.kind).toBe('timeout-headers');
    expect(err.message).toBe('timed out waiting for headers after 500 ms');
  });

  it('returns error statuses with Retry-After parsed (seconds and HTTP date)', async () => {
    const tooMany = await fetcher.fetch(server.url('/429'));
    expect(tooMany.status).toBe(429);
    expect(tooMany.headers.retryAfterMs).toBe(120_000);
    expect(tooMany.body.length).toBe(0);
    const unavailable = await fetcher.fetch(server.url('/503'));
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.retryAfterMs).toBeGreaterThan(80_000);
    expect(unavailable.headers.retryAfterMs).toBeLessThanOrEqual(90_000);
    expect((await fetcher.fetch(server.url('/500'))).status).toBe(500);
    expect((await fetcher.fetch(server.url('/410'))).status).toBe(410);
  });

  it('follows up to 5 redirects and reports the final URL', async () => {
    const result = await fetcher.fetch(server.url('/hop?n=5'));
    expect(result.status).toBe(200);
    expect(result.url).toBe(server.url('/hop?n=0'));
    expect(result.redirects).toHaveLength(5);
    expect(result.permanentlyMoved).toBe(false);
    const moved = await fetcher.fetch(server.url('/moved'));
    expect(moved).toMatchObject({ status: 200, url: server.url('/feed'), permanentlyMoved: true });
  });

  it('refuses a sixth redirect', async () => {
    const err = await failure(fetcher.fetch(server.url('/hop?n=6')));
    expect(err.kind).toBe('too-many-redirects');
    expect(err.message).toBe('too many redirects (more than 5)');
  });

  it('detects a redirect loop', async () => {
    const err = await failure(fetcher.fetch(server.url('/loop-a')));
    expect(err.kind).toBe('redirect-loop');
    expect(err.message).toMatch(/^redirect loop: .*\/loop-b redirects back to .*\/loop-a$/);
  });

  it('re-checks every redirect with the guard: private IP, metadata IP, a name resolving to a private IP', async () => {
    expect((await failure(fetcher.fetch(server.url('/to-private-ip')))).message).toBe('address 10.0.0.1 is private and not allowed');
    expect((await failure(fetcher.fetch(server.url('/to-metadata')))).message).toMatch(/169\.254\.169\.254 is link-local/);
    const err = await failure(fetcher.fetch(server.url('/to-private-name')));
    expect(err.kind).toBe('blocked');
    expect(err.message).toBe('address 10.0.0.1 (intranet.example) is private and not allowed');
  });

  it('refuses redirects to non-HTTP schemes and bad URLs up front', async () => {
    expect((await failure(fetcher.fetch(server.url('/to-file')))).kind).toBe('bad-url');
    expect((await failure(fetcher.fetch('ftp://127.0.0.1/feed'))).kind).toBe('bad-url');
    expect((await failure(fetcher.fetch('not a url'))).kind).toBe('bad-url');
    expect((await failure(fetcher.fetch(`http://user:pw@127.0.0.1:${server.port}/feed`))).kind).toBe('bad-url');
  });

  it('refuses loopback when the allow-list does not name it', async () => {
    const strict = new HttpFetcher({ guard: new SsrfGuard({ resolver }) });
    try {
      const err = await failure(strict.fetch(server.url('/feed')));
      expect(err.kind).toBe('blocked');
      expect(err.message).toBe('address 127.0.0.1 is loopback and not allowed');
      expect((await failure(strict.fetch(`http://loop.example:${server.port}/feed`))).message).toMatch(/loop\.example/);
    } finally {
      await strict.close();
    }
  });
});

describe('HttpFetcher connection failures (loopback only)', () => {
  it('times out the connect phase (a resolver that never answers stands in for a black-holed host)', async () => {
    const fetcher = new HttpFetcher({ guard: loopbackGuard(), connectTimeoutMs: 300 });
    try {
      const err = await failure(fetcher.fetch('http://hangs.example/feed'));
      expect(err.kind).toBe('timeout-connect');
      expect(err.message).toBe('timed out connecting to hangs.example after 300 ms');
    } finally {
      await fetcher.close();
    }
  });

  it('reports a refused connection and an unknown host in plain words', async () => {
    const closed: TcpServer = createTcpServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const fetcher = new HttpFetcher({ guard: loopbackGuard() });
    try {
      expect((await failure(fetcher.fetch(`http://127.0.0.1:${port}/`))).message).toBe(`connection refused by 127.0.0.1:${port}`);
      expect((await failure(fetcher.fetch('http://nowhere.example/'))).message).toBe('could not resolve host nowhere.example');
    } finally {
      await fetcher.close();
    }
  });

  it('times out headers trickled one byte at a time', async () => {
    const tcp = createTcpServer((socket) => {
      const head = 'HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nX-Slow: ' + 'a'.repeat(1000);
      let i = 0;
      const timer = setInterval(() => (i < head.length ? socket.write(head[i++]) : undefined), 20);
      socket.on('close', () => clearInterval(timer));
      socket.on('error', () => clearInterval(timer));
    });
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    const fetcher = new HttpFetcher({ guard: loopbackGuard(), headersTimeoutMs: 400 });
    try {
      const err = await failure(fetcher.fetch(`http://127.0.0.1:${(tcp.address() as AddressInfo).port}/`));
      expect(err.kind).toBe('timeout-headers');
    } finally {
      await fetcher.close();
      await new Promise((r) => tcp.close(r));
    }
  });
});

describe('header parsing', () => {
  it('parses Cache-Control max-age and ignores it under no-store / no-cache', () => {
    expect(parseMaxAge('public, max-age=300')).toBe(300_000);
    expect(parseMaxAge('max-age="60"')).toBe(60_000);
    expect(parseMaxAge('no-cache, max-age=300')).toBeNull();
    expect(parseMaxAge('private')).toBeNull();
    expect(parseMaxAge(undefined)).toBeNull();
  });

  it('parses Retry-After as seconds or an HTTP date, relative to now', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:02:00 GMT', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
  });

  it('treats an unparseable Expires as already expired and measures a real one from the server Date', () => {
    expect(cachingHeaders({ expires: '0' }).expiresInMs).toBe(0);
    expect(
      cachingHeaders({ date: 'Mon, 01 Jan 2024 00:00:00 GMT', expires: 'Mon, 01 Jan 2024 01:00:00 GMT' }, 0).expiresInMs,
    ).toBe(3_600_000);
  });

  it('formats sizes and durations for humans', () => {
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatDuration(10_000)).toBe('10 s');
    expect(formatDuration(250)).toBe('250 ms');
  });
});
