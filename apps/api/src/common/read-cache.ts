import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, OnApplicationBootstrap, OnApplicationShutdown, UseInterceptors } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { Client } from 'pg';
import { Counter, Gauge } from 'prom-client';
import { map, Observable, of } from 'rxjs';
import { READ_MODELS_CHANGED_CHANNEL } from '@stancewatch/persistence';
import { AppConfig, CONFIG, ServiceMetrics } from '@stancewatch/platform';
import { RouteAccess, RouteAccessReader } from '../auth/auth';

export interface CachedResponse {
  body: Buffer;
  etag: string;
  /** Who may read it: the access of the handler that answered (the fast path checks it before Nest routes). */
  access: RouteAccess;
  /** The body gzipped, made on the first request that accepts it (only for entries held by the cache). */
  gzipped?: Buffer;
  /** Whether the cache holds this entry (its bytes are counted). */
  held?: boolean;
}

/** Smaller bodies are not worth compressing. */
const GZIP_MIN_BYTES = 1024;

// a restarting Postgres takes seconds; retrying faster than this only adds failed connections
const RECONNECT_MIN_MS = 1000;
const RECONNECT_MAX_MS = 10_000;
const PING_MS = 15_000;

/**
 * Serialised responses of reads that depend only on the read models (and the issue catalogue, fixed
 * per process), keyed by normalised URL, least recently used dropped first beyond API_READ_CACHE_MB.
 *
 * Not a TTL: read models change only when the projector (or a rebuild switch) commits, and each such
 * commit NOTIFYs READ_MODELS_CHANGED_CHANNEL. One LISTEN connection empties the cache on every
 * notification. While that connection is down nothing is served from or stored in the cache, and
 * when it is back the cache starts empty, since notifications sent meanwhile were missed.
 *
 * A response read before a commit can come back after its notification: every change of state bumps
 * `generation`, and a response is stored only if the generation is the one seen before its read began.
 */
