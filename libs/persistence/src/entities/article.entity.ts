import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An article as ingested: the text the extractor reads and re-reads on re-extraction. */
@Entity({ name: 'articles' })
export class ArticleEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('IDX_articles_feed_id')
  @Column({ name: 'feed_id', type: 'uuid', nullable: true })
  feedId!: string | null;

  @Column({ type: 'text', nullable: true })
  guid!: string | null;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  language!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'content_hash', type: 'text' })
  contentHash!: string;

  @Index('IDX_articles_ingested_at')
  @Column({ name: 'ingested_at', type: 'timestamptz', default: () => 'now()' })
  ingestedAt!: Date;
}
