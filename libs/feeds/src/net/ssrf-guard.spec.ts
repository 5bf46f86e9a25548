import { request } from 'undici';
import { SsrfBlockedError, SsrfGuard, parseAllowList, type Resolver } from '@stancewatch/feeds/net/ssrf-guard';
import { startLoopbackServer, type LoopbackServer } from '@stancewatch/feeds/testing/loopback-server';

// A fake DNS: no name used in these specs is ever resolved for real.
const fakeDns: Record<string, string[]> = {
  'intranet.example': ['10.0.0.5'],
  'metadata.example': ['169.254.169.254'],
  'mixed.example': ['93.184.216.34', '192.168.1.20'],
  'public.example': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'rebind.example': ['127.0.0.1'],
};
const fakeResolver: Resolver = async (hostname) => {
  const answers = fakeDns[hostname];
  if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

describe('SsrfGuard.decideAddress (no network)', () => {
  const guard = new SsrfGuard({ resolver: fakeResolver });

  it.each([
    ['169.254.169.254', 'linkLocal', /link-local \(cloud metadata endpoint\)/],
    ['10.0.0.1', 'private', /^address 10\.0\.0\.1 is private and not allowed$/],
    ['192.168.1.1', 'private', /private/],
    ['172.16.3.4', 'private', /private/],
    ['fd00::1', 'uniqueLocal', /unique-local/],
    ['fe80::1', 'linkLocal', /link-local/],
    ['127.0.0.1', 'loopback', /loopback/],
    ['::1', 'loopback', /loopback/],
    ['0.0.0.0', 'unspecified', /unspecified/],
    ['::', 'unspecified', /unspecified/],
    ['224.0.0.1', 'multicast', /multicast/],
    ['ff02::1', 'multicast', /multicast/],
    ['255.255.255.255', 'broadcast', /broadcast/],
    ['240.0.0.1', 'reserved', /reserved/],
    ['100.64.0.1', 'carrierGradeNat', /carrier-grade/],
    ['::ffff:10.0.0.1', 'private', /10\.0\.0\.1 is private/],
    ['::ffff:127.0.0.1', 'loopback', /loopback/],
    ['::ffff:169.254.169.254', 'linkLocal', /link-local/],
    ['64:ff9b::a00:1', 'private', /private/],
  ])('refuses %s (%s)', (address, range, reason) => {
    const decision = guard.decideAddress(address);
    expect(decision.allowed).toBe(false);
    expect(decision.range).toBe(range);
    if (!decision.allowed) expect(decision.reason).toMatch(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:93.184.216.34'])('allows public %s', (address) => {
    expect(guard.decideAddress(address).allowed).toBe(true);
  });

  it('rejects what is not an IP address', () => {
    expect(guard.decideAddress('not-an-ip').allowed).toBe(false);
  });
});

describe('allow-list', () => {
  it('parses CIDRs, single addresses and host names from a comma-separated env value', () => {
    const list = parseAllowList(' 127.0.0.0/8, ::1 ,[fd00::1], feeds.internal, *.corp.example ');
    expect(list.cidrs).toHaveLength(3);
    expect([...list.hosts]).toEqual(['feeds.internal']);
    expect(list.domainSuffixes).toEqual(['.corp.example']);
  });

  it('rejects a malformed CIDR loudly rather than silently allowing nothing', () => {
    expect(() => parseAllowList('10.0.0.0/99')).toThrow(/not a valid CIDR/);
  });

  it('lets named ranges through, including their IPv4-mapped IPv6 forms, and nothing else', () => {
    const guard = SsrfGuard.fromEnv({ SSRF_ALLOWLIST: '127.0.0.0/8,::1,10.1.0.0/16' }, fakeResolver);
    expect(guard.decideAddress('127.0.0.1')).toMatchObject({ allowed: true, viaAllowList: true });
    expect(guard.decideAddress('127.9.9.9').allowed).toBe(true);
    expect(guard.decideAddress('::ffff:127.0.0.1').allowed).toBe(true);
    expect(guard.decideAddress('::1').allowed).toBe(true);
    expect(guard.decideAddress('10.1.2.3').allowed).toBe(true);
    expect(guard.decideAddress('10.2.0.1').allowed).toBe(false);
    expect(guard.decideAddress('169.254.169.254').allowed).toBe(false);
  });

  it('a mapped-IPv6 CIDR entry covers the plain IPv4 addresses', () => {
    const guard = new SsrfGuard({ allowList: '::ffff:10.0.0.0/104' });
    expect(guard.decideAddress('10.9.8.7').allowed).toBe(true);
  });

  it('allows any address of an allow-listed host name (and wildcard domains)', async () => {
    const guard = new SsrfGuard({ allowList: 'intranet.example,*.example', resolver: fakeResolver });
    await expect(guard.resolveAndCheck('intranet.example')).resolves.toEqual([{ address: '10.0.0.5', family: 4 }]);
    await expect(guard.resolveAndCheck('metadata.example')).resolves.toHaveLength(1);
  });
});

describe('resolveAndCheck / checkUrl (injected resolver, no packets)', () => {
  const guard = new SsrfGuard({ resolver: fakeResolver });

  it('refuses a host name that resolves to a private address', async () => {
    const err = await guard.resolveAndCheck('intranet.example').catch((e) => e);
    expect(err).toBeInstanceOf(SsrfBlockedError);
    expect(err.message).toBe('address 10.0.0.5 (intranet.example) is private and not allowed');
  });

  it('refuses a name whose answers mix public and private addresses', async () => {
    await expect(guard.resolveAndCheck('mixed.example')).rejects.toThrow(/192\.168\.1\.20.*private/);
  });

  it('refuses a name resolving to the metadata endpoint', async () => {
    await expect(guard.checkUrl('http://metadata.example/latest/meta-data/')).rejects.toThrow(/cloud metadata/);
  });

  it('accepts a public name', async () => {
    await expect(guard.checkUrl('https://public.example/feed.xml')).resolves.toHaveLength(2);
  });

  it('refuses non-HTTP schemes', async () => {
    await expect(guard.checkUrl('file:///etc/passwd')).rejects.toThrow(/scheme file is not allowed/);
    await expect(guard.checkUrl('gopher://public.example/')).rejects.toThrow(/scheme gopher/);
  });

  it('checks literal addresses written in odd forms after URL normalisation', async () => {
    for (const url of ['http://2130706433/', 'http://0x7f.1/', 'http://[::ffff:7f00:1]/', 'http://0177.0.0.1/', 'http://[::]/']) {
      await expect(guard.checkUrl(url)).rejects.toBeInstanceOf(SsrfBlockedError);
    }
  });

  it('the net-style lookup honours all/family and fails closed', (done) => {
    guard.lookup('public.example', { all: true }, (err, addresses) => {
      expect(err).toBeNull();
      expect(addresses).toHaveLength(2);
      guard.lookup('public.example', { family: 6 }, (err6, address6, family6) => {
        expect(err6).toBeNull();
        expect(address6).toBe('2606:2800:220:1:248:1893:25c8:1946');
        expect(family6).toBe(6);
        guard.lookup('intranet.example', {}, (errBlocked) => {
          expect(errBlocked).toBeInstanceOf(SsrfBlockedError);
          done();
        });
      });
    });
  });
});

describe('guarded undici agent, end to end over loopback only', () => {
  let v4: LoopbackServer;
  let v6: LoopbackServer;
  beforeAll(async () => {
    v4 = await startLoopbackServer((_req, res) => res.end('ok'));
    v6 = await startLoopbackServer((_req, res) => res.end('ok'), '::1');
  });
  afterAll(async () => {
    await v4.close();
    await v6.close();
  });

  const loopbackUrls = () => [
    `http://127.0.0.1:${v4.port}/`,
    `http://localhost:${v4.port}/`,
    `http://2130706433:${v4.port}/`,
    `http://0x7f.1:${v4.port}/`,
    `http://0.0.0.0:${v4.port}/`,
    `http://[::1]:${v6.port}/`,
  ];

  it('refuses every loopback form by default', async () => {
    const agent = new SsrfGuard().createAgent();
    try {
      for (const url of loopbackUrls()) {
        const err = await request(url, { dispatcher: agent }).then(
          () => null,
          (e) => e,
        );
        expect(err).toBeInstanceOf(SsrfBlockedError);
        expect(err.message).toMatch(/(loopback|unspecified) and not allowed/);
      }
    } finally {
      await agent.close();
    }
  });

  it('allows them when the operator allow-list names them', async () => {
    const agent = new SsrfGuard({ allowList: '127.0.0.0/8,::1,0.0.0.0' }).createAgent();
    try {
      for (const url of loopbackUrls()) {
        const res = await request(url, { dispatcher: agent });
        expect(await res.body.text()).toBe('ok');
      }
    } finally {
      await agent.close();
    }
  });

  it('checks at connect time, so a name that rebinds to loopback is refused even after a clean pre-check', async () => {
    let answer = '93.184.216.34';
    const rebinding: Resolver = async () => [{ address: answer, family: 4 }];
    const guard = new SsrfGuard({ resolver: rebinding });
    await expect(guard.checkUrl('http://rebind.example/')).resolves.toHaveLength(1);
    answer = '127.0.0.1';
    const agent = guard.createAgent();
    try {
      await expect(request(`http://rebind.example:${v4.port}/`, { dispatcher: agent })).rejects.toThrow(/127\.0\.0\.1 \(rebind\.example\) is loopback/);
    } finally {
      await agent.close();
    }
  });
});
