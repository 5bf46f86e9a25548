import { acceptsGzip, cacheKey, etagMatches } from './read-cache';

describe('read cache keys', () => {
  it('puts query parameters in name order and keeps repeated names in their order', () => {
    expect(cacheKey('/api/v1/events')).toBe('/api/v1/events');
    expect(cacheKey('/api/v1/events?actor=FR&limit=50')).toBe('/api/v1/events?actor=FR&limit=50');
    expect(cacheKey('/api/v1/events?limit=50&actor=FR')).toBe('/api/v1/events?actor=FR&limit=50');
    expect(cacheKey('/x?b=2&a=1&b=1&a')).toBe('/x?a=1&a&b=2&b=1');
  });

  it('keeps apart what the handlers read differently', () => {
    expect(cacheKey('/x?a=1&a=2')).not.toBe(cacheKey('/x?a=2&a=1'));
    expect(cacheKey('/api/v1/actors/fr/positions')).not.toBe(cacheKey('/api/v1/actors/FR/positions'));
  });
});

describe('If-None-Match', () => {
  const etag = '"abc"';
  it('matches the ETag in a list, weak or strong, and *', () => {
    expect(etagMatches('"abc"', etag)).toBe(true);
    expect(etagMatches('"x", W/"abc"', etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
  });
  it('does not match other tags', () => {
    expect(etagMatches('"abd"', etag)).toBe(false);
    expect(etagMatches('abc', etag)).toBe(false);
  });
});

describe('Accept-Encoding', () => {
  it('accepts gzip when named without q=0', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('deflate, br')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
