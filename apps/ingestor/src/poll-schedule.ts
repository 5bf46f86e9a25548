import { DEFAULT_SCHEDULE_POLICY, nextCheck, PollResult } from '@stancewatch/feeds';
import { FeedEntity, FeedPollState } from '@stancewatch/persistence';

/** The feed's state after a poll: the library's scheduling policy decides when to look next. */
export function nextPollState(feed: FeedEntity, result: PollResult, newArticles: number, now: Date): FeedPollState {
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
    { ...DEFAULT_SCHEDULE_POLICY, minIntervalMs: Math.min(DEFAULT_SCHEDULE_POLICY.minIntervalMs, feed.intervalSeconds * 1000) },
  );
  const failed = result.outcome === 'error' || result.outcome === 'gone';
  return {
    title: result.feed?.title ?? feed.title,
    status: decision.disabled ? 'disabled' : undefined,
    etag: result.http.etag,
    lastModified: result.http.lastModified,
    lastFetchedAt: now,
    lastNewItemAt: newArticles > 0 ? now : feed.lastNewItemAt,
    nextCheckAt: decision.nextCheckAt ?? now,
    consecutiveErrors: decision.consecutiveFailures,
    lastError: decision.disabled ? decision.disabledReason : failed ? (result.error ?? 'unknown error') : null,
    itemsSeenDelta: newArticles,
  };
}
