import { createHmac } from 'node:crypto';
import { nextAttemptAt } from './retry-schedule';
import { DELIVERY_HEADER, sign, SIGNATURE_HEADER, signedHeaders, TIMESTAMP_HEADER, verifySignature } from './signing';

describe('webhook signing', () => {
  const secret = 'whsec_test-only-not-a-real-secret';
  const body = JSON.stringify({ kind: 'statement', evidence: 'Norway will send 400 troops.' });
  const now = new Date('2026-01-15T10:00:00Z');

  it('signs `${timestamp}.${body}` with HMAC-SHA256, as a receiver recomputes it', () => {
    const headers = signedHeaders(secret, 'd-1', body, now);
    const ts = headers[TIMESTAMP_HEADER];
    expect(ts).toBe(String(now.getTime() / 1000));
    expect(headers[DELIVERY_HEADER]).toBe('d-1');
    expect(headers[SIGNATURE_HEADER]).toBe(`sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`);
    expect(verifySignature(secret, { signature: headers[SIGNATURE_HEADER], timestamp: ts }, body, { now })).toBe(true);
  });

  it('rejects another body, another secret, and stale timestamps', () => {
    const ts = now.getTime() / 1000;
    const signature = sign(secret, ts, body);
    expect(verifySignature(secret, { signature, timestamp: String(ts) }, body + ' ', { now })).toBe(false);
    expect(verifySignature('whsec_other', { signature, timestamp: String(ts) }, body, { now })).toBe(false);
    expect(verifySignature(secret, { signature, timestamp: String(ts) }, body, { now: new Date(now.getTime() + 301_000) })).toBe(false);
    expect(verifySignature(secret, { signature: 'sha256=00', timestamp: String(ts) }, body, { now })).toBe(false);
  });
});

describe('retry schedule', () => {
  const first = new Date('2026-01-15T00:00:00Z');

  it('doubles the wait, at most an hour, and gives up after the horizon', () => {
    const schedule = { baseMs: 10_000, maxSeconds: 86_400 };
    expect(nextAttemptAt(schedule, 1, first, first)!.getTime() - first.getTime()).toBe(10_000);
    expect(nextAttemptAt(schedule, 3, first, first)!.getTime() - first.getTime()).toBe(40_000);
    expect(nextAttemptAt(schedule, 20, first, first)!.getTime() - first.getTime()).toBe(3_600_000);
    const late = new Date(first.getTime() + 86_000_000);
    expect(nextAttemptAt(schedule, 30, first, late)).toBeNull();
  });
});
