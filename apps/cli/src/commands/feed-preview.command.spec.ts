import { feedPreviewCommand } from './feed-preview.command';
import { readFixture } from '@stancewatch/feeds/testing/fixtures';
import { startLoopbackServer, type LoopbackServer } from '@stancewatch/feeds/testing/loopback-server';

describe('feed:preview', () => {
  let server: LoopbackServer;
  let stdout: string;
  let stderr: string;
  const capture = (sink: (s: string) => void) => ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    sink(String(chunk));
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stdout.write;

  beforeAll(async () => {
    server = await startLoopbackServer((req, res) => {
      if (req.url === '/uol.rss') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        return res.end(readFixture('rss-parser_uolNoticias.rss'));
      }
      if (req.url === '/bad.xml') {
        res.writeHead(200, { 'content-type': 'application/xml' });
        return res.end('<rss version="2.0"><channel><title>x</channel></rss>');
      }
      res.writeHead(500);
      res.end();
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    stdout = '';
    stderr = '';
    jest.spyOn(process.stdout, 'write').mockImplementation(capture((s) => (stdout += s)));
    jest.spyOn(process.stderr, 'write').mockImplementation(capture((s) => (stderr += s)));
  });
  afterEach(() => jest.restoreAllMocks());

  it('prints the feed and its items as JSON with --allow-private', async () => {
    expect(await feedPreviewCommand(['--allow-private', server.url('/uol.rss')])).toBe(0);
    const preview = JSON.parse(stdout);
    expect(preview.feed).toEqual({ title: 'UOL Noticias', link: 'http://noticias.uol.com.br/' });
    expect(preview.items).toHaveLength(15);
    expect(Object.keys(preview.items[0])).toEqual(['id', 'title', 'link', 'publishedAt', 'text']);
    expect(preview.items[0]).toMatchObject({
      title: 'Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno',
      publishedAt: '2018-09-24T22:42:40.000Z',
    });
    expect(stderr).toBe('');
  });

  it('refuses loopback without --allow-private, with a one-line reason', async () => {
    const saved = process.env.SSRF_ALLOWLIST;
    delete process.env.SSRF_ALLOWLIST;
    try {
      expect(await feedPreviewCommand([server.url('/uol.rss')])).toBe(1);
    } finally {
      if (saved !== undefined) process.env.SSRF_ALLOWLIST = saved;
    }
    expect(stderr).toBe('address 127.0.0.1 is loopback and not allowed\n');
    expect(stdout).toBe('');
  });

  it('reports HTTP errors and malformed XML on one line', async () => {
    expect(await feedPreviewCommand(['--allow-private', server.url('/missing')])).toBe(1);
    expect(stderr).toBe('HTTP 500 from server\n');
    stderr = '';
    expect(await feedPreviewCommand(['--allow-private', server.url('/bad.xml')])).toBe(1);
    expect(stderr).toMatch(/^not a feed: malformed XML at line 1 \([^\n]*\)\n$/);
  });

  it('explains its usage', async () => {
    expect(await feedPreviewCommand([])).toBe(2);
    expect(await feedPreviewCommand(['--nope', 'http://x/'])).toBe(2);
    expect(stderr).toMatch(/usage: feed:preview \[--allow-private\] URL/);
  });
});
