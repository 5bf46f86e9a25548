// Webhook signatures: HMAC-SHA256 over `${timestamp}.${body}` with the subscription's secret, so a
// receiver can check both who sent it and that it is fresh (reject old timestamps against replays).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-stancewatch-signature';
export const TIMESTAMP_HEADER = 'x-stancewatch-timestamp';
export const DELIVERY_HEADER = 'x-stancewatch-delivery';

export function sign(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** The headers of one attempt; the timestamp is the attempt's, so each retry is signed afresh. */
export function signedHeaders(secret: string, deliveryId: string, body: string, now: Date = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'content-type': 'application/json',
    [SIGNATURE_HEADER]: sign(secret, timestamp, body),
    [TIMESTAMP_HEADER]: String(timestamp),
    [DELIVERY_HEADER]: deliveryId,
  };
}

/** What a receiver does: constant-time compare, and refuse timestamps older than `toleranceSeconds`. */
export function verifySignature(secret: string, headers: { signature: string; timestamp: string }, body: string, options: { toleranceSeconds?: number; now?: Date } = {}): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp)) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(sign(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
