import { BadRequestException, Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { CurrentPositionEntity, ReadModelRepository } from '@stancewatch/persistence';
import { describeActor, IssueCatalogue } from '../common/catalogue';
import { ApiErrors } from '../common/openapi';
import { CachedReads } from '../common/read-cache';
import { summariseTotals } from '../common/pledge-totals';

const ACTOR_CODE = /^[A-Za-z][A-Za-z0-9-]{1,15}$/;

export function presentPosition(p: CurrentPositionEntity) {
  return {
    actor: p.actor,
    actorRole: p.actorRole || null,
    issue: p.issue,
    stance: p.stance,
    since: p.since,
    causeEventId: p.causeEventId,
    eventIds: p.eventIds,
    conditions: p.conditions,
    sourceCount: p.sourceCount,
    updatedAt: p.updatedAt,
  };
}

/** Actor codes come in any case; a malformed one is a 400 naming the parameter. */
function actorCode(code: string, field = 'code'): string {
  if (!ACTOR_CODE.test(code)) {
    const problem = 'must be a country (ISO 3166 alpha-2) or organisation code, e.g. FR or NATO';
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `${field}: ${problem}`, fields: [{ field, problems: [problem] }] });
  }
  return code.toUpperCase();
}

export class ListActorsQuery {
  @ApiPropertyOptional({ enum: ['country', 'organisation', 'other'] })
  @IsOptional() @IsIn(['country', 'organisation', 'other'], { message: 'kind must be one of country, organisation, other' })
  kind?: string;
}

export class TimelineQuery {
  @ApiPropertyOptional({ description: 'a role inside the actor, e.g. opposition; the government when absent' })
  @IsOptional() @IsString() @Matches(/^[a-z][a-z-]{0,31}$/, { message: 'role must be a lower-case role name such as opposition' })
  role?: string;
}

interface PositionChangedBody {
  eventId: string;
  observedAt: string;
  payload: { issue: string; from: string | null; to: string; causeEventId: string; since: string | null; historical: boolean };
}

@ApiTags('positions')
@Controller('api/v1')
@CachedReads()
export class PositionsController {
  constructor(
    private readonly readModels: ReadModelRepository,
    private readonly issues: IssueCatalogue,
    private readonly dataSource: DataSource,
  ) {}

  /** Countries and organisations with their current stances, for the dashboard's overview. */
  @Get('actors')
  @ApiOkResponse({ description: '{ items: [{ code, name, kind, positions }] }' })
  @ApiErrors(400, 401, 429)
  async actors(@Query() query: ListActorsQuery) {
    const byActor = new Map<string, ReturnType<typeof presentPosition>[]>();
    for (const p of await this.readModels.allPositions()) byActor.set(p.actor, [...(byActor.get(p.actor) ?? []), presentPosition(p)]);
    const items = [...byActor].map(([code, positions]) => ({ ...describeActor(code), positions }));
    return { items: query.kind ? items.filter((a) => a.kind === query.kind) : items };
  }

  @Get('actors/:code')
  @ApiParam({ name: 'code', example: 'FR' })
  @ApiOkResponse({ description: '{ code, name, kind, positions }: the actor and its stance on each issue' })
  @ApiErrors(400, 401, 404, 429)
  async actor(@Param('code') raw: string) {
    const code = actorCode(raw);
    const positions = await this.readModels.positionsOf(code);
    if (positions.length === 0) throw new NotFoundException(`no positions recorded for actor ${code}`);
    return { ...describeActor(code), positions: positions.map(presentPosition) };
  }

  @Get('actors/:code/positions')
  @ApiParam({ name: 'code', example: 'FR' })
  @ApiErrors(400, 401, 404, 429)
  async positionsOf(@Param('code') raw: string) {
    const code = actorCode(raw);
    const positions = await this.readModels.positionsOf(code);
    if (positions.length === 0) throw new NotFoundException(`no positions recorded for actor ${code}`);
    return { actor: code, items: positions.map(presentPosition) };
  }

