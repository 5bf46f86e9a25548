import { lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';
import type { LookupAddress, LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector } from 'undici';

/**
 * SSRF guard shared by feed fetching and (later) webhook delivery.
 *
 * The decision is made on the *resolved* address at connection time (a custom undici connector plus a guarded
 * DNS lookup), never on the URL string alone: a hostname that resolves to 10.0.0.1, a DNS answer that changes
 * between a check and the connect (rebinding), and every redirect hop all go through the same gate, because each
 * of them has to open a socket through it.
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a hostname to every address it has. Injected in tests so no real DNS is needed. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface SsrfGuardOptions {
  /** CIDRs, single addresses or host names (`*.example.org` for a whole domain); a string is split on commas. */
  allowList?: string | readonly string[];
  resolver?: Resolver;
}

export type SsrfDecision =
  | { allowed: true; address: string; range: string; viaAllowList: boolean }
  | { allowed: false; address: string; range: string; reason: string };

export class SsrfBlockedError extends Error {
  readonly code = 'ESSRFBLOCKED';
  constructor(
    readonly address: string,
    readonly range: string,
    readonly hostname: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'SsrfBlockedError';
  }
}

// ipaddr.js range names that are ordinary, publicly routable destinations.
const PUBLIC_RANGES = new Set(['unicast', 'as112', 'as112v6', 'amt']);

// Plain words for the feed's "last error".
const RANGE_WORDS: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT (shared)',
  private: 'private',
  reserved: 'reserved',
  uniqueLocal: 'unique-local',
  ipv4Mapped: 'an IPv4-mapped form',
  rfc6145: 'an IPv4-translated form',
  rfc6052: 'a NAT64 form',
  '6to4': 'a 6to4 tunnel address',
  teredo: 'a Teredo tunnel address',
  benchmarking: 'reserved for benchmarking',
  discard: 'a discard-only address',
  deprecatedSiteLocal: 'site-local (deprecated)',
  deprecatedOrchid: 'reserved (ORCHID)',
  orchid2: 'reserved (ORCHIDv2)',
  droneRemoteIdProtocolEntityTags: 'reserved (DRIP)',
  segmentRouting: 'reserved (segment routing)',
  invalid: 'not a valid IP address',
};

const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254']);

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

interface AllowList {
  cidrs: Cidr[];
  hosts: Set<string>;
  domainSuffixes: string[];
}

export function parseAllowList(spec: string | readonly string[] | undefined): AllowList {
  const entries = (typeof spec === 'string' ? spec.split(',') : spec ?? []).map((e) => e.trim()).filter(Boolean);
  const list: AllowList = { cidrs: [], hosts: new Set(), domainSuffixes: [] };
  for (const entry of entries) {
    const bare = entry.replace(/^\[(.*)\]$/, '$1');
    if (bare.includes('/')) {
      try {
        list.cidrs.push(normaliseCidr(ipaddr.parseCIDR(bare)));
        continue;
      } catch {
        throw new Error(`SSRF allow-list entry "${entry}" is not a valid CIDR`);
      }
    }
    if (ipaddr.isValid(bare)) {
      const address = ipaddr.process(bare);
      list.cidrs.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (bare.startsWith('*.')) {
      list.domainSuffixes.push(bare.slice(1).toLowerCase());
    } else {
      list.hosts.add(bare.toLowerCase().replace(/\.$/, ''));
    }
  }
  return list;
}

function normaliseCidr([address, bits]: Cidr): Cidr {
  // ::ffff:10.0.0.0/104 means 10.0.0.0/8; matching is done on processed (unmapped) addresses.
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    return [(address as ipaddr.IPv6).toIPv4Address(), bits - 96];
  }
  return [address, bits];
}

export async function systemResolver(hostname: string): Promise<ResolvedAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) reject(err);
      else resolve(addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })));
    });
  });
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

export class SsrfGuard {
  private readonly allowList: AllowList;
  private readonly resolver: Resolver;

  constructor(options: SsrfGuardOptions = {}) {
    this.allowList = parseAllowList(options.allowList);
    this.resolver = options.resolver ?? systemResolver;
  }

  /** Guard configured from SSRF_ALLOWLIST (e.g. "127.0.0.0/8,::1,feeds.internal"). */
  static fromEnv(env: NodeJS.ProcessEnv = process.env, resolver?: Resolver): SsrfGuard {
    return new SsrfGuard({ allowList: env.SSRF_ALLOWLIST, resolver });
  }

  isHostAllowListed(hostname: string): boolean {
    const host = stripBrackets(hostname).toLowerCase().replace(/\.$/, '');
    if (this.allowList.hosts.has(host)) return true;
    return this.allowList.domainSuffixes.some((suffix) => host.endsWith(suffix));
  }

