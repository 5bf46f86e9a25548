import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';

/** The shared real-world feed fixtures (read in place, never copied into the repo). */
export const FEED_FIXTURES_DIR = process.env.FEED_FIXTURES_DIR ?? resolve(__dirname, '../../../../../shared/fixtures/feeds');

export const FEED_FIXTURES = [
  'rss-parser_uolNoticias.rss',
  'miniflux_encoding_WINDOWS-1251.xml',
  'miniflux_rdf_UTF8.xml',
  'feedjira_SamRuby.xml',
  'rss-parser_itunes-missing-image.rss',
] as const;

export function readFixture(name: string): Buffer {
  return readFileSync(resolve(FEED_FIXTURES_DIR, name));
}

/** Serves every fixture byte-for-byte at /<file name>, with a Content-Type that names no charset. */
export async function startFixtureServer(): Promise<LoopbackServer> {
  const files = new Map(FEED_FIXTURES.map((name) => [`/${name}`, readFixture(name)]));
  return startLoopbackServer((req, res) => {
    const body = files.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!body) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/xml', 'content-length': String(body.length) });
    res.end(body);
  });
}
