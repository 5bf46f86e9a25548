/** Query parameters that only say where a click came from; never part of what a page is. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'mc_cid', 'mc_eid', 'igshid', 'igsh', '_hsenc', '_hsmi', 'hsctatracking', 'mkt_tok', 'ref_src', 'ref_url',
  'wt_mc', 'wt.mc_id', 'wt_zmc', 'ncid', 'cmpid', 'ocid', 'sr_share', 's_cid', 'cid_source', 'at_medium',
  'at_campaign', 'at_custom1', 'at_custom2', 'at_custom3', 'at_custom4', '__twitter_impression', 'oly_enc_id',
  'oly_anon_id', 'vero_id', 'vero_conv', 'rb_clickid', 'spm', 'share', 'smid', 'xtor', 'ito', 'feature',
  'rss', 'from_rss', 'rss_source', 'traffic_source', 'campaign_id', 'ad_id', 'guccounter', 'guce_referrer',
  'guce_referrer_sig', 'soc_src', 'soc_trk', 'sh', 'tpcc',
]);

const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'matomo_', 'ga_', 'hmb_', 'icid', 'at_', 'stm_'];

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * Canonical form of an article URL, used for identity and display: scheme and host lower-cased (WHATWG URL
 * does that, and IDN → punycode), default port and fragment dropped, tracking parameters removed, the rest of
 * the query kept in its original order (reordering can change meaning on some servers). Null for non-HTTP URLs.
 */
export function canonicalUrl(raw: string | null | undefined, base?: string): string | null {
  if (!raw || !raw.trim()) return null;
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  url.hostname = url.hostname.replace(/\.$/, '');
  if (url.search) {
    const kept = url.search
      .slice(1)
      .split('&')
      .filter((pair) => pair && !isTrackingParam(safeDecode(pair.split('=')[0])));
    url.search = kept.length ? `?${kept.join('&')}` : '';
  }
  return url.href;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
