import { BadRequestException, Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { ArticleEntity, ReadModelRepository } from '@stancewatch/persistence';
import { ApiErrors } from '../common/openapi';
import { presentEvent } from '../events/events.controller';

export class ListArticlesQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'only articles of this feed' })
  @IsOptional() @IsUUID('all', { message: 'feedId must be a UUID' })
  feedId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{8,400}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

// Pages go newest first by (ingested_at, id); the cursor is the last row's pair, opaque to clients.
// Postgres keeps microseconds, which a JS Date would round away, so the cursor carries the text.
function encodeCursor(ingestedAt: string, id: string): string {
  return Buffer.from(`${ingestedAt}|${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at))) {
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'cursor: must be the nextCursor of a previous page', fields: [{ field: 'cursor', problems: ['must be the nextCursor of a previous page'] }] });
  }
  return { at, id };
}

export class ArticleQuery {
  @ApiPropertyOptional({ description: 'also list reports a newer extraction of the article replaced', default: false })
  @IsOptional() @IsIn(['true', 'false'], { message: 'includeSuperseded must be true or false' })
  includeSuperseded?: string;
}

function summary(a: ArticleEntity) {
  return { id: a.id, feedId: a.feedId, url: a.url, title: a.title, publishedAt: a.publishedAt, language: a.language, ingestedAt: a.ingestedAt };
}

@ApiTags('articles')
@Controller('api/v1/articles')
export class ArticlesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readModels: ReadModelRepository,
  ) {}

  @Get()
  @ApiOkResponse({ description: '{ items: article summaries, with the number of current (not superseded) events extracted from each; nextCursor }' })
  @ApiErrors(400, 401, 429)
  async list(@Query() query: ListArticlesQuery) {
    const limit = query.limit ?? 50;
    const q = this.dataSource.getRepository(ArticleEntity).createQueryBuilder('a').orderBy('a.ingested_at', 'DESC').addOrderBy('a.id', 'DESC').limit(limit + 1);
    if (query.feedId) q.andWhere('a.feed_id = :feedId', { feedId: query.feedId });
    if (query.cursor) {
      const { at, id } = decodeCursor(query.cursor);
      q.andWhere('(a.ingested_at, a.id) < (CAST(:at AS timestamptz), :id)', { at, id });
    }
    q.addSelect(`to_char(a.ingested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'cursor_at');
    const { entities: rows, raw } = await q.getRawAndEntities<{ cursor_at: string }>();
    const page = rows.slice(0, limit);
    const counts = new Map<string, number>();
    if (page.length) {
      const found: { article_id: string; n: string }[] = await this.dataSource.query(`SELECT article_id, count(*) AS n FROM rm_events WHERE article_id = ANY($1::text[]) AND NOT superseded GROUP BY article_id`, [page.map((a) => a.id)]);
      for (const row of found) counts.set(row.article_id, Number(row.n));
    }
    return {
      items: page.map((a) => ({ ...summary(a), eventCount: counts.get(a.id) ?? 0 })),
      nextCursor: rows.length > limit ? encodeCursor(raw[limit - 1].cursor_at, page[limit - 1].id) : null,
    };
  }

  @Get(':id')
  @ApiOkResponse({ description: 'the article with its text and the events extracted from it (the newest extraction only, unless includeSuperseded=true)' })
  @ApiErrors(400, 401, 404, 429)
  async get(@Param('id') id: string, @Query() query: ArticleQuery) {
    const article = await this.dataSource.getRepository(ArticleEntity).findOneBy({ id });
    if (!article) throw new NotFoundException(`article ${JSON.stringify(id)} not found`);
    const events = await this.readModels.eventsOfArticle(id, query.includeSuperseded === 'true');
    return { ...summary(article), text: article.text, events: events.map(presentEvent) };
  }
}