  /**
   * One actor's stance on one issue over time: the intervals of rm_position_history (a late statement
   * fills the history in its place), and the position-changed events as they were recorded.
   */
  @Get('actors/:code/issues/:issue/timeline')
  @ApiParam({ name: 'code', example: 'FR' })
  @ApiParam({ name: 'issue', example: 'ukraine-security-force' })
  @ApiOkResponse({
    description:
      '{ code, name, kind, actorRole, issue, current, items: stance intervals oldest first [{ seq, stance, since, until (null: still held), causeEventId, cause: { type, statedOn, evidence, url } }], ' +
      'changes: position-changed events in recording order [{ eventId, from, to, since, causeEventId, historical, recordedAt }] }',
  })
  @ApiErrors(400, 401, 404, 429)
  async timeline(@Param('code') raw: string, @Param('issue') issueId: string, @Query() query: TimelineQuery) {
    const code = actorCode(raw);
    this.issues.require(issueId);
    const role = query.role ?? '';
    const stream = `stance-${code}${role ? `:${role}` : ''}/${issueId}`;
    const [intervals, changeRows, positions] = await Promise.all([
      this.readModels.positionHistory(code, role, issueId),
      this.dataSource.query(`SELECT event_id, body, recorded_at FROM event_store WHERE stream = $1 AND type = 'position-changed' ORDER BY version`, [stream]) as Promise<{ event_id: string; body: PositionChangedBody; recorded_at: Date }[]>,
      this.readModels.positionsOf(code),
    ]);
    if (intervals.length === 0 && changeRows.length === 0) throw new NotFoundException(`no stance recorded for ${code}${role ? ` (${role})` : ''} on issue ${issueId}`);
    const causes = new Map((await this.readModels.eventsById([...new Set(intervals.map((i) => i.causeEventId))])).map((e) => [e.eventId, e]));
    const items = intervals.map((i) => {
      const cause = causes.get(i.causeEventId);
      return {
        seq: i.seq,
        stance: i.stance,
        since: i.fromDate,
        until: i.toDate,
        causeEventId: i.causeEventId,
        cause: cause ? { type: cause.type, statedOn: cause.statedOn, evidence: cause.evidence, url: cause.url } : null,
      };
    });
    const changes = changeRows.map((r) => ({
      eventId: r.event_id,
      from: r.body.payload.from,
      to: r.body.payload.to,
      since: r.body.payload.since,
      causeEventId: r.body.payload.causeEventId,
      historical: r.body.payload.historical,
      recordedAt: r.recorded_at,
    }));
    const current = positions.find((p) => p.issue === issueId && p.actorRole === role);
    return { ...describeActor(code), actorRole: query.role ?? null, issue: issueId, current: current ? presentPosition(current) : null, items, changes };
  }

  @Get('issues')
  @ApiOkResponse({ description: '{ items: [{ id, title, description, actorCount, stances: { stance: count } }] }' })
  @ApiErrors(401, 429)
  async listIssues() {
    const counts: { issue: string; stance: string; n: string }[] = await this.dataSource.query(`SELECT issue, stance, count(*) AS n FROM rm_current_positions GROUP BY issue, stance`);
    return {
      items: this.issues.issues.map((issue) => {
        const stances: Record<string, number> = {};
        for (const c of counts) if (c.issue === issue.id) stances[c.stance] = Number(c.n);
        return { id: issue.id, title: issue.title, description: issue.description, actorCount: Object.values(stances).reduce((a, b) => a + b, 0), stances };
      }),
    };
  }

  /** The issue's matrix: every actor with a stance on it, grouped by stance, and its pledge totals. */
  @Get('issues/:id')
  @ApiParam({ name: 'id', example: 'ukraine-security-force' })
  @ApiOkResponse({
    description:
      '{ id, title, description, stances: { stance: [actor codes] }, matrix: [{ actor, name, kind, stance, … }], ' +
      'pledgeTotals: [{ issue, unit, status, total, byActor: [{ actor, name, value, occurrenceIds }], vague: [{ actor, name, text }] }] }',
  })
  @ApiErrors(401, 404, 429)
  async issue(@Param('id') id: string) {
    const issue = this.issues.require(id);
    const [positions, totals] = await Promise.all([this.readModels.positionsOnIssue(id), this.readModels.pledgeTotalRows({ issue: id })]);
    const stances: Record<string, string[]> = {};
    for (const p of positions) (stances[p.stance] ??= []).push(p.actorRole ? `${p.actor}:${p.actorRole}` : p.actor);
    return {
      id: issue.id,
      title: issue.title,
      description: issue.description,
      stances,
      matrix: positions.map((p) => ({ ...describeActor(p.actor), ...presentPosition(p) })),
      pledgeTotals: summariseTotals(totals),
    };
  }

  @Get('issues/:id/positions')
  @ApiParam({ name: 'id', example: 'ukraine-security-force' })
  @ApiErrors(401, 404, 429)
  async positionsOnIssue(@Param('id') id: string) {
    this.issues.require(id);
    return { issue: id, items: (await this.readModels.positionsOnIssue(id)).map(presentPosition) };
  }
}
