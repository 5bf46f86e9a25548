import type { PollResult } from '@stancewatch/feeds';
import { movedTo } from './poll-schedule';

const result = (patch: Partial<PollResult['http']>, outcome: PollResult['outcome'] = 'ok'): PollResult => ({
  outcome,
  http: { status: 200, finalUrl: 'https://news.example.org/rss', permanentlyMoved: false, etag: null, lastModified: null, maxAgeMs: null, expiresInMs: null, retryAfterMs: null, bytes: 0, durationMs: 0, ...patch },
});

describe('movedTo: when a subscription follows a redirect', () => {
  const current = 'http://news.example.org/feed.xml';

  it('follows a chain of permanent redirects that ended in a feed', () => {
    expect(movedTo(current, result({ permanentlyMoved: true, finalUrl: 'https://news.example.org/rss' }))).toBe('https://news.example.org/rss');
    expect(movedTo(current, result({ permanentlyMoved: true, finalUrl: 'https://news.example.org/rss' }, 'not-modified'))).toBe('https://news.example.org/rss');
  });

  it('stays put after a temporary redirect, a failed fetch or a redirect back to itself', () => {
    expect(movedTo(current, result({ permanentlyMoved: false, finalUrl: 'https://news.example.org/rss' }))).toBeUndefined();
    expect(movedTo(current, result({ permanentlyMoved: true, finalUrl: 'https://news.example.org/rss' }, 'error'))).toBeUndefined();
    expect(movedTo(current, result({ permanentlyMoved: true, finalUrl: 'https://news.example.org/rss' }, 'gone'))).toBeUndefined();
    expect(movedTo(current, result({ permanentlyMoved: true, finalUrl: current }))).toBeUndefined();
  });

  it('never moves to a URL with credentials or another scheme', () => {
    expect(movedTo(current, result({ permanentlyMoved: true, finalUrl: 'https://user:pw@news.example.org/rss' }))).toBeUndefined();
    expect(movedTo(current, result({ permanentlyMoved: true, finalUrl: 'ftp://news.example.org/rss' }))).toBeUndefined();
    expect(movedTo(current, result({ permanentlyMoved: true, finalUrl: 'not a url' }))).toBeUndefined();
  });
});
