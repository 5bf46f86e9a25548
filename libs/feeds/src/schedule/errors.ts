import { FetchError, formatDuration } from '../net/http-fetcher';
import { SsrfBlockedError } from '../net/ssrf-guard';
import { FeedParseError } from '../parse/xml-sanitise';

/** A non-2xx HTTP status as the feed's "last error", in plain words. */
export function describeHttpStatus(status: number, retryAfterMs?: number | null): string {
  const retry = retryAfterMs ? `, retrying in ${formatDuration(Math.max(1000, Math.round(retryAfterMs / 1000) * 1000))}` : '';
  switch (status) {
    case 401:
      return 'HTTP 401 from server: the feed needs a login';
    case 403:
      return 'HTTP 403 from server: access refused';
    case 404:
      return 'HTTP 404 from server: no feed at this address';
    case 410:
      return 'HTTP 410 from server: the feed was removed for good';
    case 429:
      return `HTTP 429 from server: too many requests${retry}`;
    case 503:
      return `HTTP 503 from server: temporarily unavailable${retry}`;
    default:
      return `HTTP ${status} from server${retry}`;
  }
}

/** Any error from fetching or parsing as one line for the feed's "last error". */
export function describeError(err: unknown): string {
  if (err instanceof FetchError || err instanceof SsrfBlockedError || err instanceof FeedParseError) return oneLine(err.message);
  if (err instanceof Error) return oneLine(`unexpected error: ${err.message}`);
  return oneLine(`unexpected error: ${String(err)}`);
}

function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim().slice(0, 500);
}
