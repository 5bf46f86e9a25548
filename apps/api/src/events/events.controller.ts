import { BadRequestException, Controller, Get, Header, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { POSITION_EVENT_TYPES } from '@stancewatch/domain/catalogue';
import { PositionEventViewEntity, ReadModelRepository } from '@stancewatch/persistence';
import { IssueCatalogue } from '../common/catalogue';
import { ApiErrors } from '../common/openapi';
import { CachedReads } from '../common/read-cache';
import { uuidParam } from '../validation';

const DATE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;
const CODE = /^[A-Za-z][A-Za-z0-9-]{1,15}$/;

export class ListEventsQuery {
  @ApiPropertyOptional({ description: 'country (ISO 3166 alpha-2) or organisation code', example: 'FR' })
  @IsOptional() @IsString() @Matches(CODE, { message: 'actor must be a country or organisation code' })
  actor?: string;

  @ApiPropertyOptional({ enum: POSITION_EVENT_TYPES })
  @IsOptional() @IsIn(POSITION_EVENT_TYPES as unknown as string[], { message: `type must be one of ${POSITION_EVENT_TYPES.join(', ')}` })
  type?: string;

  @ApiPropertyOptional({ description: 'an issue id from GET /api/v1/issues', example: 'ukraine-security-force' })
  @IsOptional() @IsString()
  issue?: string;

  @ApiPropertyOptional({ description: 'a target country or organisation code', example: 'UA' })
  @IsOptional() @IsString() @Matches(CODE, { message: 'target must be a country or organisation code' })
  target?: string;

  @ApiPropertyOptional({ description: 'statements made on or after this day (YYYY-MM-DD or YYYY-MM)' })
  @IsOptional() @Matches(DATE, { message: 'statedFrom must be YYYY-MM-DD or YYYY-MM' })
  statedFrom?: string;

  @ApiPropertyOptional({ description: 'statements made on or before this day (YYYY-MM-DD or YYYY-MM)' })
  @IsOptional() @Matches(DATE, { message: 'statedTo must be YYYY-MM-DD or YYYY-MM' })
  statedTo?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1 })
  @IsOptional() @Type(() => Number) @IsNumber({}, { message: 'minConfidence must be a number between 0 and 1' }) @Min(0) @Max(1)
  minConfidence?: number;

  @ApiPropertyOptional({ description: 'words the evidence sentence contains (case-insensitive)', maxLength: 200 })
  @IsOptional() @IsString() @Length(1, 200, { message: 'text must be 1 to 200 characters' })
  text?: string;

  @ApiPropertyOptional({ description: 'also list reports a newer extraction of their article replaced', default: false })
  @IsOptional() @IsIn(['true', 'false'], { message: 'includeSuperseded must be true or false' })
  includeSuperseded?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @Matches(/^\d{1,19}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

/** An event as the API shows it; the list's items are the same, built in SQL (ReadModelRepository.listEventItemsJson). */
export function presentEvent(e: PositionEventViewEntity) {
  const payload = e.payload as { asset?: unknown; quantity?: unknown; conditions?: unknown };
  return {
    eventId: e.eventId,
    type: e.type,
    actor: e.actor,
    actorRole: e.actorRole,
    target: e.target,
    issues: e.issues,
    statedOn: e.statedOn,
    observedAt: e.observedAt,
    asset: payload.asset ?? [],
    quantity: payload.quantity ?? null,
    conditions: payload.conditions ?? [],
    evidence: e.evidence,
    articleId: e.articleId,
    url: e.url,
    confidence: e.confidence,
    sourceCount: e.sourceCount,
    superseded: e.superseded,
  };
}

function badFilter(field: string, problem: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `${field}: ${problem}`, fields: [{ field, problems: [problem] }] });
}

// A month bound covers the whole month: statedTo=2026-01 includes 2026-01-31 (and a bare 2026-01).
const startOf = (d: string) => (d.length === 7 ? `${d}-01` : d);
const endOf = (d: string) => (d.length === 7 ? `${d}-99` : d);

