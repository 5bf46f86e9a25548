import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { Transform as TransformStream, type Readable, type Transform, type TransformCallback } from 'node:stream';
import { request, type Dispatcher } from 'undici';
import { SsrfBlockedError, SsrfGuard } from './ssrf-guard';

export const DEFAULT_USER_AGENT = 'stancewatch-feeds/0.1 (feed reader; +https://github.com/stancewatch/stancewatch)';
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface HttpFetcherOptions {
  /** Gate for every connection. Defaults to SSRF_ALLOWLIST from the environment. */
  guard?: SsrfGuard;
  userAgent?: string;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  /** Deadline for the whole body, so a server trickling one byte at a time cannot hold a slot for ever. */
  bodyTimeoutMs?: number;
  maxBodyBytes?: number;
  maxRedirects?: number;
  /** Connections kept per origin by the shared agent. */
  connectionsPerOrigin?: number;
}

export interface ConditionalRequest {
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  maxBodyBytes?: number;
  signal?: AbortSignal;
}

export interface CachingHeaders {
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
  /** Cache-Control max-age, in ms (s-maxage ignored; no-store/no-cache give null). */
  maxAgeMs: number | null;
  /** Expires, as a delay in ms from the server's Date (or from now when it sent none). */
  expiresInMs: number | null;
  /** Retry-After (seconds or an HTTP date) as a delay in ms. */
  retryAfterMs: number | null;
}

export interface HttpFetchResult {
  status: number;
  /** URL after redirects. */
  url: string;
  /** Every hop followed, in order, with its status. */
  redirects: { url: string; status: number }[];
  /** True when every redirect was permanent (301/308): the subscription may be moved to `url`. */
  permanentlyMoved: boolean;
  notModified: boolean;
  headers: CachingHeaders;
  /** Decoded (decompressed) body; empty for 304 and for error statuses. */
  body: Buffer;
}

export type FetchErrorKind =
  | 'bad-url'
  | 'blocked'
  | 'dns'
  | 'connect'
  | 'timeout-connect'
  | 'timeout-headers'
  | 'timeout-body'
  | 'too-large'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'decode'
  | 'network';

/** A failure that never produced a usable HTTP response; `message` is written for a human reading the feed list. */
export class FetchError extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FetchError';
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ERROR_BODY_DRAIN_BYTES = 64 * 1024;

export class HttpFetcher {
  readonly guard: SsrfGuard;
  private readonly agent: Dispatcher;
  private readonly userAgent: string;
  private readonly headersTimeoutMs: number;
  private readonly bodyTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly maxBodyBytes: number;
  private readonly maxRedirects: number;

  constructor(options: HttpFetcherOptions = {}) {
    this.guard = options.guard ?? SsrfGuard.fromEnv();
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.headersTimeoutMs = options.headersTimeoutMs ?? 15_000;
    this.bodyTimeoutMs = options.bodyTimeoutMs ?? 30_000;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.maxRedirects = options.maxRedirects ?? 5;
    this.agent = this.guard.createAgent({
      connect: { timeout: this.connectTimeoutMs },
      connections: options.connectionsPerOrigin ?? 4,
      headersTimeout: this.headersTimeoutMs,
      bodyTimeout: this.bodyTimeoutMs,
      keepAliveTimeout: 4_000,
    });
  }

