export interface ConcurrencyLimits {
  /** Fetches in flight overall. */
  maxTotal: number;
  /** Fetches in flight to one host (politeness). */
  maxPerHost: number;
}

interface Waiting {
  host: string;
  start: () => void;
}

/**
 * Bounds concurrent work overall and per host. Waiting tasks start in arrival order, except that a task
 * whose host is at its limit lets later tasks for other hosts go first (no head-of-line blocking).
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly perHost = new Map<string, number>();
  private readonly queue: Waiting[] = [];

  constructor(readonly limits: ConcurrencyLimits = { maxTotal: 32, maxPerHost: 2 }) {
    if (limits.maxTotal < 1 || limits.maxPerHost < 1) throw new Error('concurrency limits must be at least 1');
  }

  get running(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  runningFor(host: string): number {
    return this.perHost.get(host.toLowerCase()) ?? 0;
  }

  /** Runs `task` once a slot for `hostOrUrl` (a host name or a URL) is free. */
  run<T>(hostOrUrl: string, task: () => Promise<T>): Promise<T> {
    const host = hostKey(hostOrUrl);
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.active++;
        this.perHost.set(host, (this.perHost.get(host) ?? 0) + 1);
        let promise: Promise<T>;
        try {
          promise = task();
        } catch (err) {
          promise = Promise.reject(err);
        }
        promise.then(resolve, reject).finally(() => this.release(host));
      };
      if (this.canStart(host)) start();
      else this.queue.push({ host, start });
    });
  }

  private canStart(host: string): boolean {
    return this.active < this.limits.maxTotal && (this.perHost.get(host) ?? 0) < this.limits.maxPerHost;
  }

  private release(host: string): void {
    this.active--;
    const remaining = (this.perHost.get(host) ?? 1) - 1;
    if (remaining > 0) this.perHost.set(host, remaining);
    else this.perHost.delete(host);
    for (let i = 0; i < this.queue.length && this.active < this.limits.maxTotal; ) {
      const next = this.queue[i];
      if (this.canStart(next.host)) {
        this.queue.splice(i, 1);
        next.start();
      } else {
        i++;
      }
    }
  }
}

function hostKey(hostOrUrl: string): string {
  if (hostOrUrl.includes('://')) {
    try {
      return new URL(hostOrUrl).host.toLowerCase();
    } catch {
      // fall through: treat the string itself as the key
    }
  }
  return hostOrUrl.toLowerCase();
}
