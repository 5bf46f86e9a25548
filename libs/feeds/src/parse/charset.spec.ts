import iconv from 'iconv-lite';
import { charsetFromContentType, charsetFromXmlDeclaration, decodeFeedBytes, normaliseCharset } from '@stancewatch/feeds/parse/charset';
import { readFixture } from '@stancewatch/feeds/testing/fixtures';

const doc = (decl: string, body: string) => `${decl}<rss><channel><title>${body}</title></channel></rss>`;

describe('decodeFeedBytes', () => {
  it('honours a UTF-8 BOM and strips it', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc('', 'Olá'))]);
    expect(decodeFeedBytes(bytes, 'text/xml; charset=iso-8859-1')).toMatchObject({ charset: 'utf-8', source: 'bom', text: doc('', 'Olá') });
  });

  it('honours UTF-16 BOMs (and UTF-16 without BOM)', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc('<?xml version="1.0"?>', 'Привет'), 'utf16le')]);
    expect(decodeFeedBytes(le).text).toContain('Привет');
    const be = iconv.encode(doc('', 'Olá'), 'utf-16be', { addBOM: true });
    expect(decodeFeedBytes(be).text).toBe(doc('', 'Olá'));
    const noBom = Buffer.from(doc('<?xml version="1.0" encoding="UTF-16"?>', 'Olá'), 'utf16le');
    expect(decodeFeedBytes(noBom).text).toContain('Olá');
  });

  it('uses the HTTP charset', () => {
    const bytes = iconv.encode(doc('', 'Привет'), 'koi8-r');
    expect(decodeFeedBytes(bytes, 'application/rss+xml; charset="KOI8-R"')).toMatchObject({ source: 'http', text: doc('', 'Привет') });
  });

  it('uses the XML declaration, even after blank lines', () => {
    const bytes = iconv.encode(doc('\n\n  <?xml version="1.0" encoding=\'windows-1251\'?>', 'Цитата'), 'windows-1251');
    expect(decodeFeedBytes(bytes, 'text/xml')).toMatchObject({ charset: 'windows-1251', source: 'xml' });
    expect(decodeFeedBytes(bytes).text).toContain('Цитата');
  });

  it('prefers real UTF-8 declared in XML over a server default of ISO-8859-1', () => {
    const bytes = Buffer.from(doc('<?xml version="1.0" encoding="utf-8"?>', 'Übernahme'));
    expect(decodeFeedBytes(bytes, 'text/xml; charset=ISO-8859-1')).toMatchObject({ charset: 'utf-8', text: expect.stringContaining('Übernahme') });
  });

  it('does not believe a UTF-8 declaration over bytes that are not UTF-8', () => {
    const bytes = iconv.encode(doc('<?xml version="1.0" encoding="utf-8"?>', 'Notícias – já'), 'windows-1252');
    expect(decodeFeedBytes(bytes).text).toContain('Notícias – já');
  });

  it('falls back to windows-1252 for undeclared Latin-1 (0x80–0x9F as punctuation, not C1 controls)', () => {
    const bytes = Buffer.concat([Buffer.from('<rss><title>Not'), Buffer.from([0xed]), Buffer.from('cias '), Buffer.from([0x93, 0x85, 0x94]), Buffer.from('</title></rss>')]);
    expect(decodeFeedBytes(bytes)).toMatchObject({ charset: 'windows-1252', source: 'fallback', text: '<rss><title>Notícias “…”</title></rss>' });
  });

  it('reads undeclared valid UTF-8 as UTF-8', () => {
    expect(decodeFeedBytes(Buffer.from('<rss>Привет</rss>'))).toMatchObject({ charset: 'utf-8', source: 'utf8-valid' });
  });

  it('decodes the fixtures without mojibake', () => {
    expect(decodeFeedBytes(readFixture('rss-parser_uolNoticias.rss'), 'application/xml').text).toContain('Últimas Notícias');
    const cp1251 = decodeFeedBytes(readFixture('miniflux_encoding_WINDOWS-1251.xml'), 'application/xml').text;
    expect(cp1251).toContain('Новый цитатник Рунета');
    expect(cp1251).not.toContain('\u0085');
  });
});

describe('charset helpers', () => {
  it('normalises labels', () => {
    expect(normaliseCharset('UTF8')).toBe('utf-8');
    expect(normaliseCharset('ISO-8859-1')).toBe('windows-1252');
    expect(normaliseCharset('"Windows-1251"')).toBe('windows-1251');
    expect(normaliseCharset('x-no-such')).toBeNull();
  });
  it('reads charset from Content-Type and the XML declaration', () => {
    expect(charsetFromContentType('text/xml;charset=UTF-8')).toBe('UTF-8');
    expect(charsetFromContentType('text/xml')).toBeNull();
    expect(charsetFromXmlDeclaration(Buffer.from('<?xml version="1.0" encoding="ISO-8859-15" standalone="yes"?>'))).toBe('ISO-8859-15');
    expect(charsetFromXmlDeclaration(Buffer.from('<rss/>'))).toBeNull();
  });
});
