import { articleKey, toArticle, toArticles } from '@stancewatch/feeds/article/article';
import { canonicalUrl } from '@stancewatch/feeds/article/canonical-url';
import { extractMainText, fetchFullText, FullTextError } from '@stancewatch/feeds/article/full-text';
import { HttpFetcher } from '@stancewatch/feeds/net/http-fetcher';
import { SsrfGuard } from '@stancewatch/feeds/net/ssrf-guard';
import { parseFeedBytes, type FeedItem } from '@stancewatch/feeds/parse/feed-parser';
import { readFixture } from '@stancewatch/feeds/testing/fixtures';
import { startLoopbackServer } from '@stancewatch/feeds/testing/loopback-server';
import iconv from 'iconv-lite';

const item = (over: Partial<FeedItem>): FeedItem => ({
  guid: null,
  guidIsPermaLink: false,
  title: 'Title',
  link: null,
  publishedAt: null,
  rawDate: null,
  author: null,
  language: null,
  contentHtml: null,
  summaryHtml: '<p>Some text.</p>',
  categories: [],
  enclosureUrl: null,
  ...over,
});

describe('canonicalUrl', () => {
  it('lower-cases the host, drops the fragment, default port and tracking parameters', () => {
    expect(canonicalUrl('HTTPS://News.Example.COM:443/Path/A?utm_source=rss&id=7&fbclid=x&utm_medium=feed&gclid=y#comments')).toBe(
      'https://news.example.com/Path/A?id=7',
    );
    expect(canonicalUrl('https://www.heise.de/newsticker/meldung/X-4205274.html?wt_mc=rss.ho.beitrag.rdf')).toBe(
      'https://www.heise.de/newsticker/meldung/X-4205274.html',
    );
    expect(canonicalUrl('http://a.example/x?b=2&a=1&mc_cid=1')).toBe('http://a.example/x?b=2&a=1');
  });
  it('resolves dot segments, drops credentials, refuses non-HTTP', () => {
    expect(canonicalUrl('http://a.example/x/../y/./z')).toBe('http://a.example/y/z');
    expect(canonicalUrl('http://u:p@a.example./')).toBe('http://a.example/');
    expect(canonicalUrl('mailto:a@b.example')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
    expect(canonicalUrl(null)).toBeNull();
  });
});

describe('article identity', () => {
  it('the same item in two feeds gets the same id when its GUID is a permalink', () => {
    const a = toArticle(item({ guid: 'https://n.example/a?utm_source=x', guidIsPermaLink: true }), { feedUrl: 'https://n.example/feed1' });
    const b = toArticle(item({ guid: 'https://n.example/a', guidIsPermaLink: true }), { feedUrl: 'https://other.example/feed2' });
    expect(a.id).toBe(b.id);
  });

  it('a permalink GUID in one feed and the same bare <link> in another agree', () => {
    const withGuid = toArticle(item({ guid: 'https://n.example/a', guidIsPermaLink: true }), { feedUrl: 'https://f1.example/' });
    const linkOnly = toArticle(item({ link: 'https://n.example/a#top' }), { feedUrl: 'https://f2.example/' });
    expect(withGuid.id).toBe(linkOnly.id);
  });

  it('same normalised link, no GUID: same id', () => {
    const a = toArticle(item({ link: 'https://N.example/a?utm_campaign=z' }), { feedUrl: 'https://f1.example/' });
    const b = toArticle(item({ link: 'https://n.example/a' }), { feedUrl: 'https://f2.example/' });
    expect(a.id).toBe(b.id);
  });

  it('an opaque GUID is namespaced by feed; tag: and urn: ids are global', () => {
    const f1 = toArticle(item({ guid: '12345' }), { feedUrl: 'https://f1.example/' });
    const f2 = toArticle(item({ guid: '12345' }), { feedUrl: 'https://f2.example/' });
    expect(f1.id).not.toBe(f2.id);
    expect(articleKey(item({ guid: 'tag:intertwingly.net,2004:3308' }), '', 'x')).toBe('guid:tag:intertwingly.net,2004:3308');
  });

  it('no GUID and no link: a hash of title and content', () => {
    const a = toArticle(item({ title: 'T', summaryHtml: 'Body' }), { feedUrl: 'https://f1.example/' });
    const b = toArticle(item({ title: 'T', summaryHtml: '<p>Body</p>' }), { feedUrl: 'https://f2.example/' });
    const c = toArticle(item({ title: 'T', summaryHtml: 'Other' }));
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(c.id);
  });

  it('ids are stable across runs (restart) and 32 hex characters', () => {
    const a = toArticle(item({ link: 'https://n.example/a' }));
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(toArticle(item({ link: 'https://n.example/a' })).id).toBe(a.id);
  });
});

describe('toArticles', () => {
  it('does not merge two different items that share a GUID, whatever their order', () => {
    const first = item({ guid: 'https://t.example/ep.mp3', title: 'Episode A', summaryHtml: 'A', publishedAt: '2020-01-01T00:00:00.000Z' });
    const second = item({ guid: 'https://t.example/ep.mp3', title: 'Episode B', summaryHtml: 'B', publishedAt: '2020-01-01T00:00:00.000Z' });
    const forward = toArticles([first, second]);
    const backward = toArticles([second, first]);
    expect(forward).toHaveLength(2);
    expect(new Set(forward.map((a) => a.id)).size).toBe(2);
    const idsByTitle = (list: typeof forward) => Object.fromEntries(list.map((a) => [a.title, a.id]));
    expect(idsByTitle(forward)).toEqual(idsByTitle(backward));
  });

  it('a GUID reused later in time leaves the original id alone', () => {
    const original = item({ guid: 'g-1', title: 'Old', summaryHtml: 'old', publishedAt: '2020-01-01T00:00:00.000Z' });
    const reuse = item({ guid: 'g-1', title: 'New', summaryHtml: 'new', publishedAt: '2021-01-01T00:00:00.000Z' });
    const alone = toArticles([original], { feedUrl: 'https://f.example/' })[0];
    const both = toArticles([reuse, original], { feedUrl: 'https://f.example/' });
    expect(both.find((a) => a.title === 'Old')!.id).toBe(alone.id);
    expect(both.find((a) => a.title === 'New')!.id).not.toBe(alone.id);
  });

  it('collapses exact duplicates', () => {
    const same = item({ guid: 'https://n.example/1', summaryHtml: 'x' });
    expect(toArticles([same, { ...same }])).toHaveLength(1);
  });

  it('Taverncast fixture: 131 items → 131 articles with distinct ids', async () => {
    const { items } = await parseFeedBytes(readFixture('rss-parser_itunes-missing-image.rss'), { url: 'http://www.taverncast.com/feed' });
    const articles = toArticles(items, { feedUrl: 'http://www.taverncast.com/feed' });
    expect(articles).toHaveLength(131);
    expect(new Set(articles.map((a) => a.id)).size).toBe(131);
  });

  it('fills text, canonical url, language and summaryOnly', async () => {
    const { feed, items } = await parseFeedBytes(readFixture('miniflux_rdf_UTF8.xml'), { url: 'https://www.heise.de/newsticker/heise.rdf' });
    const [first] = toArticles(items, { feedUrl: 'https://www.heise.de/newsticker/heise.rdf', feedLanguage: feed.language ?? 'de' });
    expect(first).toMatchObject({
      title: 'OLED-TVs: Vorsichtsmaßnahmen gegen Einbrennen',
      url: 'https://www.heise.de/newsticker/meldung/OLED-TVs-Vorsichtsmassnahmen-gegen-Einbrennen-4205274.html',
      publishedAt: null,
      language: 'de',
      summaryOnly: true,
    });
    expect(first.text).toMatch(/^Wer gerade einen neuen OLED-Fernseher/);
    expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const long = toArticle(item({ link: 'https://n.example/x', contentHtml: `<p>${'Long sentence here. '.repeat(50)}</p>` }));
    expect(long.summaryOnly).toBe(false);
  });
});

describe('full text', () => {
  const page = (body: string) =>
    `<!DOCTYPE html><html><head><meta charset="windows-1252"><title>Minister pledges cuts | Site</title></head><body>
      <nav><a href="/">Home</a> <a href="/politics">Politics</a></nav>
      <header>Site header</header>
      <article><h1>Minister pledges cuts</h1>${body}</article>
      <aside>Most read: something else entirely</aside><footer>© Site</footer></body></html>`;
  const paragraphs = [
    'The finance minister said on Monday that the government will cut public spending by two per cent next year, a move opposition parties called reckless.',
    'Speaking in parliament, she ruled out any increase in income tax before the election, but did not rule out changes to value added tax on energy.',
    'Economists said the plan would be hard to deliver without reducing investment, which the government has promised to protect “at all costs”.',
  ];

  it('extracts the main text with paragraphs, without navigation or footer', () => {
    const extracted = extractMainText(page(paragraphs.map((p) => `<p>${p}</p>`).join('')), 'https://n.example/a');
    expect(extracted).not.toBeNull();
    expect(extracted!.text).toBe(paragraphs.join('\n\n'));
    expect(extracted!.title).toMatch(/Minister pledges cuts/);
  });

  it('fetches the page through the guarded fetcher, decoding its charset', async () => {
    const html = iconv.encode(page(paragraphs.map((p) => `<p>${p}</p>`).join('')), 'windows-1252');
    const server = await startLoopbackServer((req, res) => {
      if (req.url === '/article') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(html);
      }
      if (req.url === '/pdf') {
        res.writeHead(200, { 'content-type': 'application/pdf' });
        return res.end('%PDF');
      }
      if (req.url === '/to-private') {
        res.writeHead(302, { location: 'http://192.168.1.1/' });
        return res.end();
      }
      res.writeHead(404);
      res.end();
    });
    const fetcher = new HttpFetcher({ guard: new SsrfGuard({ allowList: '127.0.0.1' }) });
    try {
      const full = await fetchFullText(server.url('/article'), fetcher);
      expect(full.text).toContain('“at all costs”');
      expect(full.url).toBe(server.url('/article'));
      await expect(fetchFullText(server.url('/missing'), fetcher)).rejects.toThrow(/^HTTP 404 from 127\.0\.0\.1:\d+ for the article page$/);
      await expect(fetchFullText(server.url('/pdf'), fetcher)).rejects.toThrow(new FullTextError('the article page is application/pdf, not HTML'));
      await expect(fetchFullText(server.url('/to-private'), fetcher)).rejects.toThrow('address 192.168.1.1 is private and not allowed');
      const strict = new HttpFetcher({ guard: new SsrfGuard() });
      await expect(fetchFullText(server.url('/article'), strict)).rejects.toThrow(/loopback and not allowed/);
      await strict.close();
    } finally {
      await fetcher.close();
      await server.close();
    }
  });
});
