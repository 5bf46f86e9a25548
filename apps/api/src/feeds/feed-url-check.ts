import { Resolver, SsrfBlockedError, SsrfGuard, systemResolver } from '@stancewatch/feeds';

/** Optional provider: the resolver used for the registration check (tests inject one; default: the system's). */
export const FEED_URL_RESOLVER = Symbol('FEED_URL_RESOLVER');

const RESOLVE_TIMEOUT_MS = 3_000;

export type FeedUrlVerdict = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Registration-time check of a feed URL: syntax, scheme, and the SSRF guard's decision on every address it
 * resolves to — without connecting. The fetcher checks again on every connection (DNS can change); this only
 * stops an obviously internal URL from being accepted. A name that cannot be resolved right now is accepted:
 * the poll will report it, and a feed host may be briefly down.
 */
export class FeedUrlCheck {
  private readonly guard: SsrfGuard;

  constructor(allowList: readonly string[], resolver: Resolver = systemResolver) {
    this.guard = new SsrfGuard({ allowList, resolver: withTimeout(resolver, RESOLVE_TIMEOUT_MS) });
  }

  async check(raw: string): Promise<FeedUrlVerdict> {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      return { ok: false, reason: 'not a valid URL' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `scheme ${url.protocol.replace(/:$/, '')} is not allowed; use http or https` };
    if (url.username || url.password) return { ok: false, reason: 'credentials in the URL are not allowed' };
    try {
      await this.guard.checkUrl(url);
    } catch (err) {
      if (err instanceof SsrfBlockedError) return { ok: false, reason: `refused by the SSRF guard: ${err.message}` };
      // resolution failed or timed out: not a reason to refuse the subscription
    }
    return { ok: true, url: url.toString() };
  }
}

function withTimeout(resolver: Resolver, ms: number): Resolver {
  return (hostname) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(Object.assign(new Error(`resolving ${hostname} timed out`), { code: 'ETIMEOUT' })), ms);
      resolver(hostname).then(
        (addresses) => {
          clearTimeout(timer);
          resolve(addresses);
        },
        (err) => {
          clearTimeout(timer);
          reject(err);
        },
      );
    });
}