@Injectable()
export class ReadModelCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;
  private generation = 0;
  private listening = false;
  private client: Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private reconnectDelay = RECONNECT_MIN_MS;
  private closed = false;
  readonly maxBytes: number;
  private readonly outcomes: Counter<'result'>;
  /** Counted here and added to the counter on scrape, so a hit costs an increment, not a label hash. */
  private readonly counts = { hit: 0, miss: 0, bypass: 0 };

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
    metrics: ServiceMetrics,
  ) {
    logger.setContext('read-cache');
    this.maxBytes = config.apiReadCacheMb * 1024 * 1024;
    const cache = this;
    this.outcomes = new Counter({
      name: 'stancewatch_api_read_cache_requests_total',
      help: 'Cacheable API reads by outcome: hit, miss (read and stored), bypass (cache off or its LISTEN connection down)',
      labelNames: ['result'],
      registers: [metrics.registry],
      collect() {
        for (const result of ['hit', 'miss', 'bypass'] as const) {
          if (cache.counts[result]) this.inc({ result }, cache.counts[result]);
          cache.counts[result] = 0;
        }
      },
    });
    new Gauge({
      name: 'stancewatch_api_read_cache_listening',
      help: '1 while the API hears read-model change notifications (its cache is in use), else 0',
      registers: [metrics.registry],
      collect() {
        this.set(cache.listening ? 1 : 0);
      },
    });
    new Gauge({
      name: 'stancewatch_api_read_cache_bytes',
      help: 'Bytes of responses held by the API read cache',
      registers: [metrics.registry],
      collect() {
        this.set(cache.bytes);
      },
    });
  }

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  /** True while notifications are heard, i.e. while cached responses can be trusted. */
  get active(): boolean {
    return this.listening;
  }

  get size(): number {
    return this.entries.size;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.enabled) await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    const client = this.client;
    this.client = null;
    this.goDown();
    await client?.end().catch(() => undefined);
  }

  /** The generation a read starts in; pass it back to `store`. */
  get currentGeneration(): number {
    return this.generation;
  }

  lookup(key: string): CachedResponse | undefined {
    if (!this.listening) {
      this.counts.bypass++;
      return undefined;
    }
    const entry = this.entries.get(key);
    if (!entry) {
      this.counts.miss++;
      return undefined;
    }
    this.markHit(key, entry);
    return entry;
  }

  /** The entry the cache would serve for `key`, without counting or reordering anything (the fast path looks before it knows it may serve). */
  peek(key: string): CachedResponse | undefined {
    return this.listening ? this.entries.get(key) : undefined;
  }

  /** Counts a served hit and makes the entry the most recently used. */
  markHit(key: string, entry: CachedResponse): void {
    this.counts.hit++;
    // most recently used goes to the end of the Map's order
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  /** Serialises a fresh response (a string is JSON text already); keeps it if nothing changed since `generation` was read. */
  store(key: string, generation: number, value: unknown, access: RouteAccess): CachedResponse {
    const body = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
    const entry: CachedResponse = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, access };
    if (!this.listening || generation !== this.generation || body.length > this.maxBytes) return entry;
    const previous = this.entries.get(key);
    if (previous) this.drop(key, previous);
    this.entries.set(key, entry);
    entry.held = true;
    this.bytes += body.length;
    this.evictBeyondLimit();
    return entry;
  }

  /** The gzipped body of an entry the cache holds, compressed once; null for one it does not hold. */
  gzipped(entry: CachedResponse): Buffer | null {
    if (!entry.held) return null;
    if (!entry.gzipped) {
      entry.gzipped = gzipSync(entry.body);
      this.bytes += entry.gzipped.length;
      this.evictBeyondLimit();
    }
    return entry.gzipped;
  }

  private drop(key: string, entry: CachedResponse): void {
    this.entries.delete(key);
    entry.held = false;
    this.bytes -= entry.body.length + (entry.gzipped?.length ?? 0);
  }

  private evictBeyondLimit(): void {
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest, old);
    }
  }

  /** Drops everything (a commit was announced, or the listener came up after missing some). */
  invalidate(): void {
    this.generation++;
    for (const entry of this.entries.values()) entry.held = false;
    this.entries.clear();
    this.bytes = 0;
  }

  private goDown(): void {
    this.listening = false;
    this.invalidate();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'stancewatch-api-read-cache', keepAlive: true });
    this.client = client;
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.client = null;
      if (this.pingTimer) clearInterval(this.pingTimer);
      this.pingTimer = null;
      if (this.listening) this.logger.warn({ reason }, 'lost the read-model change listener; cache bypassed until it is back');
      this.goDown();
      void client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', (err) => lost(err.message));
    client.on('end', () => lost('connection ended'));
    client.on('notification', (message) => {
      if (message.channel === READ_MODELS_CHANGED_CHANNEL) this.invalidate();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${READ_MODELS_CHANGED_CHANNEL}`);
    } catch (err) {
      lost((err as Error).message);
      return;
    }
    if (this.client !== client) return;
    // whatever was committed before LISTEN took effect is visible to every read from now on
    this.invalidate();
    this.listening = true;
    this.reconnectDelay = RECONNECT_MIN_MS;
    // a connection that died silently would keep the cache on without notifications: ask it now and then
    this.pingTimer = setInterval(() => {
      client.query('SELECT 1').catch((err: Error) => lost(err.message));
    }, PING_MS);
    this.pingTimer.unref();
    this.logger.info('listening for read-model changes; read cache on');
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }
}

/** Query parameters in name order (repeated names keep their order), so `?b=1&a=2` and `?a=2&b=1` share an entry. */
export function cacheKey(url: string): string {
  const q = url.indexOf('?');
  if (q < 0 || url.indexOf('&', q) < 0) return url;
  const params = url.slice(q + 1).split('&');
  const names = params.map((p) => {
    const eq = p.indexOf('=');
    return eq < 0 ? p : p.slice(0, eq);
  });
  let ordered = true;
  for (let i = 1; i < names.length && ordered; i++) ordered = names[i - 1] <= names[i];
  // every request pays for this: a URL already in order (the usual case) is its own key
  if (ordered) return url;
  const order = params.map((_, i) => i).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : a - b));
  return `${url.slice(0, q)}?${order.map((i) => params[i]).join('&')}`;
}

export interface CacheableRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}
export interface CacheableReply {
  header(name: string, value: string): unknown;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Sets a cached response's headers and returns the body to send: gzipped (with its own ETag) when
 * it is 1 kB or more and the client accepts gzip. The one writer of cached responses, for the Nest
 * interceptor and the Fastify fast path alike (the onSend hook turns a matching If-None-Match into a 304).
 */
export function prepareCachedReply(cache: ReadModelCache, request: CacheableRequest, reply: CacheableReply, entry: CachedResponse): Buffer {
  reply.header('content-type', JSON_TYPE);
  // the response needs an API key: shared caches must not keep it, clients revalidate with the ETag
  reply.header('cache-control', 'private, no-cache');
  if (entry.body.length >= GZIP_MIN_BYTES) {
    reply.header('vary', 'accept-encoding');
    const gzipped = acceptsGzip(request.headers['accept-encoding']) ? cache.gzipped(entry) : null;
    if (gzipped) {
      reply.header('content-encoding', 'gzip');
      // each representation has its own strong ETag
      reply.header('etag', `${entry.etag.slice(0, -1)}-gzip"`);
      return gzipped;
    }
  }
  reply.header('etag', entry.etag);
  return entry.body;
}

