import { DataSource, EntityManager } from 'typeorm';
import { ActorProjection, compareExtractorVersions, ProjectionInput } from '@stancewatch/domain/projection';
import { POSITION_EVENT_TYPES } from '@stancewatch/domain/catalogue';
import { actorRows, statementRow } from './repositories/projection-rows';
import { insertRows, ProjectionStore, READ_MODEL_TABLES, Row } from './repositories/projection-store';

const SHADOW = '__next';

export interface RebuildProgress {
  events: number;
  elapsedMs: number;
  phase: 'replay' | 'write' | 'catch-up' | 'switch' | 'done';
}

interface StoredEnvelope {
  eventId: string;
  type: ProjectionInput['type'];
  actor: { code: string; role: string | null };
  target: string[];
  statedOn: string | null;
  observedAt: string;
  confidence: number | null;
  provenance: { articleId: string; url: string | null; evidence: { sentence: string } };
  payload: { asset: ProjectionInput['asset']; quantity: ProjectionInput['quantity']; conditions: ProjectionInput['conditions']; extraction: { extractorVersion: string } };
}

/**
 * Rebuilds every read model from the event store into shadow tables while the live ones keep
 * serving, catches up with what the live projector appended meanwhile, then — holding the event
 * store still for a moment — applies the last events and copies the shadow tables over the live
 * ones in one transaction. Folding goes through the same ActorProjection as the live projector.
 */
export class ProjectionRebuilder {
  private readonly actors = new Map<string, ActorProjection>();
  private readonly latest = new Map<string, string>();
  private readonly articleActors = new Map<string, Set<string>>();
  private readonly dirty = new Set<string>();
  private readonly shadow = new ProjectionStore(SHADOW);
  private lastPosition = '0';
  private events = 0;
  private readonly started = Date.now();

  constructor(
    private readonly dataSource: DataSource,
    private readonly newProjection: (actor: string) => ActorProjection,
    private readonly assignIssues: (input: ProjectionInput) => string[],
    private readonly onProgress: (progress: RebuildProgress) => void = () => undefined,
    private readonly pageSize = 10_000,
  ) {}

