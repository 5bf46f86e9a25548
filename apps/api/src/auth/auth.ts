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
    const now = Date.now();
    const cached = this.byHash.get(hash);
    if (cached && cached.until > now) return cached.key;
    const found: ApiKeyEntity | null = await this.keys.findActive(presented);
    if (!found) {
      this.byHash.delete(hash);
      return null;
    }
    const key = { id: found.id, name: found.name, role: found.role };
    // unknown keys are not cached, so guessing cannot grow the map; active ones are bounded by the table
    this.byHash.set(hash, { key, until: now + KEY_CACHE_MS });
    return key;
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

/**
 * Every route needs a valid key unless marked @Public(); keys are looked up by their hash. Each
 * key then spends a token of its rate-limit bucket (429 with Retry-After when it has none).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyCache,
    @Inject(RATE_LIMITER) private readonly limiter: TokenBucketLimiter,
  ) {}

  /** Who may call each handler, read from its decorators once rather than on every request. */
  private readonly access = new WeakMap<object, { public: boolean; roles: ApiRole[] }>();

  private accessOf(context: ExecutionContext): { public: boolean; roles: ApiRole[] } {
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

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.accessOf(context);
    if (access.public) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<{ headers: Record<string, string | undefined>; apiKey?: AuthenticatedKey }>();
    const presented = request.headers[API_KEY_HEADER];
    if (!presented) throw new UnauthorizedException(`missing API key: send it in the ${API_KEY_HEADER} header`);
    const key = await this.keys.find(presented);
    if (!key) throw new UnauthorizedException('invalid or revoked API key');
    request.apiKey = key;
    const taken = this.limiter.take(key.id);
    const reply = http.getResponse<{ header(name: string, value: string): unknown }>();
    if (!taken.allowed) {
      reply.header('retry-after', String(taken.retryAfterSeconds));
      throw new TooManyRequestsException(taken.retryAfterSeconds);
    }
    if (this.limiter.enabled) {
      reply.header('x-ratelimit-limit', String(this.limiter.perMinute));
      reply.header('x-ratelimit-remaining', String(taken.remaining));
    }
    const allowed = access.roles;
    if (!allowed.includes(key.role)) throw new ForbiddenException(`this needs the ${allowed.join(' or ')} role; your key is ${key.role}`);
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
