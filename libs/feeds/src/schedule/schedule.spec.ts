import { ConcurrencyLimiter } from '@stancewatch/feeds/schedule/limiter';
import { DEFAULT_SCHEDULE_POLICY, describeDelay, firstCheck, nextCheck, type SchedulePolicy } from '@stancewatch/feeds/schedule/policy';
import { describeError, describeHttpStatus } from '@stancewatch/feeds/schedule/errors';
import { FetchError } from '@stancewatch/feeds/net/http-fetcher';
import { SsrfGuard, SsrfBlockedError } from '@stancewatch/feeds/net/ssrf-guard';
import { FeedParseError } from '@stancewatch/feeds/parse/feed-parser';

const now = new Date('2024-01-01T00:00:00Z');
const MIN = 60_000;
const noJitter = () => 0.5;
const policy: SchedulePolicy = { ...DEFAULT_SCHEDULE_POLICY, maxConsecutiveFailures: 5 };

describe('nextCheck', () => {
  it('uses the feed interval after a success and resets failures', () => {
    const d = nextCheck({ intervalMs: 20 * MIN, consecutiveFailures: 3 }, { outcome: 'ok' }, now, policy, noJitter);
    expect(d).toMatchObject({ delayMs: 20 * MIN, consecutiveFailures: 0, disabled: false, basis: 'interval' });
    expect(d.nextCheckAt!.toISOString()).toBe('2024-01-01T00:20:00.000Z');
  });

  it('adds ± jitter within the configured ratio', () => {
    const low = nextCheck({ consecutiveFailures: 0 }, { outcome: 'ok' }, now, policy, () => 0).delayMs!;
    const high = nextCheck({ consecutiveFailures: 0 }, { outcome: 'ok' }, now, policy, () => 0.999999).delayMs!;
    expect(low).toBe(27 * MIN);
    expect(Math.round(high / 1000)).toBe(33 * 60);
  });

  it('treats max-age, Expires and RSS ttl as a floor, never lowered by jitter', () => {
    expect(nextCheck({ intervalMs: 10 * MIN, consecutiveFailures: 0 }, { outcome: 'ok', maxAgeMs: 60 * MIN }, now, policy, () => 0)).toMatchObject({
      delayMs: 60 * MIN,
      basis: 'cache-floor',
    });
    expect(nextCheck({ intervalMs: 10 * MIN, consecutiveFailures: 0 }, { outcome: 'not-modified', expiresInMs: 45 * MIN }, now, policy, noJitter).delayMs).toBe(45 * MIN);
    expect(nextCheck({ intervalMs: 10 * MIN, consecutiveFailures: 0 }, { outcome: 'ok', ttlMinutes: 120 }, now, policy, noJitter).delayMs).toBe(120 * MIN);
    // A floor lower than the interval changes nothing; an absurd one is capped at the maximum interval.
    expect(nextCheck({ intervalMs: 30 * MIN, consecutiveFailures: 0 }, { outcome: 'ok', maxAgeMs: 60_000 }, now, policy, noJitter).delayMs).toBe(30 * MIN);
    expect(nextCheck({ consecutiveFailures: 0 }, { outcome: 'ok', ttlMinutes: 100_000 }, now, policy, noJitter).delayMs).toBe(24 * 60 * MIN);
  });

  it('never polls faster than the minimum interval', () => {
    expect(nextCheck({ intervalMs: 1000, consecutiveFailures: 0 }, { outcome: 'ok' }, now, policy, () => 0).delayMs).toBe(5 * MIN);
  });

  it('honours Retry-After on 429/503', () => {
    const d = nextCheck({ intervalMs: 30 * MIN, consecutiveFailures: 0 }, { outcome: 'error', status: 429, retryAfterMs: 2 * 3_600_000 }, now, policy, () => 0);
    expect(d).toMatchObject({ delayMs: 2 * 3_600_000, basis: 'retry-after', consecutiveFailures: 1 });
    expect(nextCheck({ consecutiveFailures: 0 }, { outcome: 'error', status: 503, retryAfterMs: 1000 }, now, policy, () => 0).delayMs).toBe(MIN);
    expect(nextCheck({ consecutiveFailures: 0 }, { outcome: 'error', status: 503, retryAfterMs: 30 * 24 * 3_600_000 }, now, policy, noJitter).delayMs).toBe(24 * 3_600_000);
  });

  it('backs off exponentially on consecutive failures (500)', () => {
    const delays: number[] = [];
    let failures = 0;
    for (let i = 0; i < 4; i++) {
      const d = nextCheck({ intervalMs: 30 * MIN, consecutiveFailures: failures }, { outcome: 'error', status: 500 }, now, policy, noJitter);
      delays.push(d.delayMs! / MIN);
      failures = d.consecutiveFailures;
    }
    expect(delays).toEqual([30, 60, 120, 240]);
    expect(nextCheck({ intervalMs: 12 * 3_600_000, consecutiveFailures: 3 }, { outcome: 'error' }, now, policy, noJitter).delayMs).toBe(24 * 3_600_000);
  });

  it('disables a feed after N consecutive failures, with the reason', () => {
    const d = nextCheck({ consecutiveFailures: 4 }, { outcome: 'error', error: 'HTTP 500 from server' }, now, policy, noJitter);
    expect(d).toMatchObject({ disabled: true, nextCheckAt: null, consecutiveFailures: 5, basis: 'disabled' });
    expect(d.disabledReason).toBe('stopped after 5 failures in a row: HTTP 500 from server');
  });

  it('disables on 410 Gone at once', () => {
    expect(nextCheck({ consecutiveFailures: 0 }, { outcome: 'gone', status: 410 }, now, policy, noJitter)).toMatchObject({
      disabled: true,
      disabledReason: 'HTTP 410 Gone: the publisher removed this feed',
    });
  });

  it('spreads first checks and describes delays', () => {
    expect(firstCheck(now, 5 * MIN, () => 0.5).toISOString()).toBe('2024-01-01T00:02:30.000Z');
    expect(describeDelay(35 * MIN)).toBe('next check in 35 min');
  });
});

