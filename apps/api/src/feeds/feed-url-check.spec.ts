import { Resolver } from '@stancewatch/feeds';
import { FeedUrlCheck } from './feed-url-check';

// No DNS and no connection: names resolve through this table only.
const resolver: Resolver = async (host) => {
  const table: Record<string, string> = { 'internal.example': '10.1.2.3', 'news.example': '93.184.216.34', 'feeds.corp': '192.168.7.7' };
  if (!table[host]) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return [{ address: table[host], family: 4 }];
};

describe('FeedUrlCheck (registration-time SSRF decision, without connecting)', () => {
  const check = new FeedUrlCheck([], resolver);

  it.each([
    ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is link-local \(cloud metadata endpoint\)/],
    ['http://10.0.0.1/feed', /10\.0\.0\.1 is private/],
    ['http://192.168.1.1/rss', /private/],
    ['http://[fd00::1]/rss', /unique-local/],
    ['http://127.0.0.1:8080/rss', /loopback/],
    ['http://0.0.0.0/rss', /unspecified/],
    ['http://internal.example/rss', /10\.1\.2\.3 \(internal\.example\) is private/],
  ])('refuses %s with the reason', async (url, reason) => {
    const verdict = await check.check(url);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it('accepts a public name, and a name that does not resolve now (the poll will report it)', async () => {
    await expect(check.check('https://news.example/rss')).resolves.toEqual({ ok: true, url: 'https://news.example/rss' });
    await expect(check.check('https://gone.example/rss')).resolves.toMatchObject({ ok: true });
  });

  it('refuses other schemes, credentials and non-URLs', async () => {
    await expect(check.check('ftp://news.example/rss')).resolves.toMatchObject({ ok: false, reason: expect.stringMatching(/scheme ftp/) });
    await expect(check.check('https://u:p@news.example/rss')).resolves.toMatchObject({ ok: false });
    await expect(check.check('not a url')).resolves.toMatchObject({ ok: false, reason: 'not a valid URL' });
  });

  it('lets SSRF_ALLOWLIST name private hosts and ranges', async () => {
    const allowing = new FeedUrlCheck(['feeds.corp', '10.0.0.0/8', '127.0.0.1'], resolver);
    await expect(allowing.check('http://feeds.corp/rss')).resolves.toMatchObject({ ok: true });
    await expect(allowing.check('http://10.0.0.1/feed')).resolves.toMatchObject({ ok: true });
    await expect(allowing.check('http://127.0.0.1:8080/rss')).resolves.toMatchObject({ ok: true });
    await expect(allowing.check('http://169.254.169.254/')).resolves.toMatchObject({ ok: false });
  });
});
