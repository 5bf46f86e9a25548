import { buildOpml, OpmlError, parseOpml } from './opml';

const OPML = `
<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="Top level" type="rss" xmlUrl="https://a.example/feed.xml"/>
    <outline text="News">
      <outline text="Europe">
        <outline text="Le Monde &amp; co" title="Le Monde &amp; co" type="rss" xmlUrl="https://b.example/rss?x=1&amp;y=2"/>
      </outline>
      <outline text="Без названия" type="rss" xmlUrl="https://c.example/atom"/>
    </outline>
    <outline text="A folder with nothing"/>
    <outline text="broken" xmlUrl="   "/>
  </body>
</opml>`;

describe('parseOpml', () => {
  it('finds every feed outline, in nested folders, with entities decoded (whitespace before the declaration tolerated)', () => {
    expect(parseOpml(OPML)).toEqual([
      { url: 'https://a.example/feed.xml', title: 'Top level', folders: [] },
      { url: 'https://b.example/rss?x=1&y=2', title: 'Le Monde & co', folders: ['News', 'Europe'] },
      { url: 'https://c.example/atom', title: 'Без названия', folders: ['News'] },
    ]);
  });

  it('refuses a DOCTYPE and entity declarations (entity bomb, XXE)', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><opml version="2.0"><body><outline text="&lol2;" xmlUrl="https://a.example/"/></body></opml>`;
    expect(() => parseOpml(bomb)).toThrow(OpmlError);
    expect(() => parseOpml(`<!DOCTYPE opml SYSTEM "file:///etc/passwd"><opml/>`)).toThrow(/DOCTYPE/);
  });

  it('says what is wrong with malformed XML and with XML that is not OPML', () => {
    expect(() => parseOpml('<opml><body><outline></body></opml>')).toThrow(/not well-formed XML/);
    expect(() => parseOpml('<rss version="2.0"><channel/></rss>')).toThrow(/not an OPML document/);
  });
});

describe('buildOpml', () => {
  it('writes OPML 2.0 that parses back to the same feeds, escaping what needs escaping', () => {
    const feeds = [
      { url: 'https://b.example/rss?x=1&y=2', title: 'Le Monde & "co" <fr>' },
      { url: 'https://c.example/atom', title: null },
    ];
    const xml = buildOpml(feeds, new Date('2026-01-15T00:00:00Z'));
    expect(xml).toContain('<opml version="2.0">');
    expect(xml).toContain('<dateCreated>Thu, 15 Jan 2026 00:00:00 GMT</dateCreated>');
    expect(parseOpml(xml)).toEqual([
      { url: feeds[0].url, title: feeds[0].title, folders: [] },
      { url: feeds[1].url, title: feeds[1].url, folders: [] },
    ]);
  });
});
