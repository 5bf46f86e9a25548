import { CanActivate, ExecutionContext, ForbiddenException, HttpException, HttpStatus, Inject, Injectable, OnApplicationBootstrap, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyEntity, ApiKeyRepository, ApiRole, hashApiKey } from '@stancewatch/persistence';
import { AppConfig, CONFIG } from '@stancewatch/platform';
import { TokenBucketLimiter } from './rate-limiter';

export const API_KEY_HEADER = 'x-api-key';
const ROLES = 'stancewatch.roles';
const PUBLIC = 'stancewatch.public';

/** Who may call a route: analysts read, admins also manage feeds and keys. */
export const Roles = (...roles: ApiRole[]) => SetMetadata(ROLES, roles);
export const Public = () => SetMetadata(PUBLIC, true);

export interface AuthenticatedKey {
  id: string;
  name: string;
  role: ApiRole;
}

const KEY_CACHE_MS = 5_000;

/**
 * Active keys by hash, cached briefly so a read does not cost a key lookup in Postgres. A key
 * revoked through this API replica stops working at once; through another replica, within
 * KEY_CACHE_MS.
 */
@Injectable()
export class ApiKeyCache {
  private readonly byHash = new Map<string, { key: AuthenticatedKey; until: number }>();

  constructor(private readonly keys: ApiKeyRepository) {}

  async find(presented: string): Promise<AuthenticatedKey | null> {
    const hash = hashApiKey(presented);
    const known = this.fresh(hash);
    if (known) return known;
    const found: ApiKeyEntity | null = await this.keys.findActive(presented);
    if (!found) {
      this.byHash.delete(hash);
      return null;
    }
    const key = { id: found.id, name: found.name, role: found.role };
    // unknown keys are not cached, so guessing cannot grow the map; active ones are bounded by the table
    this.byHash.set(hash, { key, until: Date.now() + KEY_CACHE_MS });
    return key;
  }

  /** The key if it was found active within KEY_CACHE_MS, without asking Postgres; undefined when that takes a lookup. */
  cached(presented: string): AuthenticatedKey | undefined {
    return this.fresh(hashApiKey(presented));
  }

  private fresh(hash: string): AuthenticatedKey | undefined {
    const cached = this.byHash.get(hash);
    return cached && cached.until > Date.now() ? cached.key : undefined;
  }

  forget(id: string): void {
    for (const [hash, entry] of this.byHash) if (entry.key.id === id) this.byHash.delete(hash);
  }
}

export class TooManyRequestsException extends HttpException {
  constructor(retryAfterSeconds: number) {
    super(
      { statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message: `rate limit of this API key exceeded; retry in ${retryAfterSeconds} s`, retryAfterSeconds },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

export const RATE_LIMITER = Symbol('stancewatch.rate-limiter');

/** Who may call a handler: read from its decorators (@Public, @Roles). */
export interface RouteAccess {
  public: boolean;
  roles: ApiRole[];
}

/** Route access per handler, read from its decorators once rather than on every request. */
@Injectable()
export class RouteAccessReader {
  private readonly access = new WeakMap<object, RouteAccess>();

  constructor(private readonly reflector: Reflector) {}

  of(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    let access = this.access.get(handler);
    if (!access) {
      const targets = [handler, context.getClass()];
      access = {
        public: !!this.reflector.getAllAndOverride<boolean>(PUBLIC, targets),
        roles: this.reflector.getAllAndOverride<ApiRole[]>(ROLES, targets) ?? ['admin', 'analyst'],
      };
      this.access.set(handler, access);
    }
    return access;
  }
}

export interface KeyedRequest {
  headers: Record<string, string | string[] | undefined>;
  apiKey?: AuthenticatedKey;
}
interface HeaderReply {
  header(name: string, value: string): unknown;
}

/** The API key a request presents, if any. */
export function presentedKey(request: KeyedRequest): string | undefined {
  const presented = request.headers[API_KEY_HEADER];
  return typeof presented === 'string' && presented ? presented : undefined;
}

/**
 * What a request to a non-public route must pass once its key is looked up, in this order: a known
 * key (401), a token of that key's rate-limit bucket (429 with Retry-After), the route's role (403).
 * The guard and the read cache's Fastify fast path both call it, so both answer alike.
 */
@Injectable()
export class ApiKeyGate {
  constructor(@Inject(RATE_LIMITER) private readonly limiter: TokenBucketLimiter) {}

  /** Throws the 401/429/403 the request gets, or records its key on it and sets the rate-limit headers. */
  admit(request: KeyedRequest, reply: HeaderReply, access: RouteAccess, key: AuthenticatedKey | null): void {
    if (access.public) return;
    if (!presentedKey(request)) throw new UnauthorizedException(`missing API key: send it in the ${API_KEY_HEADER} header`);
    if (!key) throw new UnauthorizedException('invalid or revoked API key');
    request.apiKey = key;
    const taken = this.limiter.take(key.id);
    if (!taken.allowed) {
      reply.header('retry-after', String(taken.retryAfterSeconds));
      throw new TooManyRequestsException(taken.retryAfterSeconds);
    }
    if (this.limiter.enabled) {
      reply.header('x-ratelimit-limit', String(this.limiter.perMinute));
      reply.header('x-ratelimit-remaining', String(taken.remaining));
    }
    if (!access.roles.includes(key.role)) throw new ForbiddenException(`this needs the ${access.roles.join(' or ')} role; your key is ${key.role}`);
  }
}

/**
 * Every route needs a valid key unless marked @Public(); keys are looked up by their hash. Each
 * key then spends a token of its rate-limit bucket (429 with Retry-After when it has none).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly routes: RouteAccessReader,
    private readonly keys: ApiKeyCache,
    private readonly gate: ApiKeyGate,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.routes.of(context);
    if (access.public) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<KeyedRequest>();
    const presented = presentedKey(request);
    this.gate.admit(request, http.getResponse<HeaderReply>(), access, presented ? await this.keys.find(presented) : null);
    return true;
  }
}

/** Registers the operator's bootstrap admin key from ADMIN_API_KEY (stored hashed, like any other). */
@Injectable()
export class AdminKeyBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.adminApiKey) await this.keys.ensure('bootstrap admin (ADMIN_API_KEY)', this.config.adminApiKey, 'admin');
  }
}