describe('plain-words errors', () => {
  it('describes statuses', () => {
    expect(describeHttpStatus(500)).toBe('HTTP 500 from server');
    expect(describeHttpStatus(429, 120_000)).toBe('HTTP 429 from server: too many requests, retrying in 2 min');
    expect(describeHttpStatus(404)).toBe('HTTP 404 from server: no feed at this address');
  });
  it('passes through the library errors as one line', () => {
    expect(describeError(new FetchError('too-large', 'response larger than 10 MiB', 'u'))).toBe('response larger than 10 MiB');
    expect(describeError(new FeedParseError('not a feed: malformed XML at line 3 (x)'))).toBe('not a feed: malformed XML at line 3 (x)');
    const decision = new SsrfGuard().decideAddress('10.0.0.1');
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(describeError(new SsrfBlockedError(decision.address, decision.range, undefined, decision.reason))).toBe('address 10.0.0.1 is private and not allowed');
    expect(describeError(new TypeError('x\ny'))).toBe('unexpected error: x y');
  });
});

describe('ConcurrencyLimiter', () => {
  const deferred = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };

  it('bounds work in total and per host, without head-of-line blocking', async () => {
    const limiter = new ConcurrencyLimiter({ maxTotal: 3, maxPerHost: 2 });
    const gates = Array.from({ length: 6 }, deferred);
    const started: string[] = [];
    const hosts = ['a', 'a', 'a', 'b', 'c', 'd'];
    const runs = hosts.map((host, i) =>
      limiter.run(`http://${host}.example/feed`, async () => {
        started.push(`${host}${i}`);
        await gates[i].promise;
        return i;
      }),
    );
    await Promise.resolve();
    // a0, a1 start; a2 waits for host a; b3 takes the third slot ahead of a2.
    expect(started).toEqual(['a0', 'a1', 'b3']);
    expect(limiter.running).toBe(3);
    expect(limiter.runningFor('a.example')).toBe(2);
    gates[3].resolve();
    await runs[3];
    await Promise.resolve();
    expect(started).toEqual(['a0', 'a1', 'b3', 'c4']);
    gates[0].resolve();
    await runs[0];
    await Promise.resolve();
    expect(started).toEqual(['a0', 'a1', 'b3', 'c4', 'a2']);
    gates.forEach((g) => g.resolve());
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(limiter.running).toBe(0);
    expect(limiter.waiting).toBe(0);
  });

  it('releases the slot when a task fails or throws synchronously', async () => {
    const limiter = new ConcurrencyLimiter({ maxTotal: 1, maxPerHost: 1 });
    await expect(limiter.run('h', async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(limiter.run('h', () => { throw new Error('sync'); })).rejects.toThrow('sync');
    await expect(limiter.run('h', async () => 'ok')).resolves.toBe('ok');
  });
});
