import { DataSource, EntityManager } from 'typeorm';
import { ArticleEntity } from '../entities';

export type NewArticle = Omit<ArticleEntity, 'ingestedAt'>;

export class ArticleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts articles not stored yet and returns the ids that were new (the ones to announce). */
  async insertNew(manager: EntityManager, articles: NewArticle[]): Promise<Set<string>> {
    if (articles.length === 0) return new Set();
    const result = await manager.createQueryBuilder().insert().into(ArticleEntity).values(articles).orIgnore().returning(['id']).execute();
    return new Set((result.raw as { id: string }[]).map((row) => row.id));
  }

  async existingIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM articles WHERE id = ANY($1::text[])`, [ids]);
    return new Set(rows.map((row) => row.id));
  }

  get(id: string): Promise<ArticleEntity | null> {
    return this.dataSource.getRepository(ArticleEntity).findOneBy({ id });
  }

  async list(options: { limit: number; after?: string | null; feedId?: string | null }): Promise<ArticleEntity[]> {
    const query = this.dataSource.getRepository(ArticleEntity).createQueryBuilder('a').orderBy('a.ingested_at', 'DESC').addOrderBy('a.id', 'DESC').limit(options.limit);
    if (options.feedId) query.andWhere('a.feed_id = :feedId', { feedId: options.feedId });
    return query.getMany();
  }
}
