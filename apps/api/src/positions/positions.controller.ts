import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { CurrentPositionEntity, ReadModelRepository } from '@stancewatch/persistence';

function present(p: CurrentPositionEntity) {
  return { actor: p.actor, issue: p.issue, stance: p.stance, since: p.since, causeEventId: p.causeEventId, eventIds: p.eventIds, sourceCount: p.sourceCount, updatedAt: p.updatedAt };
}

@Controller('api/v1')
export class PositionsController {
  constructor(private readonly readModels: ReadModelRepository) {}

  /** Every actor with its current stances, for the dashboard's overview. */
  @Get('actors')
  async actors() {
    const byActor = new Map<string, ReturnType<typeof present>[]>();
    for (const p of await this.readModels.allPositions()) byActor.set(p.actor, [...(byActor.get(p.actor) ?? []), present(p)]);
    return { items: [...byActor].map(([actor, positions]) => ({ actor, positions })) };
  }

  @Get('actors/:code/positions')
  async positionsOf(@Param('code') code: string) {
    const positions = await this.readModels.positionsOf(code.toUpperCase());
    if (positions.length === 0) throw new NotFoundException(`no positions recorded for actor ${code.toUpperCase()}`);
    return { actor: code.toUpperCase(), items: positions.map(present) };
  }

  @Get('issues/:issue/positions')
  async positionsOnIssue(@Param('issue') issue: string) {
    return { issue, items: (await this.readModels.positionsOnIssue(issue)).map(present) };
  }
}
