import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { POSITION_EVENT_TYPES } from '@stancewatch/domain/catalogue';
import { PositionEventViewEntity, ReadModelRepository } from '@stancewatch/persistence';

const DATE = /^\d{4}-\d{2}(-\d{2})?$/;

export class ListEventsQuery {
  @IsOptional() @IsString() @Matches(/^[A-Za-z]{2,16}$/, { message: 'actor must be a country or organisation code' })
  actor?: string;

  @IsOptional() @IsIn(POSITION_EVENT_TYPES as unknown as string[], { message: `type must be one of ${POSITION_EVENT_TYPES.join(', ')}` })
  type?: string;

  @IsOptional() @IsString()
  issue?: string;

  @IsOptional() @IsString()
  target?: string;

  @IsOptional() @Matches(DATE, { message: 'statedFrom must be YYYY-MM-DD or YYYY-MM' })
  statedFrom?: string;

  @IsOptional() @Matches(DATE, { message: 'statedTo must be YYYY-MM-DD or YYYY-MM' })
  statedTo?: string;

  @IsOptional() @Type(() => Number) @IsNumber() @Min(0) @Max(1)
  minConfidence?: number;

  @IsOptional() @IsString()
  text?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @IsOptional() @Matches(/^\d+$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

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
  };
}

@Controller('api/v1/events')
export class EventsController {
  constructor(private readonly readModels: ReadModelRepository) {}

  @Get()
  async list(@Query() query: ListEventsQuery) {
    const limit = query.limit ?? 50;
    const rows = await this.readModels.listEvents(
      { actor: query.actor?.toUpperCase(), type: query.type, issue: query.issue, target: query.target?.toUpperCase(), statedFrom: query.statedFrom, statedTo: query.statedTo, minConfidence: query.minConfidence, text: query.text },
      limit + 1,
      query.cursor,
    );
    const page = rows.slice(0, limit);
    return { items: page.map(presentEvent), nextCursor: rows.length > limit ? page[page.length - 1].globalPosition : null };
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string) {
    const event = await this.readModels.getEvent(id);
    if (!event) throw new NotFoundException(`event ${id} not found`);
    return presentEvent(event);
  }
}
