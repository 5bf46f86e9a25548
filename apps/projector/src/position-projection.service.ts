import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { deterministicUuid, PositionChangedEvent, positionChangesV1, PositionEvent, reportOf, SCHEMA_VERSION } from '@stancewatch/contracts';
import { assignIssues, IssueDefinition, loadIssues } from '@stancewatch/domain/issues';
import { ActorProjection, compareExtractorVersions, ProjectionInput } from '@stancewatch/domain/projection';
import { PositionChange, stanceStreamId } from '@stancewatch/domain/stance';
import { actorRows, EventStoreRepository, notifyReadModelsChanged, OutboxRepository, ProjectionStore, statementRow, StoredStatementRow } from '@stancewatch/persistence';
import { AppConfig, CONFIG } from '@stancewatch/platform';

const PRODUCER = { name: 'stancewatch-projector', version: '1.0.0' };

function fromStoredRow(row: StoredStatementRow): ProjectionInput {
  return {
    eventId: row.event_id,
    type: row.type as ProjectionInput['type'],
    actor: row.actor,
    actorRole: row.actor_role,
    target: row.target,
    asset: row.payload.asset as ProjectionInput['asset'],
    quantity: row.payload.quantity as ProjectionInput['quantity'],
    conditions: row.payload.conditions as ProjectionInput['conditions'],
    statedOn: row.stated_on,
    observedAt: new Date(row.observed_at).toISOString(),
    evidence: row.evidence,
    articleId: row.article_id,
    url: row.url,
    confidence: row.confidence,
  };
}

interface Touched {
  occurrenceIds: Set<string>;
  streamIds: Set<string>;
  all: boolean;
}

/**
 * Applies a batch of reports to the event store and every read model inside the caller's
 * transaction. Actor projections are kept in memory between batches and reloaded from the
 * read model whenever someone else (another instance, a rebuild) has written that actor since.
 */
@Injectable()
export class PositionProjectionService {
  private readonly issues: IssueDefinition[];
  private readonly store = new ProjectionStore();
  private readonly cache = new Map<string, { projection: ActorProjection; head: string | null }>();

  constructor(
    @Inject(CONFIG) config: AppConfig,
    private readonly eventStore: EventStoreRepository,
    private readonly outbox: OutboxRepository,
  ) {
    this.issues = loadIssues(config.issuesFile);
  }

  newActorProjection(actor: string): ActorProjection {
    return new ActorProjection(actor, (occurrence) =>
      assignIssues({ type: occurrence.type, actor: occurrence.actor, target: occurrence.target, asset: occurrence.asset, evidence: occurrence.evidence }, this.issues),
    );
  }

  /** Returns how many reports were new; redelivered ones are skipped by event id. */
  async applyBatch(manager: EntityManager, events: PositionEvent[]): Promise<number> {
    const touched = new Map<string, Touched>();
    const touch = (actor: string) => {
      let t = touched.get(actor);
      if (!t) touched.set(actor, (t = { occurrenceIds: new Set(), streamIds: new Set(), all: false }));
      return t;
    };
    const changes: { change: PositionChange; trigger: PositionEvent }[] = [];
    const occurrenceOf: { eventId: string; occurrenceId: string }[] = [];
    let applied = 0;
    for (const event of events) {
      const appended = await this.eventStore.append(manager, `actor-${event.actor.code}`, event.eventId, event.type, event);
      if (!appended) continue;
      applied++;
      const input = reportOf(event);
      const version = event.payload.extraction.extractorVersion;
      const latest = await this.store.latestExtraction(manager, input.articleId);
      const superseded = latest !== null && compareExtractorVersions(version, latest) < 0;
      const issues = assignIssues({ type: input.type, actor: input.actor, target: input.target, asset: input.asset, evidence: input.evidence }, this.issues);
      await this.store.insertEvents(manager, [statementRow(input, { globalPosition: appended.globalPosition, issues, extractorVersion: version, payload: event.payload, superseded, occurrenceId: null })]);
      if (superseded) continue;
      if (latest === null || compareExtractorVersions(version, latest) > 0) {
        await this.store.setLatestExtraction(manager, input.articleId, version);
        // a newer extraction of the article replaces the older run's reports, whoever they were about
        for (const actor of latest === null ? [] : await this.store.supersede(manager, input.articleId, version)) {
          this.cache.delete(actor);
          touch(actor).all = true;
        }
      }
      const projection = await this.projectionFor(manager, input.actor, appended.globalPosition);
      const result = projection.apply(input);
      occurrenceOf.push({ eventId: input.eventId, occurrenceId: result.occurrenceId });
      const t = touch(input.actor);
      if (result.changed) t.occurrenceIds.add(result.occurrenceId);
      result.touchedStreams.forEach((id) => t.streamIds.add(id));
      changes.push(...result.changes.map((change) => ({ change, trigger: event })));
      this.cache.get(input.actor)!.head = appended.globalPosition;
    }
    const projections = new Map<string, ActorProjection>();
    for (const [actor, t] of touched) {
      const projection = await this.projectionFor(manager, actor, null);
      projections.set(actor, projection);
      // after a reload occurrences may be led by another report, so every report is re-linked
      if (t.all) occurrenceOf.push(...projection.eventOccurrences());
    }
    // reports are linked to their occurrences first: writing an occurrence copies its source count to them
    await this.store.setEventOccurrences(manager, occurrenceOf);
    for (const [actor, t] of touched) {
      const projection = projections.get(actor)!;
      const scope = t.all ? { occurrenceIds: 'all' as const, streamIds: 'all' as const } : { occurrenceIds: [...t.occurrenceIds], streamIds: [...t.streamIds] };
      const rows = actorRows(projection, scope, new Date());
      const streams = scope.streamIds === 'all' ? ('all' as const) : projection.streams(scope.streamIds).map((s) => ({ actorRole: s.stream.actorRole ?? '', issue: s.stream.issue }));
      await this.store.writeActor(manager, actor, rows, { occurrenceIds: scope.occurrenceIds, streams });
    }
    for (const { change, trigger } of changes) await this.recordChange(manager, change, trigger);
    // delivered on commit: the API drops its cached reads then, never before the rows are visible
    if (applied > 0) await notifyReadModelsChanged(manager);
    return applied;
  }

  /** Drops every cached projection (e.g. after a rollback, whose writes the cache had already seen). */
  forget(): void {
    this.cache.clear();
  }

  private async projectionFor(manager: EntityManager, actor: string, incoming: string | null): Promise<ActorProjection> {
    const cached = this.cache.get(actor);
    if (cached) {
      const head = await this.store.actorHead(manager, actor);
      // current when the stored head is what it applied last, or the report being applied now
      if (head === cached.head || (incoming !== null && head === incoming)) return cached.projection;
    }
    const projection = this.newActorProjection(actor);
    const rows = await this.store.actorStatements(manager, actor);
    let head: string | null = null;
    for (const row of rows) {
      if (row.global_position === incoming) continue;
      projection.apply(fromStoredRow(row));
      head = row.global_position;
    }
    this.cache.set(actor, { projection, head });
    return projection;
  }

  private async recordChange(manager: EntityManager, change: PositionChange, trigger: PositionEvent): Promise<void> {
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
}
