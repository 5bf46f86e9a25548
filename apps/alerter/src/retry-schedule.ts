/** Exponential backoff: base, 2×base, 4×base… each wait at most an hour, until `maxSeconds` after the first attempt. */
export interface RetrySchedule {
  baseMs: number;
  maxSeconds: number;
}

const MAX_WAIT_MS = 3_600_000;

/** When to try again after `attempts` failed attempts, or null to give up. */
export function nextAttemptAt(schedule: RetrySchedule, attempts: number, firstAttemptAt: Date, now: Date = new Date()): Date | null {
  const wait = Math.min(schedule.baseMs * 2 ** Math.min(attempts - 1, 30), MAX_WAIT_MS);
  const next = new Date(now.getTime() + wait);
  return next.getTime() - firstAttemptAt.getTime() > schedule.maxSeconds * 1000 ? null : next;
}