  async run(): Promise<{ events: number; elapsedMs: number }> {
    await this.dataSource.transaction(async (manager) => {
      for (const table of READ_MODEL_TABLES) {
        await manager.query(`DROP TABLE IF EXISTS ${table}${SHADOW}`);
        await manager.query(`CREATE UNLOGGED TABLE ${table}${SHADOW} (LIKE ${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
      }
    });
    // the replay itself: everything stored so far, in the order it was stored
    const manager = this.dataSource.manager;
    await this.replayFrom(manager, 'replay');
    this.progress('write');
    const touched = new Set(this.actors.keys());
    await this.dataSource.transaction((m) => this.writeActors(m, touched, false));
    // the live projector kept appending; follow it until a page comes back empty
    await this.replayAndWrite(manager, 'catch-up');
    await this.dataSource.transaction(async (m) => {
      // writers wait (readers don't) while the last events are applied and the tables switched
      await m.query('LOCK TABLE event_store IN EXCLUSIVE MODE');
      await this.replayAndWrite(m, 'switch');
      for (const table of READ_MODEL_TABLES) {
        await m.query(`TRUNCATE ${table}`);
        await m.query(`INSERT INTO ${table} SELECT * FROM ${table}${SHADOW}`);
        await m.query(`DROP TABLE ${table}${SHADOW}`);
      }
    });
    this.progress('done');
    return { events: this.events, elapsedMs: Date.now() - this.started };
  }

  private async replayAndWrite(manager: EntityManager, phase: RebuildProgress['phase']): Promise<void> {
    const touched = await this.replayFrom(manager, phase);
    if (touched.size) await this.writeActors(manager, touched, true);
  }

  /**
   * Folds every position event after the last one seen into the in-memory projections; returns
   * the actors it touched. An actor whose reports a newer extraction superseded is marked for a
   * refold from its remaining reports.
   */
  private async replayFrom(manager: EntityManager, phase: RebuildProgress['phase']): Promise<Set<string>> {
    const touched = new Set<string>();
    const types = [...POSITION_EVENT_TYPES];
    for (;;) {
      const rows: { global_position: string; body: StoredEnvelope }[] = await manager.query(
        `SELECT global_position::text AS global_position, body FROM event_store WHERE global_position > $1 AND type = ANY($2::text[]) ORDER BY event_store.global_position LIMIT $3`,
        [this.lastPosition, types, this.pageSize],
      );
      if (rows.length === 0) return touched;
      const statements: Row[] = [];
      for (const { global_position, body } of rows) {
        const input = toInput(body);
        const version = body.payload.extraction.extractorVersion;
        const latest = this.latest.get(input.articleId);
        const supersededOnArrival = latest !== undefined && compareExtractorVersions(version, latest) < 0;
        statements.push(
          statementRow(input, { globalPosition: global_position, issues: supersededOnArrival ? [] : this.assignIssues(input), extractorVersion: version, payload: body.payload, superseded: supersededOnArrival, occurrenceId: null }),
        );
        touched.add(input.actor);
        this.events++;
        this.lastPosition = global_position;
        if (supersededOnArrival) continue;
        if (latest !== undefined && compareExtractorVersions(version, latest) > 0) {
          for (const actor of this.articleActors.get(input.articleId) ?? []) this.dirty.add(actor);
        }
        if (latest === undefined || compareExtractorVersions(version, latest) > 0) this.latest.set(input.articleId, version);
        let actors = this.articleActors.get(input.articleId);
        if (!actors) this.articleActors.set(input.articleId, (actors = new Set()));
        actors.add(input.actor);
        let projection = this.actors.get(input.actor);
        if (!projection) this.actors.set(input.actor, (projection = this.newProjection(input.actor)));
        if (!this.dirty.has(input.actor)) projection.apply(input);
      }
      await insertRows(manager, `rm_events${SHADOW}`, statements, 'ON CONFLICT (event_id) DO NOTHING');
      if (this.events % 100_000 < rows.length) this.progress(phase);
    }
  }

  /** Writes the touched actors' rows; `replace` first clears what an earlier pass wrote for them. */
  private async writeActors(manager: EntityManager, actors: Set<string>, replace: boolean): Promise<void> {
    await insertRows(
      manager,
      `rm_article_extractions${SHADOW}`,
      [...this.latest].map(([article_id, extractor_version]) => ({ article_id, extractor_version })),
      'ON CONFLICT (article_id) DO UPDATE SET extractor_version = EXCLUDED.extractor_version',
    );
    if (this.dirty.size) {
      await manager.query(
        `UPDATE rm_events${SHADOW} e SET superseded = true FROM rm_article_extractions${SHADOW} x WHERE x.article_id = e.article_id AND e.extractor_version <> x.extractor_version`,
      );
    }
    const pairs: { eventId: string; occurrenceId: string }[] = [];
    for (const actor of actors) {
      let projection = this.actors.get(actor);
      if (!projection || this.dirty.has(actor)) {
        // superseded reports changed what this actor said: fold again from what remains
        projection = this.newProjection(actor);
        const rows: { body: StoredEnvelope }[] = await manager.query(
          `SELECT s.body FROM rm_events${SHADOW} e JOIN event_store s ON s.event_id = e.event_id WHERE e.actor = $1 AND NOT e.superseded ORDER BY e.global_position`,
          [actor],
        );
        for (const { body } of rows) projection.apply(toInput(body));
        this.actors.set(actor, projection);
        this.dirty.delete(actor);
      }
      pairs.push(...projection.eventOccurrences());
      const derived = actorRows(projection, { occurrenceIds: 'all', streamIds: 'all' }, new Date());
      if (replace) await this.shadow.writeActor(manager, actor, derived, { occurrenceIds: 'all', streams: 'all' });
      else for (const [table, list] of Object.entries(TABLE_OF)) await insertRows(manager, `${table}${SHADOW}`, derived[list]);
    }
    await this.shadow.setEventOccurrences(manager, pairs);
    await manager.query(
      `UPDATE rm_events${SHADOW} e SET source_count = o.source_count FROM rm_occurrences${SHADOW} o WHERE e.occurrence_id = o.occurrence_id AND e.actor = ANY($1::text[]) AND e.source_count <> o.source_count`,
      [[...actors]],
    );
  }

  private progress(phase: RebuildProgress['phase']): void {
    this.onProgress({ events: this.events, elapsedMs: Date.now() - this.started, phase });
  }
}

const TABLE_OF = {
  rm_occurrences: 'occurrences',
  rm_current_positions: 'positions',
  rm_position_history: 'history',
  rm_pledges: 'pledges',
  rm_pledge_totals: 'totals',
  rm_red_lines: 'redLines',
} as const;

function toInput(body: StoredEnvelope): ProjectionInput {
  return {
    eventId: body.eventId,
    type: body.type,
    actor: body.actor.code,
    actorRole: body.actor.role,
    target: body.target,
    asset: body.payload.asset,
    quantity: body.payload.quantity,
    conditions: body.payload.conditions,
    statedOn: body.statedOn,
    observedAt: body.observedAt,
    evidence: body.provenance.evidence.sentence,
    articleId: body.provenance.articleId,
    url: body.provenance.url,
    confidence: body.confidence,
  };
}
