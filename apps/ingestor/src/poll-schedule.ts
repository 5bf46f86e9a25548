import { DEFAULT_SCHEDULE_POLICY, nextCheck, PollResult } from '@stancewatch/feeds';
import { FeedEntity, FeedPollState } from '@stancewatch/persistence';

export interface PollScheduleOptions {
  /** Failures in a row after which the feed is disabled (FEED_MAX_CONSECUTIVE_FAILURES). */
  maxConsecutiveFailures?: number;
}

/** The feed's state after a poll: the library's scheduling policy decides when to look next. */
export function nextPollState(feed: FeedEntity, result: PollResult, newArticles: number, now: Date, options: PollScheduleOptions = {}): FeedPollState {
  const decision = nextCheck(
    { intervalMs: feed.intervalSeconds * 1000, consecutiveFailures: feed.consecutiveErrors },
    {
      outcome: result.outcome,
      status: result.http.status,
      maxAgeMs: result.http.maxAgeMs,
      expiresInMs: result.http.expiresInMs,
      retryAfterMs: result.http.retryAfterMs,
      ttlMinutes: result.feed?.ttlMinutes ?? null,
      error: result.error ?? null,
    },
    now,
    {
      ...DEFAULT_SCHEDULE_POLICY,
      // an admin who sets a short interval means it; the policy's floor only guards the default
      minIntervalMs: Math.min(DEFAULT_SCHEDULE_POLICY.minIntervalMs, feed.intervalSeconds * 1000),
      maxConsecutiveFailures: options.maxConsecutiveFailures ?? DEFAULT_SCHEDULE_POLICY.maxConsecutiveFailures,
    },
  );
  const failed = result.outcome === 'error' || result.outcome === 'gone';
  return {
    url: movedTo(feed.url, result),
    title: result.feed?.title || feed.title,
    status: decision.disabled ? 'disabled' : undefined,
    disabledReason: decision.disabled ? decision.disabledReason : undefined,
    disabledAt: decision.disabled ? now : undefined,
    etag: result.http.etag,
    lastModified: result.http.lastModified,
    lastFetchedAt: now,
    lastNewItemAt: newArticles > 0 ? now : feed.lastNewItemAt,
    // a disabled feed is never claimed; keeping a date avoids a NULL in a NOT NULL column
    nextCheckAt: decision.nextCheckAt ?? now,
    consecutiveErrors: decision.consecutiveFailures,
    lastError: failed ? (result.error ?? 'unknown error') : null,
    itemsSeenDelta: newArticles,
  };
}

/**
 * The URL a subscription moves to: only after a successful fetch whose every redirect was permanent
 * (301/308), as RFC 9110 lets a client update its links then. Each hop already passed the SSRF guard.
 */
export function movedTo(current: string, result: PollResult): string | undefined {
  if (!result.http.permanentlyMoved || (result.outcome !== 'ok' && result.outcome !== 'not-modified')) return undefined;
  let next: URL;
  try {
    next = new URL(result.http.finalUrl);
  } catch {
    return undefined;
  }
  if ((next.protocol !== 'http:' && next.protocol !== 'https:') || next.username || next.password) return undefined;
  const url = next.toString();
  return url === current ? undefined : url;
}
