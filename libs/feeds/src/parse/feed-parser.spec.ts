import { FeedParseError, parseFeedBytes, parseFeedText } from '@stancewatch/feeds/parse/feed-parser';
import { readFixture } from '@stancewatch/feeds/testing/fixtures';
import { htmlToText } from '@stancewatch/feeds/text/html-to-text';

const BASE = 'http://127.0.0.1:8080/feeds/';
const parseFixture = (name: string) => parseFeedBytes(readFixture(name), { url: BASE + name, contentType: 'application/xml' });

describe('parsing the shared fixtures', () => {
  it('UOL: undeclared ISO-8859-1, no version, Portuguese dates, CDATA, no guid', async () => {
    const { feed, items, charset } = await parseFixture('rss-parser_uolNoticias.rss');
    expect(charset.charset).toBe('windows-1252');
    expect(feed).toMatchObject({ title: 'UOL Noticias', link: 'http://noticias.uol.com.br/', language: null, format: 'rss2' });
    expect(feed.description).toBe('Últimas Notícias');
    expect(items).toHaveLength(15);
    expect(items[0]).toMatchObject({
      guid: null,
      title: 'Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno',
      publishedAt: '2018-09-24T22:42:40.000Z',
    });
    expect(items.every((i) => i.publishedAt)).toBe(true);
    expect(htmlToText(items[0].summaryHtml!)).toMatch(/^Líder na pesquisa Ibope de intenção de voto/);
    expect(items.map((i) => i.title).join(' ')).not.toMatch(/Ã|�/);
  });

  it('ibash: windows-1251 declared, Cyrillic intact, <br /> in CDATA', async () => {
    const { feed, items } = await parseFixture('miniflux_encoding_WINDOWS-1251.xml');
    expect(feed).toMatchObject({ title: 'iBash.Org.Ru', language: 'ru', description: 'Новый цитатник Рунета' });
    expect(items).toHaveLength(50);
    expect(items[0]).toMatchObject({ title: 'Цитата #17703', guid: 'http://ibash.org.ru/quote.php?id=17703', guidIsPermaLink: true });
    expect(htmlToText(items[0].summaryHtml!).split('\n')).toEqual([
      'xxx: есть у кого жаба программер',
      'xxx: кот немного пхп знает?',
      'yyy: то что кот PHP немного знает, я бы ещё может поверил',
      'yyy: но вот жаба-программер - это ты по-моему загнул',
    ]);
    // The double-escaped &#039; inside CDATA becomes an apostrophe once the HTML is turned into text.
    expect(htmlToText(items[1].summaryHtml!)).toContain("бо'льшая");
    expect(items.every((i) => i.publishedAt)).toBe(true);
  });

  it('heise: RDF / RSS 0.9 items beside the channel, no dates, umlauts intact', async () => {
    const { feed, items } = await parseFixture('miniflux_rdf_UTF8.xml');
    expect(feed).toMatchObject({ title: 'heise online News', link: 'https://www.heise.de/newsticker/', format: 'rss1' });
    expect(items).toHaveLength(60);
    expect(items[1].title).toBe('Mega-Deal: IBM übernimmt Red Hat');
    expect(items.every((i) => i.publishedAt === null && /^https:\/\/www\.(heise|techstage)\.de\//.test(i.link ?? ''))).toBe(true);
  });

  it('Sam Ruby: Atom with xhtml content, inline SVG, a blank line before the declaration, relative links', async () => {
    const { feed, items } = await parseFixture('feedjira_SamRuby.xml');
    expect(feed).toMatchObject({ title: 'Sam Ruby', description: 'It’s just data', format: 'atom' });
    // No xml:base: relative references resolve against the URL the feed was fetched from.
    expect(feed.link).toBe('http://127.0.0.1:8080/blog/');
    expect(items).toHaveLength(20);
    const plex = items[0];
    expect(plex).toMatchObject({
      guid: 'tag:intertwingly.net,2004:3308',
      guidIsPermaLink: false,
      title: 'Plex',
      link: 'http://127.0.0.1:8080/blog/2013/01/30/Plex',
      publishedAt: '2013-01-30T18:12:03.000Z',
    });
    const text = htmlToText(plex.contentHtml!);
    // Word order survives (xml2js alone would split text from links), the SVG does not leak in.
    expect(text).toMatch(/^Scott Hanselman: Plex is the media center software ecosystem I’ve been waiting for\n\nUnhappy with Time Warner Cable, I’ve been exploring netflix, dish/);
    expect(text).not.toMatch(/radialGradient|stop-color/);
    expect(items.every((i) => i.publishedAt)).toBe(true);
  });

  it('Taverncast: 131 items, newline before the declaration, EST dates without weekday, duplicate guid kept', async () => {
    const { feed, items } = await parseFixture('rss-parser_itunes-missing-image.rss');
    expect(feed.title).toBe('Taverncast - Happy Hour in Your Head - Since 2005');
    expect(feed.language).toBe('en-us');
    expect(items).toHaveLength(131);
    expect(items.every((i) => i.publishedAt)).toBe(true);
    expect(items[0]).toMatchObject({ title: 'Taverncast 62 - Temporal Anomaly', publishedAt: '2015-11-07T17:00:00.000Z' });
    const shared = items.filter((i) => i.guid === 'http://taverncast.com/shows/geekistry-2.mp3');
    expect(shared).toHaveLength(2);
    expect(shared[0].title).not.toBe(shared[1].title);
  });
});

describe('parser robustness', () => {
  const rss = (items: string, channelExtra = '') =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>/home</link>${channelExtra}${items}</channel></rss>`;

  it('keeps an item with a bad or missing date, and items with missing fields', async () => {
    const { items } = await parseFeedText(
      rss('<item><title>A</title><pubDate>yesterday-ish</pubDate></item><item><title>B</title></item><item><description>only text</description></item>'),
    );
    expect(items.map((i) => [i.title, i.publishedAt, i.rawDate])).toEqual([
      ['A', null, 'yesterday-ish'],
      ['B', null, null],
      [null, null, null],
    ]);
  });

  it('keeps an Atom feed whose entry has an invalid date (rss-parser alone throws for the whole feed)', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de"><title>A</title>
      <entry><id>urn:1</id><title>good</title><published>2020-01-02T03:04:05Z</published></entry>
      <entry><id>urn:2</id><title>bad</title><published>not a date</published><updated>also not</updated></entry>
      <entry xml:lang="fr"><id>urn:3</id><title type="html">a &amp;amp; b</title><updated>2020-02-01T00:00:00+01:00</updated></entry></feed>`;
    const { feed, items } = await parseFeedText(atom);
    expect(feed.language).toBe('de');
    expect(items.map((i) => [i.title, i.publishedAt, i.language])).toEqual([
      ['good', '2020-01-02T03:04:05.000Z', 'de'],
      ['bad', null, 'de'],
      ['a & b', '2020-01-31T23:00:00.000Z', 'fr'],
    ]);
  });

  it('resolves relative links against xml:base and the feed URL', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/"><title>A</title>
      <link rel="self" href="/feed.atom"/><link rel="alternate" type="text/html" href="./"/>
      <entry><id>1</id><link href="post-1"/></entry>
      <entry xml:base="/other/"><id>2</id><link rel="alternate" href="post-2"/><link rel="enclosure" href="a.mp3"/></entry></feed>`;
    const { feed, items } = await parseFeedText(atom, { url: 'https://feeds.example.org/x.atom' });
    expect(feed.link).toBe('http://example.org/blog/');
    expect(items[0].link).toBe('http://example.org/blog/post-1');
    expect(items[1]).toMatchObject({ link: 'http://example.org/other/post-2', enclosureUrl: 'http://example.org/other/a.mp3' });
    const { items: rssItems } = await parseFeedText(rss('<item><link>../a?b=1</link></item><item><link>javascript:alert(1)</link></item>'), {
      url: 'https://news.example/feeds/all.xml',
    });
    expect(rssItems.map((i) => i.link)).toEqual(['https://news.example/a?b=1', null]);
  });

  it('uses a permalink guid as the link when there is no <link>, and reads isPermaLink', async () => {
    const { items } = await parseFeedText(
      rss('<item><guid>https://n.example/1</guid></item><item><guid isPermaLink="false">https://n.example/2</guid></item><item><guid>abc-123</guid></item>'),
    );
    expect(items.map((i) => [i.guid, i.guidIsPermaLink, i.link])).toEqual([
      ['https://n.example/1', true, 'https://n.example/1'],
      ['https://n.example/2', false, null],
      ['abc-123', false, null],
    ]);
  });

  it('accepts HTML entities and bare ampersands that strict XML would reject', async () => {
    const { items } = await parseFeedText(rss('<item><title>Caf&eacute; &amp; bar&nbsp;&mdash; R&D &unknownthing; tom & jerry</title><link>https://x.example/?a=1&b=2</link></item>'));
    expect(items[0].title).toBe('Café & bar — R&D &unknownthing; tom & jerry');
    expect(items[0].link).toBe('https://x.example/?a=1&b=2');
  });

  it('reads ttl and sy:updatePeriod as minutes, content:encoded as content', async () => {
    const withTtl = await parseFeedText(rss('<item><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>Full</p>]]></content:encoded><description>Short</description></item>', '<ttl>45</ttl>'));
    expect(withTtl.feed.ttlMinutes).toBe(45);
    expect(withTtl.items[0]).toMatchObject({ contentHtml: '<p>Full</p>', summaryHtml: 'Short' });
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="http://r.example/"><title>R</title><link>http://r.example/</link><dc:language>pt-BR</dc:language><sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency></channel>
      <item rdf:about="http://r.example/1"><title>One</title><link>http://r.example/1</link><dc:date>2021-06-01T10:00:00Z</dc:date></item></rdf:RDF>`;
    const parsed = await parseFeedText(rdf);
    expect(parsed.feed).toMatchObject({ ttlMinutes: 30, language: 'pt-br', format: 'rss1' });
    expect(parsed.items[0]).toMatchObject({ guid: 'http://r.example/1', publishedAt: '2021-06-01T10:00:00.000Z', language: 'pt-br' });
  });

  it('accepts an RSS 0.91 DOCTYPE without entity declarations', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
      <rss version="0.91"><channel><title>Old</title><item><title>x</title></item></channel></rss>`;
    const { feed, items } = await parseFeedText(xml);
    expect(feed).toMatchObject({ title: 'Old', format: 'rss0.9' });
    expect(items).toHaveLength(1);
  });

  it('turns malformed XML into a clear error with a line number', async () => {
    const err = await parseFeedText('<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<title>x</tittle>\n</channel></rss>').catch((e) => e);
    expect(err).toBeInstanceOf(FeedParseError);
    expect(err.message).toMatch(/^not a feed: malformed XML at line 3 \(/);
  });

  it('reports line numbers of the original even when leading blank lines were dropped', async () => {
    const err = await parseFeedText('\n\n<?xml version="1.0"?>\n<rss><channel><title>x</b></channel></rss>').catch((e) => e);
    expect(err.message).toMatch(/at line 4/);
  });

  it('refuses an entity bomb before parsing, quickly', async () => {
    const lol = [`<!ENTITY lol "lol">`];
    for (let i = 1; i < 10; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i - 1 || ''};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [${lol.join('')}]><rss version="2.0"><channel><title>&lol9;</title></channel></rss>`;
    const started = Date.now();
    const err = await parseFeedText(bomb).catch((e) => e);
    expect(err).toBeInstanceOf(FeedParseError);
    expect(err.message).toMatch(/declares XML entities/);
    expect(Date.now() - started).toBeLessThan(200);
    const external = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><title>&xxe;</title></channel></rss>`;
    await expect(parseFeedText(external)).rejects.toThrow(/declares XML entities/);
  });

  it('says plainly when the document is an HTML page, empty, or some other XML', async () => {
    await expect(parseFeedText('<!DOCTYPE html><html><head><title>x</title></head><body></body></html>')).rejects.toThrow(
      'not a feed: got an HTML page, not RSS or Atom',
    );
    await expect(parseFeedText('')).rejects.toThrow(/^not a feed/);
    await expect(parseFeedText('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')).rejects.toThrow('not a feed: the XML is neither RSS nor Atom');
    await expect(parseFeedText('<rss version="2.0"></rss>')).rejects.toThrow(/no <channel>/);
    await expect(parseFeedText('{"json": true}')).rejects.toThrow(/^not a feed/);
  });

  it('strips control characters that XML forbids', async () => {
    const { items } = await parseFeedText(rss('<item><title>a\u0001b\u000bc</title></item>'));
    expect(items[0].title).toBe('abc');
  });
});
