import { formatDuration } from '../net/http-fetcher';

export interface SchedulePolicy {
  /** Interval for a feed with no per-feed setting. */
  defaultIntervalMs: number;
  /** Never poll a feed more often than this, whatever the feed asks. */
  minIntervalMs: number;
  /** Never leave a healthy feed unpolled for longer than this, whatever max-age/ttl say. */
  maxIntervalMs: number;
  /** ± fraction of the delay, so feeds added together do not stay in lock-step. */
  jitterRatio: number;
  /** Upper bound of exponential backoff and of an honoured Retry-After. */
  maxBackoffMs: number;
  /** After this many failures in a row the feed stops being polled and is flagged. */
  maxConsecutiveFailures: number;
}

export const DEFAULT_SCHEDULE_POLICY: SchedulePolicy = {
  defaultIntervalMs: 30 * 60_000,
  minIntervalMs: 5 * 60_000,
  maxIntervalMs: 24 * 3_600_000,
  jitterRatio: 0.1,
  maxBackoffMs: 24 * 3_600_000,
  maxConsecutiveFailures: 10,
};

export interface FeedScheduleState {
  /** Per-feed interval; the policy default when absent. */
  intervalMs?: number | null;
  consecutiveFailures: number;
}

/** What a poll told us, as far as scheduling is concerned (a subset of PollResult). */
export interface PollSignal {
  outcome: 'ok' | 'not-modified' | 'error' | 'gone';
  status?: number | null;
  maxAgeMs?: number | null;
  expiresInMs?: number | null;
  retryAfterMs?: number | null;
  ttlMinutes?: number | null;
  error?: string | null;
}

export interface ScheduleDecision {
  /** When to poll next; null when the feed is disabled. */
  nextCheckAt: Date | null;
  delayMs: number | null;
  consecutiveFailures: number;
  disabled: boolean;
  /** Why it was disabled, in plain words. */
  disabledReason: string | null;
  /** Which rule set the delay, for the feed's state page and for tests. */
  basis: 'interval' | 'cache-floor' | 'retry-after' | 'backoff' | 'disabled';
}

/**
 * Pure scheduling decision after a poll.
 * - success: the feed interval, raised to the publisher's own floor (Cache-Control max-age, Expires, RSS ttl);
 * - 429/503 (or any failure) with Retry-After: that delay;
 * - other failures: exponential backoff from the interval (1×, 2×, 4×, …);
 * - N failures in a row, or HTTP 410: disabled.
 * Jitter is applied last, never below the publisher's floor or Retry-After.
 */
export function nextCheck(
  state: FeedScheduleState,
  signal: PollSignal,
  now: Date = new Date(),
  policy: SchedulePolicy = DEFAULT_SCHEDULE_POLICY,
  random: () => number = Math.random,
): ScheduleDecision {
  const interval = clamp(state.intervalMs ?? policy.defaultIntervalMs, policy.minIntervalMs, policy.maxIntervalMs);

  if (signal.outcome === 'gone' || signal.status === 410) {
    return disabled(state.consecutiveFailures, 'HTTP 410 Gone: the publisher removed this feed');
  }

  if (signal.outcome === 'ok' || signal.outcome === 'not-modified') {
    const floor = Math.max(signal.maxAgeMs ?? 0, signal.expiresInMs ?? 0, (signal.ttlMinutes ?? 0) * 60_000);
    const cappedFloor = Math.min(floor, policy.maxIntervalMs);
    const base = Math.max(interval, cappedFloor);
    const delay = Math.max(jitter(base, policy.jitterRatio, random), cappedFloor, policy.minIntervalMs);
    return scheduled(now, Math.min(delay, policy.maxIntervalMs), 0, cappedFloor > interval ? 'cache-floor' : 'interval');
  }

  const failures = state.consecutiveFailures + 1;
  if (failures >= policy.maxConsecutiveFailures) {
    const last = signal.error ? `: ${signal.error}` : '';
    return disabled(failures, `stopped after ${failures} failures in a row${last}`);
  }
  if (signal.retryAfterMs !== null && signal.retryAfterMs !== undefined) {
    const wait = clamp(signal.retryAfterMs, 60_000, policy.maxBackoffMs);
    const delay = Math.min(Math.max(jitter(wait, policy.jitterRatio, random), wait), policy.maxBackoffMs);
    return scheduled(now, delay, failures, 'retry-after');
  }
  const backoff = Math.min(interval * 2 ** Math.min(failures - 1, 30), policy.maxBackoffMs);
  return scheduled(now, Math.min(jitter(backoff, policy.jitterRatio, random), policy.maxBackoffMs), failures, 'backoff');
}

/** First check of a newly added feed: soon, spread over a few minutes. */
export function firstCheck(now: Date = new Date(), spreadMs = 5 * 60_000, random: () => number = Math.random): Date {
  return new Date(now.getTime() + Math.floor(random() * spreadMs));
}

/** Plain words for a feed's state page, e.g. "next check in 35 min". */
export function describeDelay(delayMs: number): string {
  return `next check in ${formatDuration(Math.round(delayMs / 1000) * 1000)}`;
}

function scheduled(now: Date, delayMs: number, consecutiveFailures: number, basis: ScheduleDecision['basis']): ScheduleDecision {
  const delay = Math.round(delayMs);
  return {
    nextCheckAt: new Date(now.getTime() + delay),
    delayMs: delay,
    consecutiveFailures,
    disabled: false,
    disabledReason: null,
    basis,
  };
}

function disabled(consecutiveFailures: number, reason: string): ScheduleDecision {
  return { nextCheckAt: null, delayMs: null, consecutiveFailures, disabled: true, disabledReason: reason, basis: 'disabled' };
}

function jitter(value: number, ratio: number, random: () => number): number {
  return value * (1 + ratio * (2 * random() - 1));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
