import { BadRequestException, Controller, Get, NotFoundException, Query } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ASSETS } from '@stancewatch/domain/catalogue';
import { PledgeCursor, PledgeViewEntity, ReadModelRepository, RedLineViewEntity } from '@stancewatch/persistence';
import { describeActor, IssueCatalogue } from '../common/catalogue';
import { ApiErrors } from '../common/openapi';
import { CachedReads } from '../common/read-cache';
import { summariseTotals } from '../common/pledge-totals';

const CODE = /^[A-Za-z][A-Za-z0-9-]{1,15}$/;
const PLEDGE_STATUSES = ['announced', 'considered', 'withdrawn', 'refused'];
// red lines that fit no configured issue are stored under ''; clients ask for them by this name
const UNASSIGNED = 'unassigned';

function badField(field: string, problem: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `${field}: ${problem}`, fields: [{ field, problems: [problem] }] });
}

export class ListPledgesQuery {
  @ApiPropertyOptional({ description: 'an issue id from GET /api/v1/issues', example: 'ukraine-security-force' })
  @IsOptional() @IsString()
  issue?: string;

  @ApiPropertyOptional({ description: 'country (ISO 3166 alpha-2) or organisation code', example: 'FR' })
  @IsOptional() @IsString() @Matches(CODE, { message: 'actor must be a country or organisation code' })
  actor?: string;

  @ApiPropertyOptional({ enum: PLEDGE_STATUSES, description: 'withdrawn: a later refusal covers it; refused: the refusal itself' })
  @IsOptional() @IsIn(PLEDGE_STATUSES, { message: `status must be one of ${PLEDGE_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ enum: ASSETS })
  @IsOptional() @IsIn(ASSETS as unknown as string[], { message: `asset must be one of ${ASSETS.join(', ')}` })
  asset?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{8,400}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

export class ListRedLinesQuery {
  @ApiPropertyOptional({ description: 'country (ISO 3166 alpha-2) or organisation code', example: 'RU' })
  @IsOptional() @IsString() @Matches(CODE, { message: 'actor must be a country or organisation code' })
  actor?: string;

  @ApiPropertyOptional({ description: `an issue id from GET /api/v1/issues, or ${UNASSIGNED} for red lines that fit none`, example: 'ukraine-security-force' })
  @IsOptional() @IsString()
  issue?: string;
}

// Keyset cursor: the last row's (statedOn, occurrenceId, issue), opaque to clients.
function encodeCursor(p: PledgeViewEntity): string {
  return Buffer.from(JSON.stringify([p.statedOn, p.occurrenceId, p.issue]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): PledgeCursor {
  try {
    const [statedOn, occurrenceId, issue] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof statedOn === 'string' && typeof issue === 'string' && typeof occurrenceId === 'string' && /^[0-9a-f-]{36}$/i.test(occurrenceId)) return { statedOn, occurrenceId, issue };
  } catch {
    // falls through to the 400
  }
  throw badField('cursor', 'must be the nextCursor of a previous page');
}

export function presentPledge(p: PledgeViewEntity) {
  return {
    occurrenceId: p.occurrenceId,
    issue: p.issue,
    ...describeActor(p.actor),
    actor: p.actor,
    actorRole: p.actorRole,
    asset: p.asset,
    quantity: p.quantity,
    conditions: p.conditions,
    status: p.status,
    withdrawnBy: p.withdrawnBy,
    statedOn: p.statedOn,
    sourceCount: p.sourceCount,
    urls: p.urls,
  };
}

function presentRedLine(r: RedLineViewEntity) {
  return {
    ...describeActor(r.actor),
    actor: r.actor,
    actorRole: r.actorRole || null,
    issue: r.issue || null,
    firstStated: r.firstStated,
    lastStated: r.lastStated,
    timesStated: r.timesStated,
    timesRestated: r.timesRestated,
    sourceCount: r.sourceCount,
    lines: r.lines,
    statements: r.statements,
  };
}

@ApiTags('pledges')
@Controller('api/v1')
@CachedReads()
export class PledgesController {
  constructor(
    private readonly readModels: ReadModelRepository,
    private readonly issues: IssueCatalogue,
  ) {}

  private checkIssue(issue: string | undefined, extra: string[] = []): void {
    if (issue !== undefined && !this.issues.has(issue) && !extra.includes(issue)) {
      throw badField('issue', `unknown issue ${JSON.stringify(issue)}; known issues: ${[...this.issues.issues.map((i) => i.id), ...extra].join(', ')}`);
    }
  }

  /** An actor filter naming an actor nothing was ever recorded about is a 404, not an empty page. */
  private async requireActor(actor: string | undefined): Promise<void> {
    if (actor && !(await this.readModels.actorKnown(actor))) throw new NotFoundException(`no statements recorded for actor ${actor}`);
  }

  /** Pledges with their status, and the totals per issue, unit and status of the same filter. */
  @Get('pledges')
  @ApiOkResponse({
    description:
      '{ items: pledges newest statement first [{ occurrenceId, issue, actor, name, asset, quantity, conditions, status, withdrawnBy, statedOn, sourceCount, urls }], nextCursor, ' +
      'totals: [{ issue, unit, status, total, byActor: [{ actor, name, value, occurrenceIds }], vague: [{ actor, name, text }] }] } — ' +
      'totals cover announced and considered pledges of governments; amounts in words are listed in vague, not added',
  })
  @ApiErrors(400, 401, 404, 429)
  async pledges(@Query() query: ListPledgesQuery) {
    this.checkIssue(query.issue);
    const filter = { issue: query.issue, actor: query.actor?.toUpperCase(), status: query.status, asset: query.asset };
    await this.requireActor(filter.actor);
    const limit = query.limit ?? 100;
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    // totals depend on the filter, not the page: every page carries them
    const [rows, totals] = await Promise.all([this.readModels.listPledges(filter, limit + 1, after), this.readModels.pledgeTotalRows(filter)]);
    const page = rows.slice(0, limit);
    return { items: page.map(presentPledge), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null, totals: summariseTotals(totals) };
  }

  /** Who drew which red line on which issue: first and last stated, how often restated, every statement. */
  @Get('red-lines')
  @ApiOkResponse({ description: '{ items: [{ actor, name, actorRole, issue (null: fits no issue), firstStated, lastStated, timesStated, timesRestated, sourceCount, lines, statements }] }' })
  @ApiErrors(400, 401, 404, 429)
  async redLines(@Query() query: ListRedLinesQuery) {
    this.checkIssue(query.issue, [UNASSIGNED]);
    const actor = query.actor?.toUpperCase();
    await this.requireActor(actor);
    const issue = query.issue === UNASSIGNED ? '' : query.issue;
    return { items: (await this.readModels.redLines({ actor, issue })).map(presentRedLine) };
  }
}