  /** Pure decision on one address; `hostname` only serves the allow-list of host names and the message. */
  decideAddress(rawAddress: string, hostname?: string): SsrfDecision {
    const literal = stripBrackets(rawAddress);
    if (!ipaddr.isValid(literal)) {
      return { allowed: false, address: literal, range: 'invalid', reason: `address ${literal} is not a valid IP address` };
    }
    // process() unwraps ::ffff:a.b.c.d so a mapped loopback/private address is judged as the IPv4 it is.
    const address = ipaddr.process(literal);
    const shown = address.toString();
    let range = address.range();
    if (range === 'rfc6052' && address.kind() === 'ipv6') {
      // NAT64 (64:ff9b::/96) reaches the embedded IPv4 address: judge that one.
      const embedded = ipaddr.fromByteArray((address as ipaddr.IPv6).toByteArray().slice(12));
      range = PUBLIC_RANGES.has(embedded.range()) ? 'unicast' : embedded.range();
    }
    const viaAllowList = this.matchesAllowedCidr(address) || (hostname !== undefined && this.isHostAllowListed(hostname));
    if (PUBLIC_RANGES.has(range)) return { allowed: true, address: shown, range, viaAllowList: false };
    if (viaAllowList) return { allowed: true, address: shown, range, viaAllowList: true };
    const words = RANGE_WORDS[range] ?? range;
    const metadata = METADATA_ADDRESSES.has(shown) ? ' (cloud metadata endpoint)' : '';
    return {
      allowed: false,
      address: shown,
      range,
      reason: `address ${shown}${hostname && stripBrackets(hostname) !== literal ? ` (${hostname})` : ''} is ${words}${metadata} and not allowed`,
    };
  }

  /** Throws SsrfBlockedError when any address of `hostname` is refused; returns the addresses otherwise. */
  async resolveAndCheck(hostname: string): Promise<ResolvedAddress[]> {
    const host = stripBrackets(hostname);
    const family = isIP(host);
    const addresses: ResolvedAddress[] = family ? [{ address: host, family: family as 4 | 6 }] : await this.resolver(host);
    if (addresses.length === 0) throw Object.assign(new Error(`no address found for ${host}`), { code: 'ENOTFOUND' });
    // A name with one private answer among public ones is refused outright: the connect could pick any of them.
    for (const { address } of addresses) {
      const decision = this.decideAddress(address, host);
      if (!decision.allowed) throw new SsrfBlockedError(decision.address, decision.range, host, decision.reason);
    }
    return addresses;
  }

  /** Pre-flight check of a URL (scheme and resolved addresses), e.g. when a webhook is registered. */
  async checkUrl(url: string | URL): Promise<ResolvedAddress[]> {
    const parsed = typeof url === 'string' ? new URL(url) : url;
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new SsrfBlockedError('', 'scheme', parsed.hostname, `scheme ${parsed.protocol.replace(/:$/, '')} is not allowed`);
    }
    return this.resolveAndCheck(parsed.hostname);
  }

  /** A `net.connect` compatible lookup that only ever yields checked addresses. */
  readonly lookup = (hostname: string, options: LookupOptions | number | LookupCallback, callback?: LookupCallback): void => {
    const cb = (typeof options === 'function' ? options : callback) as LookupCallback;
    const opts: LookupOptions = typeof options === 'object' && options !== null ? options : {};
    this.resolveAndCheck(hostname).then(
      (addresses) => {
        const wanted = opts.family === 4 || opts.family === 6 ? addresses.filter((a) => a.family === opts.family) : addresses;
        if (wanted.length === 0) {
          cb(Object.assign(new Error(`no IPv${opts.family} address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
        } else if (opts.all) {
          cb(null, wanted.map((a) => ({ address: a.address, family: a.family })));
        } else {
          cb(null, wanted[0].address, wanted[0].family);
        }
      },
      (err: NodeJS.ErrnoException) => cb(err, '', 0),
    );
  };

  /**
   * An undici connector: IP literals are checked here (Node skips lookup for them), names go through the
   * guarded lookup, so the socket can only ever be opened to a checked address.
   */
  connector(options: buildConnector.BuildOptions = {}): buildConnector.connector {
    const base = buildConnector({ ...options, lookup: this.lookup } as buildConnector.BuildOptions);
    return (connectOptions, callback) => {
      const host = stripBrackets(connectOptions.hostname);
      if (isIP(host)) {
        const decision = this.decideAddress(host);
        if (!decision.allowed) {
          callback(new SsrfBlockedError(decision.address, decision.range, host, decision.reason), null);
          return;
        }
      }
      base(connectOptions, callback);
    };
  }

  /** An undici Agent whose every connection (first request, redirects, retries) passes the guard. */
  createAgent(options: Omit<Agent.Options, 'connect'> & { connect?: buildConnector.BuildOptions } = {}): Agent {
    const { connect, ...agentOptions } = options;
    return new Agent({ ...agentOptions, connect: this.connector(connect) });
  }

  private matchesAllowedCidr(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
    return this.allowList.cidrs.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits));
  }
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
