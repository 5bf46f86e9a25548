import { Injectable } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { Counter } from 'prom-client';
import { ServiceMetrics } from '@stancewatch/platform';
import { ApiKeyCache, ApiKeyGate, presentedKey } from '../auth/auth';
import { sendErrorResponse } from './error-filter';
import { cacheKey, prepareCachedReply, ReadModelCache } from './read-cache';

/**
 * Answers cache hits from a Fastify onRequest hook, before Nest's router, guards and interceptors,
 * which cost about as much as the rest of a hit. It serves only what it can answer exactly as the
 * Nest path would, and lets everything else through to it:
 *
 * - a URL whose key (cacheKey, as the interceptor builds it) has an entry: an entry exists only after
 *   the Nest path validated that URL and answered it with a 200, so validation 400s, unknown query
 *   parameters and misses all reach Nest, which fills the cache;
 * - a key found active within the last few seconds (ApiKeyCache): one that needs Postgres, or is
 *   unknown (401 invalid), is looked up by the guard;
 * - then the guard's own checks (ApiKeyGate: missing key 401, rate-limit token 429, role 403, against
 *   the access of the handler that answered), with refusals written by the exception filter's writer.
 *
 * Headers, gzip and ETag come from the interceptor's writer (prepareCachedReply); the onSend hook
 * makes 304s and the onResponse hook logs and times the request for both paths.
 */
@Injectable()
export class ReadCacheFastPath {
  /** Counted here and added to the counter on scrape, as the cache's own outcomes are. */
  private readonly counts = { hit: 0, refused: 0 };

  constructor(
    private readonly cache: ReadModelCache,
    private readonly keys: ApiKeyCache,
    private readonly gate: ApiKeyGate,
    private readonly logger: PinoLogger,
    metrics: ServiceMetrics,
  ) {
    logger.setContext('http');
    const counts = this.counts;
    new Counter({
      name: 'stancewatch_api_read_cache_fast_path_total',
      help: 'Cacheable reads answered before Nest routes them: hit (also counted as a read cache hit), refused (401, 403 or 429)',
      labelNames: ['result'],
      registers: [metrics.registry],
      collect() {
        for (const result of ['hit', 'refused'] as const) {
          if (counts[result]) this.inc({ result }, counts[result]);
          counts[result] = 0;
        }
      },
    });
  }

  /** Adds the hook; call after the hooks that must run first (request id header). */
  register(fastify: FastifyInstance): void {
    if (!this.cache.enabled) return;
    fastify.addHook('onRequest', (request, reply, done) => {
      if (request.method !== 'GET') return done();
      const key = cacheKey(request.url);
      const entry = this.cache.peek(key);
      if (!entry) return done();
      const presented = presentedKey(request);
      const apiKey = presented ? this.keys.cached(presented) : null;
      if (apiKey === undefined) return done();
      try {
        this.gate.admit(request, reply, entry.access, apiKey);
      } catch (refusal) {
        this.counts.refused++;
        sendErrorResponse(request, reply, refusal, this.logger);
        return;
      }
      this.cache.markHit(key, entry);
      this.counts.hit++;
      // answering here ends the request: done() is not called, so Nest never sees it
      reply.send(prepareCachedReply(this.cache, request, reply, entry));
    });
  }
}
