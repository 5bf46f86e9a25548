import { CanActivate, ExecutionContext, Inject, Injectable, OnApplicationBootstrap, SetMetadata, UnauthorizedException, ForbiddenException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyRepository, ApiRole } from '@stancewatch/persistence';
import { AppConfig, CONFIG } from '@stancewatch/platform';

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

/** Every route needs a valid key unless marked @Public(); keys are looked up by their hash. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; apiKey?: AuthenticatedKey }>();
    const presented = request.headers[API_KEY_HEADER];
    if (!presented) throw new UnauthorizedException(`missing API key: send it in the ${API_KEY_HEADER} header`);
    const key = await this.keys.findActive(presented);
    if (!key) throw new UnauthorizedException('invalid or revoked API key');
    request.apiKey = { id: key.id, name: key.name, role: key.role };
    const allowed = this.reflector.getAllAndOverride<ApiRole[]>(ROLES, targets) ?? ['admin', 'analyst'];
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