  async fetch(url: string, conditional: ConditionalRequest = {}): Promise<HttpFetchResult> {
    let current = parseHttpUrl(url, url);
    const visited = new Set<string>([stripFragment(current)]);
    const redirects: HttpFetchResult['redirects'] = [];
    let permanentlyMoved = true;

    for (;;) {
      const response = await this.send(current, conditional);
      const location = response.headers['location'];
      if (REDIRECT_STATUSES.has(response.statusCode) && typeof location === 'string' && location) {
        await discard(response.body);
        const next = parseHttpUrl(location, url, current);
        redirects.push({ url: next.href, status: response.statusCode });
        if (response.statusCode !== 301 && response.statusCode !== 308) permanentlyMoved = false;
        if (visited.has(stripFragment(next))) {
          throw new FetchError('redirect-loop', `redirect loop: ${current.href} redirects back to ${next.href}`, url);
        }
        if (redirects.length > this.maxRedirects) {
          throw new FetchError('too-many-redirects', `too many redirects (more than ${this.maxRedirects})`, url);
        }
        visited.add(stripFragment(next));
        current = next;
        continue;
      }

      const headers = cachingHeaders(response.headers);
      const base = {
        status: response.statusCode,
        url: current.href,
        redirects,
        permanentlyMoved: redirects.length > 0 && permanentlyMoved,
        headers,
      };
      if (response.statusCode === 304) {
        await discard(response.body);
        return { ...base, notModified: true, body: Buffer.alloc(0) };
      }
      if (response.statusCode < 200 || response.statusCode >= 300) {
        await discard(response.body);
        return { ...base, notModified: false, body: Buffer.alloc(0) };
      }
      const body = await this.readBody(response, current.href, conditional.maxBodyBytes ?? this.maxBodyBytes, url);
      return { ...base, notModified: false, body };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private async send(target: URL, conditional: ConditionalRequest): Promise<Dispatcher.ResponseData> {
    const headers: Record<string, string> = {
      'user-agent': this.userAgent,
      accept:
        conditional.accept ??
        'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (conditional.etag) headers['if-none-match'] = conditional.etag;
    if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
    try {
      return await request(target, {
        method: 'GET',
        headers,
        dispatcher: this.agent,
        headersTimeout: this.headersTimeoutMs,
        bodyTimeout: this.bodyTimeoutMs,
        signal: conditional.signal,
      });
    } catch (err) {
      throw this.describe(err, target);
    }
  }

  private async readBody(response: Dispatcher.ResponseData, where: string, cap: number, requested: string): Promise<Buffer> {
    const declared = Number(response.headers['content-length']);
    const encodings = headerValue(response.headers['content-encoding'])
      ?.toLowerCase()
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e && e !== 'identity');
    if (!encodings?.length && Number.isFinite(declared) && declared > cap) {
      response.body.destroy();
      throw new FetchError('too-large', `response larger than ${formatBytes(cap)}`, requested);
    }

    let stream: Readable = response.body;
    const decoders: Transform[] = [];
    try {
      // Content-Encoding lists codings in the order applied, so undo them from the last.
      for (const encoding of [...(encodings ?? [])].reverse()) decoders.push(decoderFor(encoding, requested));
    } catch (err) {
      response.body.destroy();
      throw err;
    }
    for (const decoder of decoders) stream = stream.pipe(decoder);
    const destroyAll = (err?: Error) => {
      response.body.destroy(err);
      for (const decoder of decoders) decoder.destroy(err);
    };
    for (const decoder of decoders) decoder.on('error', (err) => response.body.destroy(err));

    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      destroyAll(new Error('body deadline'));
    }, this.bodyTimeoutMs);
    const chunks: Buffer[] = [];
    let received = 0;
    try {
      for await (const chunk of stream) {
        // Counted after decompression too, so a small gzip bomb cannot expand past the cap.
        received += (chunk as Buffer).length;
        if (received > cap) {
          destroyAll();
          throw new FetchError('too-large', `response larger than ${formatBytes(cap)}`, requested);
        }
        chunks.push(chunk as Buffer);
      }
    } catch (err) {
      if (err instanceof FetchError) throw err;
      if (timedOut) {
        throw new FetchError('timeout-body', `timed out reading the body after ${formatDuration(this.bodyTimeoutMs)}`, requested, { cause: err });
      }
      const code = (err as { code?: string }).code ?? '';
      if (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR__ERROR_FORMAT_PADDING_1') {
        throw new FetchError('decode', `could not decompress the response from ${new URL(where).host}`, requested, { cause: err });
      }
      throw this.describe(err, new URL(where));
    } finally {
      clearTimeout(deadline);
    }
    return Buffer.concat(chunks, received);
  }

  /** Maps undici / net / guard errors to a FetchError with a plain-words message. */
  private describe(err: unknown, target: URL): FetchError {
    const url = target.href;
    if (err instanceof FetchError) return err;
    if (err instanceof SsrfBlockedError) return new FetchError('blocked', err.message, url, { cause: err });
    const code = (err as { code?: string }).code ?? '';
    const host = target.host;
    switch (code) {
      case 'UND_ERR_CONNECT_TIMEOUT':
        return new FetchError('timeout-connect', `timed out connecting to ${host} after ${formatDuration(this.connectTimeoutMs)}`, url, { cause: err });
      case 'UND_ERR_HEADERS_TIMEOUT':
        return new FetchError('timeout-headers', `timed out waiting for headers after ${formatDuration(this.headersTimeoutMs)}`, url, { cause: err });
      case 'UND_ERR_BODY_TIMEOUT':
        return new FetchError('timeout-body', `timed out reading the body after ${formatDuration(this.bodyTimeoutMs)}`, url, { cause: err });
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
      case 'EAI_FAIL':
        return new FetchError('dns', `could not resolve host ${target.hostname}`, url, { cause: err });
      case 'ECONNREFUSED':
        return new FetchError('connect', `connection refused by ${host}`, url, { cause: err });
      case 'ECONNRESET':
      case 'UND_ERR_SOCKET':
        return new FetchError('network', `connection to ${host} was closed unexpectedly`, url, { cause: err });
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return new FetchError('connect', `host ${host} is unreachable`, url, { cause: err });
      case 'UND_ERR_ABORTED':
      case 'ABORT_ERR':
        return new FetchError('network', `request to ${host} was aborted`, url, { cause: err });
      default: {
        const detail = err instanceof Error ? err.message : String(err);
        return new FetchError('network', `network error talking to ${host}: ${detail}`, url, { cause: err });
      }
    }
  }
}

