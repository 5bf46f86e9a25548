import { startLoopbackServer, type LoopbackServer } from '@stancewatch/feeds/testing/loopback-server';
import { FeedPoller } from './feed-poller';

const ITEMS = 12;

describe('FeedPoller: article pages behind summary-only items', () => {
  let server: LoopbackServer;
  let inFlight = 0;
  let peak = 0;
  let pageRequests = 0;

  beforeAll(async () => {
    server = await startLoopbackServer(async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/feed.xml') {
        const items = Array.from({ length: ITEMS }, (_, i) => `<item><title>Story ${i}</title><link>${server.origin}/story/${i}</link><guid>story-${i}</guid><description>Short teaser ${i}.</description></item>`);
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Teasers</title>${items.join('')}</channel></rss>`);
      }
      const story = /^\/story\/(\d+)$/.exec(path);
      if (story) {
        pageRequests++;
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 40));
        inFlight--;
        const body = `<p>${`The defence minister of country ${story[1]} said the contribution would be decided by parliament. `.repeat(12)}</p>`;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(`<!doctype html><html><head><title>Story ${story[1]}</title></head><body><article><h1>Story ${story[1]}</h1>${body}</article></body></html>`);
      }
      res.writeHead(404);
      res.end();
    });
  });

  afterAll(() => server.close());

  it('fetches every new page, never more at once to one host than the per-host limit', async () => {
    const poller = new FeedPoller({ ssrfAllowList: ['127.0.0.1'], feedMaxConcurrentFetches: 8, feedMaxFetchesPerHost: 2 });
    try {
      const result = await poller.poll(server.url('/feed.xml'), { etag: null, lastModified: null }, async () => new Set());
      expect(result.outcome).toBe('ok');
      expect(result.articles).toHaveLength(ITEMS);
      expect(pageRequests).toBe(ITEMS);
      expect(peak).toBe(2);
      // the page's text replaced each teaser
      for (const article of result.articles) expect(article.text).toMatch(/decided by parliament/);
    } finally {
      await poller.close();
    }
  });

  it('does not fetch the pages of articles already stored', async () => {
    const poller = new FeedPoller({ ssrfAllowList: ['127.0.0.1'], feedMaxConcurrentFetches: 8, feedMaxFetchesPerHost: 2 });
    pageRequests = 0;
    try {
      const result = await poller.poll(server.url('/feed.xml'), { etag: null, lastModified: null }, async (ids) => new Set(ids.slice(0, ITEMS - 1)));
      expect(result.articles).toHaveLength(ITEMS);
      expect(pageRequests).toBe(1);
    } finally {
      await poller.close();
    }
  });
});
