import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { ApiKeyEntity, ApiKeyRepository, ApiRole } from '@stancewatch/persistence';
import { ApiKeyCache, Roles } from '../auth/auth';
import { ApiErrors } from '../common/openapi';
import { uuidParam } from '../validation';

const ROLES: ApiRole[] = ['admin', 'analyst'];

export class CreateKeyBody {
  @ApiProperty({ description: 'What the key is for, e.g. "dashboard (prod)"', minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: ROLES, description: 'analyst: read and own subscriptions; admin: also feeds and keys' })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: ApiRole;
}

export class ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: ApiRole;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) revokedAt!: string | null;
}

export class CreatedApiKey extends ApiKeyView {
  @ApiProperty({ description: 'The key itself: shown this once, only its SHA-256 hash is stored' })
  key!: string;
}

function present(k: ApiKeyEntity): ApiKeyView {
  return { id: k.id, name: k.name, role: k.role, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null };
}

@ApiTags('keys')
@Controller('api/v1/keys')
@Roles('admin')
export class KeysController {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly cache: ApiKeyCache,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKey })
  @ApiErrors(400, 401, 403, 429)
  async create(@Body() body: CreateKeyBody): Promise<CreatedApiKey> {
    const { key, entity } = await this.keys.create(body.name, body.role);
    return { ...present(entity), key };
  }

  @Get()
  @ApiOkResponse({ type: ApiKeyView, isArray: true })
  @ApiErrors(401, 403, 429)
  async list(): Promise<{ items: ApiKeyView[] }> {
    return { items: (await this.keys.list()).map(present) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'revoked: the key stops working at once' })
  @ApiErrors(400, 401, 403, 404, 429)
  async revoke(@Param('id', uuidParam('id')) id: string): Promise<void> {
    const revoked = await this.keys.revoke(id);
    if (!revoked) throw new NotFoundException(`no active API key ${id}`);
    this.cache.forget(id);
  }
}