function decoderFor(encoding: string, url: string): Transform {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return new DeflateDecoder();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new FetchError('decode', `unsupported content encoding "${encoding}"`, url);
  }
}

/** "deflate" is zlib-wrapped per RFC, but some servers send raw deflate: pick the decoder on the first byte. */
class DeflateDecoder extends TransformStream {
  private inner: Transform | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      this.inner = (chunk[0] & 0x0f) === 0x08 ? createInflate() : createInflateRaw();
      this.inner.on('data', (data: Buffer) => this.push(data));
      this.inner.on('error', (err) => this.destroy(err));
    }
    this.inner.write(chunk, callback);
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) return callback();
    this.inner.once('end', () => callback());
    this.inner.end();
  }
}

function parseHttpUrl(raw: string, requested: string, base?: URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(raw, base);
  } catch {
    throw new FetchError('bad-url', `not a valid URL: ${raw}`, requested);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError('bad-url', `only http and https URLs can be fetched, not ${parsed.protocol.replace(/:$/, '')}`, requested);
  }
  if (parsed.username || parsed.password) {
    // Credentials in feed URLs would be sent to every redirect target; refuse rather than leak them.
    throw new FetchError('bad-url', 'URLs with embedded credentials are not supported', requested);
  }
  return parsed;
}

function stripFragment(url: URL): string {
  return url.href.replace(/#.*$/, '');
}

async function discard(body: Readable): Promise<void> {
  let seen = 0;
  try {
    for await (const chunk of body) {
      seen += (chunk as Buffer).length;
      if (seen > ERROR_BODY_DRAIN_BYTES) break;
    }
  } catch {
    // The body of a response we are not going to use may fail; nothing to report.
  } finally {
    body.destroy();
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

export function cachingHeaders(raw: Record<string, string | string[] | undefined>, now = Date.now()): CachingHeaders {
  const dateHeader = parseHttpDate(headerValue(raw['date']));
  const serverNow = dateHeader ?? now;
  const expires = headerValue(raw['expires']);
  const expiresAt = expires === undefined ? null : parseHttpDate(expires);
  return {
    etag: headerValue(raw['etag']) ?? null,
    lastModified: headerValue(raw['last-modified']) ?? null,
    contentType: headerValue(raw['content-type']) ?? null,
    maxAgeMs: parseMaxAge(headerValue(raw['cache-control'])),
    // An unparseable Expires ("0", "-1") means "already expired" per RFC 9111.
    expiresInMs: expires === undefined ? null : expiresAt === null ? 0 : Math.max(0, expiresAt - serverNow),
    retryAfterMs: parseRetryAfter(headerValue(raw['retry-after']), now),
  };
}

export function parseMaxAge(cacheControl: string | undefined): number | null {
  if (!cacheControl) return null;
  const directives = cacheControl.toLowerCase().split(',').map((d) => d.trim());
  if (directives.some((d) => d === 'no-store' || d === 'no-cache')) return null;
  for (const directive of directives) {
    const match = /^max-age\s*=\s*"?(\d+)"?$/.exec(directive);
    if (match) return Number(match[1]) * 1000;
  }
  return null;
}

/** Retry-After: delay-seconds or an HTTP date; returns a delay in ms (never negative), null when absent/garbage. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = parseHttpDate(trimmed);
  return at === null ? null : Math.max(0, at - now);
}

export function parseHttpDate(value: string | undefined): number | null {
  if (!value) return null;
  // IMF-fixdate, RFC 850 and asctime all parse with Date; bare numbers ("0") are not dates here.
  if (/^\s*-?\d+\s*$/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 120) return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
  const minutes = seconds / 60;
  return `${Number.isInteger(minutes) ? minutes : minutes.toFixed(1)} min`;
}