/**
 * Serves GETs from the ReadModelCache when the Fastify fast path (read-cache-fast-path.ts) did not,
 * and fills it. It runs after the guards, so the key check, the rate limit and the role check still
 * happen on every request; a hit skips validation and the handler, which is safe because a URL is
 * only ever stored after it validated and was answered with a 200.
 */
@Injectable()
export class ReadCacheInterceptor implements NestInterceptor {
  constructor(
    private readonly cache: ReadModelCache,
    private readonly routes: RouteAccessReader,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.cache.enabled) return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<CacheableRequest>();
    if (request.method !== 'GET') return next.handle();
    const reply = http.getResponse<CacheableReply>();
    const key = cacheKey(request.url);
    const hit = this.cache.lookup(key);
    if (hit) return of(prepareCachedReply(this.cache, request, reply, hit));
    const generation = this.cache.currentGeneration;
    const access = this.routes.of(context);
    return next.handle().pipe(map((value) => prepareCachedReply(this.cache, request, reply, this.cache.store(key, generation, value, access))));
  }
}

/** Whether an Accept-Encoding header accepts gzip (named, with no q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  for (const part of header.split(',')) {
    const [coding, ...params] = part.split(';');
    if (coding.trim().toLowerCase() !== 'gzip') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/** Marks a controller or handler whose GET responses depend only on the read models (a handler returning a string returns JSON text). */
export const CachedReads = () => UseInterceptors(ReadCacheInterceptor);

/** True when an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GETs). */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  for (const candidate of ifNoneMatch.split(',')) {
    const tag = candidate.trim();
    if ((tag.startsWith('W/') ? tag.slice(2) : tag) === etag) return true;
  }
  return false;
}

/** A 200 GET whose ETag the caller already has becomes a 304 without a body. */
export function registerConditionalGet(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch === undefined || reply.statusCode !== 200 || request.method !== 'GET') return done(null, payload);
    const etag = reply.getHeader('etag');
    if (typeof etag !== 'string' || !etagMatches(ifNoneMatch, etag)) return done(null, payload);
    reply.code(304);
    reply.removeHeader('content-type');
    reply.removeHeader('content-encoding');
    reply.removeHeader('content-length');
    done(null, null);
  });
}
