import { hash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiKeyEntity, ApiRole } from '../entities';

/** Keys are random 32-byte secrets; only their SHA-256 is stored (a fast hash is right for high-entropy keys). */
export function hashApiKey(key: string): string {
  // one-shot hash: every API request pays for this, and it is a quarter of createHash().update().digest()
  return hash('sha256', key, 'hex');
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

  /** Every key, newest first, revoked ones included (their hashes never leave the repository's callers). */
  list(): Promise<ApiKeyEntity[]> {
    return this.dataSource.getRepository(ApiKeyEntity).find({ order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /** Revokes an active key and returns it; null when no active key has that id. */
  async revoke(id: string): Promise<ApiKeyEntity | null> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ revokedAt: () => 'now()' })
      .where('id = :id AND revoked_at IS NULL', { id })
      .returning(['id'])
      .execute();
    if (!result.affected) return null;
    return this.dataSource.getRepository(ApiKeyEntity).findOneBy({ id });
  }
}
