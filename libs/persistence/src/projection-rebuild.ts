import { DataSource, EntityManager } from 'typeorm';
import { PositionEvent, reportOf } from '@stancewatch/contracts';
import { POSITION_EVENT_TYPES } from '@stancewatch/domain/catalogue';
import { ActorProjection, compareExtractorVersions, ProjectionInput } from '@stancewatch/domain/projection';
import { actorRows, statementRow } from './repositories/projection-rows';
import { copyRows, insertRows, ProjectionStore, READ_MODEL_TABLES, Row } from './repositories/projection-store';

const SHADOW = '__next';
/** The fold's decisions per report (occurrence, issues, superseded), joined with the store to write rm_events. */
const LINKS = 'rm_events_links__rebuild';

export interface RebuildProgress {
  events: number;
  elapsedMs: number;
  phase: 'replay' | 'write' | 'catch-up' | 'switch' | 'done';
}

/** Stored bodies are the validated envelopes the projector appended. */
type StoredEnvelope = PositionEvent;

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
 * 1. replay — everything stored up to now, one actor at a time (all projection state is per actor,
 *    so memory stays bounded by the largest actor), folded by the live projector's own code into
 *    shadow tables loaded with COPY and indexed only once loaded;
 * 2. catch-up — what the live projector appended meanwhile, refolding the actors it touched;
 * 3. switch — with the event store held still (writers wait, readers don't), the last events, then
 *    the shadow tables swapped in by renaming, which costs no copying.
 * A newer extraction of an article supersedes the older run's reports: the replay knows the newest
 * version of every article up front, so superseded reports never enter a fold.
 */
export class ProjectionRebuilder {
  /** Newest extractor version per article. */
  private readonly latest = new Map<string, string>();
  /** Articles whose newest version changed during catch-up, to write to the extraction table. */
  private readonly changedArticles = new Set<string>();
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
    const [{ head }] = await manager.query(`SELECT coalesce(max(global_position), 0)::text AS head FROM event_store`);
    await this.readFinalVersions(manager, head);
    await manager.query(`DROP TABLE IF EXISTS ${LINKS}`);
    await manager.query(`CREATE UNLOGGED TABLE ${LINKS} (event_id uuid NOT NULL, occurrence_id uuid, issues text[] NOT NULL, superseded boolean NOT NULL)`);
    await this.replayByActor(manager, head);
    await this.materialiseReports(manager);
    await copyRows(manager, `rm_article_extractions${SHADOW}`, [...this.latest].map(([article_id, extractor_version]) => ({ article_id, extractor_version })));
    this.lastPosition = head;
    this.progress('write');
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
  private async readFinalVersions(manager: EntityManager, head: string): Promise<void> {
    const rows: { article_id: string; version: string }[] = await manager.query(
      `SELECT DISTINCT body#>>'{provenance,articleId}' AS article_id, body#>>'{payload,extraction,extractorVersion}' AS version
       FROM event_store WHERE global_position <= $1 AND type = ANY($2::text[])`,
      [head, [...POSITION_EVENT_TYPES]],
    );
    for (const { article_id, version } of rows) {
      const known = this.latest.get(article_id);
      if (!known || compareExtractorVersions(version, known) > 0) this.latest.set(article_id, version);
    }
  }

  /** Folds each actor's stream in turn and writes its reports and derived rows before the next. */
  private async replayByActor(manager: EntityManager, head: string): Promise<void> {
    const streams: { stream: string }[] = await manager.query(`SELECT DISTINCT stream FROM event_store WHERE stream LIKE 'actor-%' AND global_position <= $1 ORDER BY stream`, [head]);
    const read = (stream: string): Promise<{ position: string; body: StoredEnvelope }[]> =>
      this.dataSource.query(`SELECT global_position::text AS position, body FROM event_store WHERE stream = $1 AND global_position <= $2 ORDER BY version`, [stream, head]);
    let next = streams.length ? read(streams[0].stream) : null;
    for (let i = 0; i < streams.length; i++) {
      const rows = await next!;
      // the next actor's events are read on another connection while this one is folded
      next = i + 1 < streams.length ? read(streams[i + 1].stream) : null;
      const actor = streams[i].stream.slice('actor-'.length);
      const projection = this.newProjection(actor);
      // only what the fold decides goes back from here; Postgres copies the rest of each row from the store
      const links: Row[] = [];
      for (const { body } of rows) {
        const input = reportOf(body);
        const version = body.payload.extraction.extractorVersion;
        const current = this.latest.get(input.articleId) === version;
        const occurrenceId = current ? projection.apply(input).occurrenceId : null;
        links.push({ event_id: input.eventId, occurrence_id: occurrenceId, issues: this.assignIssues(input), superseded: !current });
        if (++this.events % 100_000 === 0) this.progress('replay');
      }
      await copyRows(manager, LINKS, links);
      const derived = actorRows(projection, { occurrenceIds: 'all', streamIds: 'all' }, new Date());
      for (const [table, list] of Object.entries(TABLE_OF)) await copyRows(manager, `${table}${SHADOW}`, derived[list]);
    }
  }

  /**
   * Writes rm_events in one statement: each report's columns come from the stored envelope
   * (the same fields the projector's statementRow takes), the fold's decisions from the links.
   */
  private async materialiseReports(manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO rm_events${SHADOW} (event_id, type, actor, actor_role, target, issues, stated_on, observed_at, evidence, article_id, url, confidence, payload, global_position, occurrence_id, extractor_version, superseded)
       SELECT s.event_id, s.type, s.body#>>'{actor,code}', s.body#>>'{actor,role}',
              ARRAY(SELECT jsonb_array_elements_text(s.body->'target')), l.issues, s.body->>'statedOn', (s.body->>'observedAt')::timestamptz,
              s.body#>>'{provenance,evidence,sentence}', s.body#>>'{provenance,articleId}', s.body#>>'{provenance,url}', (s.body->>'confidence')::real,
              s.body->'payload', s.global_position, l.occurrence_id, s.body#>>'{payload,extraction,extractorVersion}', l.superseded
       FROM ${LINKS} l JOIN event_store s ON s.event_id = l.event_id`,
    );
    await manager.query(`DROP TABLE ${LINKS}`);
  }

  /** Stores what arrived after the replay's snapshot and refolds the actors it was about. */
  private async catchUp(manager: EntityManager, phase: RebuildProgress['phase']): Promise<void> {
    const touched = new Set<string>();
    for (;;) {
      const rows: { position: string; body: StoredEnvelope }[] = await manager.query(
        `SELECT global_position::text AS position, body FROM event_store WHERE global_position > $1 AND type = ANY($2::text[]) ORDER BY global_position LIMIT $3`,
        [this.lastPosition, [...POSITION_EVENT_TYPES], this.pageSize],
      );
      if (rows.length === 0) break;
      const statements: Row[] = [];
      for (const { position, body } of rows) {
        const input = reportOf(body);
        const version = body.payload.extraction.extractorVersion;
        const latest = this.latest.get(input.articleId);
        if (!latest || compareExtractorVersions(version, latest) > 0) {
          this.latest.set(input.articleId, version);
          this.changedArticles.add(input.articleId);
          // the older run's reports may be about other actors: they fold again too
          if (latest) for (const { actor } of await manager.query(`SELECT DISTINCT actor FROM rm_events${SHADOW} WHERE article_id = $1`, [input.articleId])) touched.add(actor);
        }
        statements.push(statementRow(input, { globalPosition: position, issues: this.assignIssues(input), extractorVersion: version, payload: body.payload, superseded: this.latest.get(input.articleId) !== version, occurrenceId: null }));
        touched.add(input.actor);
        this.events++;
        this.lastPosition = position;
      }
      await insertRows(manager, `rm_events${SHADOW}`, statements, 'ON CONFLICT (event_id) DO NOTHING');
    }
    if (touched.size === 0) return;
    this.progress(phase);
    await insertRows(
      manager,
      `rm_article_extractions${SHADOW}`,
      [...this.changedArticles].map((article_id) => ({ article_id, extractor_version: this.latest.get(article_id) })),
      'ON CONFLICT (article_id) DO UPDATE SET extractor_version = EXCLUDED.extractor_version',
    );
    this.changedArticles.clear();
    for (const actor of touched) {
      const projection = await this.refold(manager, actor);
      await this.shadow.writeActor(manager, actor, actorRows(projection, { occurrenceIds: 'all', streamIds: 'all' }, new Date()), { occurrenceIds: 'all', streams: 'all' });
    }
  }

  /** Folds an actor again from its current (not superseded) reports in the shadow tables. */
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
    for (const { body } of rows) projection.apply(reportOf(body));
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
