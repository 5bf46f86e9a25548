import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { deterministicUuid, PositionChangedEvent, positionChangesV1, PositionEvent, SCHEMA_VERSION } from '@stancewatch/contracts';
import { PositionEventType } from '@stancewatch/domain/catalogue';
import { assignIssues, IssueDefinition, loadIssues } from '@stancewatch/domain/issues';
import { PositionChange, StanceEvent, StanceTimeline, stanceStreamId } from '@stancewatch/domain/stance/stance-timeline';
import { EventStoreRepository, OutboxRepository, ReadModelRepository } from '@stancewatch/persistence';
import { AppConfig, CONFIG } from '@stancewatch/platform';

const PRODUCER = { name: 'stancewatch-projector', version: '1.0.0' };

interface StoredStanceRow {
  event_id: string;
  type: PositionEventType;
  actor: string;
  actor_role: string | null;
  stated_on: string | null;
  observed_at: Date;
  target: string[];
  payload: PositionEvent['payload'];
  source_count: number;
}

/**
 * Keeps each actor × issue stance current: folds the stream's events with the domain's stance
 * rules, writes the current position, and records every stance move as a `position-changed`
 * event (event store + outbox, in the caller's transaction) for alerts and timelines.
 */
@Injectable()
export class StanceProjection {
  private readonly issues: IssueDefinition[];

  constructor(
    @Inject(CONFIG) config: AppConfig,
    private readonly eventStore: EventStoreRepository,
    private readonly readModels: ReadModelRepository,
    private readonly outbox: OutboxRepository,
  ) {
    this.issues = loadIssues(config.issuesFile);
  }

  issuesOf(event: PositionEvent): string[] {
    return assignIssues(
      { type: event.type, actor: event.actor.code, target: event.target, asset: event.payload.asset, evidence: event.provenance.evidence.sentence },
      this.issues,
    );
  }

  async apply(manager: EntityManager, event: PositionEvent, issue: string): Promise<PositionChange[]> {
    const stream = { actor: event.actor.code, actorRole: event.actor.role, issue };
    const rows: StoredStanceRow[] = await manager.query(
      `SELECT event_id, type, actor, actor_role, stated_on, observed_at, target, payload, source_count FROM rm_events
       WHERE actor = $1 AND actor_role IS NOT DISTINCT FROM $2 AND $3 = ANY(issues) AND event_id <> $4`,
      [stream.actor, stream.actorRole, issue, event.eventId],
    );
    const timeline = StanceTimeline.fromEvents(rows.map((row) => this.fromRow(row, issue)), stream);
    const changes = timeline.apply(this.fromEvent(event, issue));
    const current = timeline.current();
    if (current.stance && current.causeEventId) {
      await this.readModels.upsertCurrentPosition(manager, {
        actor: stream.actor,
        actorRole: stream.actorRole ?? '',
        issue,
        stance: current.stance,
        since: current.since,
        causeEventId: current.causeEventId,
        eventIds: current.eventIds,
        conditions: current.conditions,
        sourceCount: current.sourceCount,
        updatedAt: new Date(),
      });
    }
    for (const change of changes) await this.record(manager, change, event);
    return changes;
  }

  private async record(manager: EntityManager, change: PositionChange, trigger: PositionEvent): Promise<void> {
    const streamId = stanceStreamId(change);
    const message: PositionChangedEvent = {
      eventId: deterministicUuid('stancewatch.position-changed', streamId, change.causeEventId, change.from ?? '', change.to, String(change.historical), change.since ?? ''),
      type: 'position-changed',
      schemaVersion: SCHEMA_VERSION,
      actor: { code: change.actor, role: change.actorRole },
      target: trigger.target,
      statedOn: change.since,
      observedAt: new Date().toISOString(),
      confidence: trigger.confidence,
      producer: PRODUCER,
      provenance: change.causeEventId === trigger.eventId ? trigger.provenance : null,
      payload: { issue: change.issue, from: change.from, to: change.to, causeEventId: change.causeEventId, since: change.since, historical: change.historical },
    };
    const appended = await this.eventStore.append(manager, `stance-${streamId}`, message.eventId, message.type, message);
    if (appended) await this.outbox.enqueue(manager, positionChangesV1, [message]);
  }

  private fromEvent(event: PositionEvent, issue: string): StanceEvent {
    return {
      eventId: event.eventId,
      type: event.type,
      actor: event.actor.code,
      actorRole: event.actor.role,
      issue,
      statedOn: event.statedOn,
      observedAt: event.observedAt,
      quantity: event.payload.quantity,
      conditions: event.payload.conditions,
      asset: event.payload.asset,
      target: event.target,
      sourceCount: 1,
    };
  }

  private fromRow(row: StoredStanceRow, issue: string): StanceEvent {
    return {
      eventId: row.event_id,
      type: row.type,
      actor: row.actor,
      actorRole: row.actor_role,
      issue,
      statedOn: row.stated_on,
      observedAt: new Date(row.observed_at).toISOString(),
      quantity: row.payload.quantity,
      conditions: row.payload.conditions,
      asset: row.payload.asset,
      target: row.target,
      sourceCount: row.source_count,
    };
  }
}