@ApiTags('events')
@Controller('api/v1/events')
export class EventsController {
  constructor(
    private readonly readModels: ReadModelRepository,
    private readonly issues: IssueCatalogue,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @CachedReads()
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOkResponse({ description: '{ items: events newest first, nextCursor: pass as cursor for the next page, null at the end }' })
  @ApiErrors(400, 401, 429)
  async list(@Query() query: ListEventsQuery) {
    if (query.issue !== undefined && !this.issues.has(query.issue)) throw badFilter('issue', `unknown issue ${JSON.stringify(query.issue)}; known issues: ${this.issues.issues.map((i) => i.id).join(', ')}`);
    if (query.statedFrom && query.statedTo && startOf(query.statedFrom) > endOf(query.statedTo)) throw badFilter('statedFrom', `statedFrom ${query.statedFrom} is after statedTo ${query.statedTo}`);
    const limit = query.limit ?? 50;
    const statedTo = query.statedTo && endOf(query.statedTo);
    const rows = await this.readModels.listEventItemsJson(
      { actor: query.actor?.toUpperCase(), type: query.type, issue: query.issue, target: query.target?.toUpperCase(), statedFrom: query.statedFrom, statedTo, minConfidence: query.minConfidence, text: query.text, includeSuperseded: query.includeSuperseded === 'true' },
      limit + 1,
      query.cursor,
    );
    const page = rows.slice(0, limit);
    const nextCursor = rows.length > limit ? page[page.length - 1].globalPosition : null;
    // the items arrive as JSON from Postgres (presentEvent's shape); only the envelope is written here
    return `{"items":[${page.map((r) => r.json).join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`;
  }

  /** One event with its evidence, every source reporting it, and the stance changes it caused. */
  @Get(':id')
  @ApiOkResponse({ description: 'the event, with sources [{ articleId, url, title, publishedAt }] and stanceChanges [{ issue, from, to, since }]' })
  @ApiErrors(400, 401, 404, 429)
  async get(@Param('id', uuidParam('id')) id: string) {
    const event = await this.readModels.getEvent(id);
    if (!event) throw new NotFoundException(`event ${id} not found`);
    const [sources, changes] = await Promise.all([this.sourcesOf(event), this.stanceChangesCausedBy(id)]);
    return { ...presentEvent(event), sources, stanceChanges: changes };
  }

  /** Every article that reported the statement (its corroborated occurrence), this report first. */
  private async sourcesOf(event: PositionEventViewEntity) {
    type Source = { articleId: string; url: string | null; eventId: string; observedAt: string; statedOn?: string | null };
    const [occurrence]: { sources: Source[] }[] = event.occurrenceId ? await this.dataSource.query(`SELECT sources FROM rm_occurrences WHERE occurrence_id = $1`, [event.occurrenceId]) : [];
    const sources: Source[] = occurrence?.sources?.length
      ? [...occurrence.sources].sort((a, b) => Number(b.eventId === event.eventId) - Number(a.eventId === event.eventId))
      : [{ articleId: event.articleId, url: event.url, eventId: event.eventId, observedAt: event.observedAt.toISOString(), statedOn: event.statedOn }];
    const articles: { id: string; title: string; published_at: Date | null; url: string | null }[] = await this.dataSource.query(`SELECT id, title, published_at, url FROM articles WHERE id = ANY($1::text[])`, [sources.map((s) => s.articleId)]);
    const byId = new Map(articles.map((a) => [a.id, a]));
    return sources.map((s) => ({ eventId: s.eventId, articleId: s.articleId, url: s.url ?? byId.get(s.articleId)?.url ?? null, title: byId.get(s.articleId)?.title ?? null, publishedAt: byId.get(s.articleId)?.published_at ?? null, observedAt: s.observedAt }));
  }

  private async stanceChangesCausedBy(id: string) {
    const rows: { event_id: string; stream: string; body: { actor: { code: string; role: string | null }; payload: { issue: string; from: string | null; to: string; since: string | null; historical: boolean } } }[] =
      await this.dataSource.query(`SELECT event_id, stream, body FROM event_store WHERE type = 'position-changed' AND body->'payload'->>'causeEventId' = $1 ORDER BY global_position`, [id]);
    return rows.map((r) => ({ eventId: r.event_id, actor: r.body.actor.code, actorRole: r.body.actor.role, issue: r.body.payload.issue, from: r.body.payload.from, to: r.body.payload.to, since: r.body.payload.since, historical: r.body.payload.historical }));
  }
}
