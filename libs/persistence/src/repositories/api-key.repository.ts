import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiKeyEntity, ApiRole } from '../entities';

/** Keys are random 32-byte secrets; only their SHA-256 is stored (a fast hash is right for high-entropy keys). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(name: string, role: ApiRole): Promise<{ key: string; entity: ApiKeyEntity }> {
    const key = `sw_${randomBytes(32).toString('base64url')}`;
    const entity = await this.dataSource.getRepository(ApiKeyEntity).save({ name, role, keyHash: hashApiKey(key), revokedAt: null });
    return { key, entity };
  }

  /** Registers a key whose secret comes from the environment (the bootstrap admin key). */
  async ensure(name: string, key: string, role: ApiRole): Promise<void> {
    await this.dataSource.query(`INSERT INTO api_keys (name, key_hash, role) VALUES ($1, $2, $3) ON CONFLICT (key_hash) DO NOTHING`, [name, hashApiKey(key), role]);
  }

  findActive(key: string): Promise<ApiKeyEntity | null> {
    return this.dataSource.getRepository(ApiKeyEntity).createQueryBuilder('k').where('k.key_hash = :hash AND k.revoked_at IS NULL', { hash: hashApiKey(key) }).getOne();
  }
}
