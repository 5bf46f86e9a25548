import { SsrfBlockedError, SsrfGuard } from '@stancewatch/feeds';

/**
 * Subscription-time check of a webhook URL with the same SSRF guard as feeds. The alerter checks
 * again on every connection (DNS can change); this refuses an obviously internal URL up front.
 */
export async function checkWebhookUrl(guard: SsrfGuard, raw: string): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a valid URL';
  }
  if (url.username || url.password) return 'credentials in the URL are not allowed; authenticate with the signature instead';
  try {
    await Promise.race([guard.checkUrl(url), new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
  } catch (err) {
    if (err instanceof SsrfBlockedError) return `refused by the SSRF guard: ${err.message}`;
    // resolution failed: the delivery attempts will report it, as for feeds
  }
  return null;
}
