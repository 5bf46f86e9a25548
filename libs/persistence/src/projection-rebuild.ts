import { DataSource, EntityManager } from 'typeorm';
import { POSITION_EVENT_TYPES } from '@stancewatch/domain/catalogue';
import { ActorProjection, compareExtractorVersions, ProjectionInput } from '@stancewatch/domain/projection';
import { actorRows, statementRow } from './repositories/projection-rows';
import { copyRows, insertRows, ProjectionStore, READ_MODEL_TABLES, Row } from './repositories/projection-store';

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

const TABLE_OF = {
  rm_occurrences: 'occurrences',
  rm_current_positions: 'positions',
  rm_position_history: 'history',
  rm_pledges: 'pledges',
  rm_pledge_totals: 'totals',
  rm_red_lines: 'redLines',
} as const;

/**
 * Rebuilds every read model from the event store while the live ones keep serving:
 * 1. replay — fold every stored report in order into in-memory ActorProjections (the live
 *    projector's code) and bulk-load shadow tables, indexed only once loaded;
 * 2. catch-up — follow what the live projector appended meanwhile;
 * 3. switch — with the event store held still (writers wait, readers don't), apply the last
 *    events and swap the shadow tables in by renaming, which costs no copying.
 */
export class ProjectionRebuilder {
  private readonly actors = new Map<string, ActorProjection>();
  /** Newest extractor version per article: from a pre-pass, then as events arrive. */
  private readonly latest = new Map<string, string>();
  /** The running newest version while replaying, to know what was superseded on arrival. */
  private readonly seen = new Map<string, string>();
  /** Articles whose newest version changed since the extraction table was last written. */
  private readonly changedArticles = new Set<string>();
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
    const manager = this.dataSource.manager;
    for (const table of READ_MODEL_TABLES) {
      await manager.query(`DROP TABLE IF EXISTS ${table}${SHADOW}`);
      await manager.query(`CREATE TABLE ${table}${SHADOW} (LIKE ${table} INCLUDING DEFAULTS)`);
    }
    await this.readFinalVersions(manager);
    await this.replay(manager, 'replay', false);
    this.progress('write');
    await this.writeActors(manager, new Set(this.actors.keys()), false);
    const renames = await this.indexShadowTables(manager);
    await this.catchUp(manager, 'catch-up');
    await this.dataSource.transaction(async (m) => {
      await m.query('LOCK TABLE event_store IN EXCLUSIVE MODE');
      await this.catchUp(m, 'switch');
      for (const table of READ_MODEL_TABLES) {
        await m.query(`DROP TABLE ${table}`);
        await m.query(`ALTER TABLE ${table}${SHADOW} RENAME TO ${table}`);
      }
      for (const rename of renames) await m.query(rename);
    });
    this.progress('done');
    return { events: this.events, elapsedMs: Date.now() - this.started };
  }

  /** Which extraction of each article is the newest, so superseded reports never enter the fold. */
  private async readFinalVersions(manager: EntityManager): Promise<void> {
    const rows: { article_id: string; version: string }[] = await manager.query(
      `SELECT DISTINCT body#>>'{provenance,articleId}' AS article_id, body#>>'{payload,extraction,extractorVersion}' AS version FROM event_store WHERE type = ANY($1::text[])`,
      [[...POSITION_EVENT_TYPES]],
    );
    for (const { article_id, version } of rows) {
      const known = this.latest.get(article_id);
      if (!known || compareExtractorVersions(version, known) > 0) this.latest.set(article_id, version);
    }
  }

  private async catchUp(manager: EntityManager, phase: RebuildProgress['phase']): Promise<void> {
    const touched = await this.replay(manager, phase, true);
    if (touched.size) await this.writeActors(manager, touched, true);
  }

  /** Folds the stored reports after the last one seen; returns the actors they were about. */
  private async replay(manager: EntityManager, phase: RebuildProgress['phase'], following: boolean): Promise<Set<string>> {
    const touched = new Set<string>();
    const types = [...POSITION_EVENT_TYPES];
    const page = (after: string): Promise<{ position: string; body: StoredEnvelope }[]> =>
      (following ? manager : this.dataSource.manager).query(
        `SELECT global_position::text AS position, body FROM event_store WHERE global_position > $1 AND type = ANY($2::text[]) ORDER BY global_position LIMIT $3`,
        [after, types, this.pageSize],
      );
    let next: ReturnType<typeof page> | null = null;
    for (;;) {
      const rows: { position: string; body: StoredEnvelope }[] = await (next ?? page(this.lastPosition));
      if (rows.length === 0) return touched;
      // outside a transaction the next page is read on another connection while this one is folded
      next = following ? null : page(rows[rows.length - 1].position);
      const statements: Row[] = [];
      for (const { position, body } of rows) {
        const input = toInput(body);
        const version = body.payload.extraction.extractorVersion;
        const seen = this.seen.get(input.articleId);
        const supersededOnArrival = seen !== undefined && compareExtractorVersions(version, seen) < 0;
        if (!seen || compareExtractorVersions(version, seen) > 0) this.seen.set(input.articleId, version);
        // events after the pre-pass may bring a newer extraction: the older run's actors fold again
        const latest = this.latest.get(input.articleId);
        if (!latest || compareExtractorVersions(version, latest) > 0) {
          this.latest.set(input.articleId, version);
          this.changedArticles.add(input.articleId);
          if (latest) {
            const earlier: { actor: string }[] = await manager.query(`SELECT DISTINCT actor FROM rm_events${SHADOW} WHERE article_id = $1`, [input.articleId]);
            for (const { actor } of earlier) this.dirty.add(actor);
          }
        }
        const current = this.latest.get(input.articleId) === version;
        let occurrenceId: string | null = null;
        if (current) {
          let projection = this.actors.get(input.actor);
          if (!projection) this.actors.set(input.actor, (projection = this.newProjection(input.actor)));
          if (!this.dirty.has(input.actor)) occurrenceId = projection.apply(input).occurrenceId;
        }
        statements.push(
          statementRow(input, {
            globalPosition: position,
            issues: supersededOnArrival ? [] : this.assignIssues(input),
            extractorVersion: version,
            payload: body.payload,
            superseded: !current,
            occurrenceId,
          }),
        );
        touched.add(input.actor);
        this.events++;
        this.lastPosition = position;
      }
      if (following) await insertRows(manager, `rm_events${SHADOW}`, statements, 'ON CONFLICT (event_id) DO NOTHING');
      else await copyRows(manager, `rm_events${SHADOW}`, statements);
      if (this.events % 100_000 < rows.length) this.progress(phase);
    }
  }

  /** Writes the actors' derived rows; `replace` first clears what an earlier pass wrote for them. */
  private async writeActors(manager: EntityManager, actors: Set<string>, replace: boolean): Promise<void> {
    await (replace ? insertRows : copyRows)(
      manager,
      `rm_article_extractions${SHADOW}`,
      (replace ? [...this.changedArticles].map((id) => [id, this.latest.get(id)!] as const) : [...this.latest]).map(([article_id, extractor_version]) => ({ article_id, extractor_version })),
      'ON CONFLICT (article_id) DO UPDATE SET extractor_version = EXCLUDED.extractor_version',
    );
    this.changedArticles.clear();
    for (const actor of actors) {
      let projection = this.actors.get(actor);
      if (!projection || this.dirty.has(actor)) {
        projection = await this.refold(manager, actor);
        this.actors.set(actor, projection);
        this.dirty.delete(actor);
      }
      const derived = actorRows(projection, { occurrenceIds: 'all', streamIds: 'all' }, new Date());
      if (replace) await this.shadow.writeActor(manager, actor, derived, { occurrenceIds: 'all', streams: 'all' });
      else for (const [table, list] of Object.entries(TABLE_OF)) await copyRows(manager, `${table}${SHADOW}`, derived[list]);
    }
  }

  /** A newer extraction superseded some of this actor's reports: fold again from what remains. */
  private async refold(manager: EntityManager, actor: string): Promise<ActorProjection> {
    await manager.query(
      `UPDATE rm_events${SHADOW} e SET superseded = true, occurrence_id = NULL FROM rm_article_extractions${SHADOW} x WHERE e.actor = $1 AND x.article_id = e.article_id AND e.extractor_version <> x.extractor_version AND NOT e.superseded`,
      [actor],
    );
    const projection = this.newProjection(actor);
    const rows: { body: StoredEnvelope }[] = await manager.query(
      `SELECT s.body FROM rm_events${SHADOW} e JOIN event_store s ON s.event_id = e.event_id WHERE e.actor = $1 AND NOT e.superseded ORDER BY e.global_position`,
      [actor],
    );
    for (const { body } of rows) projection.apply(toInput(body));
    await this.shadow.setEventOccurrences(manager, projection.eventOccurrences());
    return projection;
  }

  /**
   * Gives the loaded shadow tables the live tables' keys and indexes (building an index once is
   * cheaper than maintaining it through a bulk load), named with a suffix; returns the renames
   * that give them their real names once the live tables are gone.
   */
  private async indexShadowTables(manager: EntityManager): Promise<string[]> {
    const renames: string[] = [];
    for (const table of READ_MODEL_TABLES) {
      const constraints: { name: string; def: string }[] = await manager.query(
        `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u')`,
        [table],
      );
      for (const { name, def } of constraints) {
        await manager.query(`ALTER TABLE ${table}${SHADOW} ADD CONSTRAINT "${name}${SHADOW}" ${def}`);
        renames.push(`ALTER TABLE ${table} RENAME CONSTRAINT "${name}${SHADOW}" TO "${name}"`);
      }
      const indexes: { name: string; def: string }[] = await manager.query(
        `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1 AND indexname <> ALL($2::text[])`,
        [table, constraints.map((c) => c.name)],
      );
      for (const { name, def } of indexes) {
        await manager.query(def.replace(`INDEX "${name}" ON `, `INDEX "${name}${SHADOW}" ON `).replace(new RegExp(`ON (\\w+\\.)?${table} `), `ON $1${table}${SHADOW} `));
        renames.push(`ALTER INDEX "${name}${SHADOW}" RENAME TO "${name}"`);
      }
      await manager.query(`ANALYZE ${table}${SHADOW}`);
    }
    return renames;
  }

  private progress(phase: RebuildProgress['phase']): void {
    this.onProgress({ events: this.events, elapsedMs: Date.now() - this.started, phase });
  }
}

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
