import type { PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { PositionEvent, reportOf } from '@stancewatch/contracts';
import { POSITION_EVENT_TYPES } from '@stancewatch/domain/catalogue';
import { ActorProjection, compareExtractorVersions, ProjectionInput } from '@stancewatch/domain/projection';
import { notifyReadModelsChanged } from './read-model-changes';
import { actorRows, statementRow } from './repositories/projection-rows';
import { copyChunks, CopyColumn, copyInto, copyRows, insertRows, ProjectionStore, READ_MODEL_TABLES, Row, tableColumns } from './repositories/projection-store';

const SHADOW = '__next';

/**
 * What the fold reads of a stored envelope, as one JSON array per report (Postgres sends and Node
 * parses far less than the whole body); the last field is the extractor version. Strings are taken
 * as text (->>), which json_build_array quotes again more cheaply than it prints jsonb (null stays null).
 */
const REPORT_FIELDS = `json_build_array(body->>'eventId', body#>>'{provenance,articleId}', body#>>'{provenance,url}', body->>'type', body#>>'{actor,code}', body#>>'{actor,role}', body->'target', body#>'{payload,asset}', body#>'{payload,quantity}', body#>'{payload,conditions}', body->>'statedOn', body->>'observedAt', body#>>'{provenance,evidence,sentence}', body->'confidence', body#>>'{payload,extraction,extractorVersion}')`;

const EMPTY: unknown[] = [];

/** The report reportOf makes of the envelope these fields came from. */
function reportFromFields(f: unknown[]): ProjectionInput {
  return {
    eventId: f[0],
    articleId: f[1],
    url: f[2],
    type: f[3],
    actor: f[4],
    actorRole: f[5],
    target: f[6],
    asset: f[7],
    quantity: f[8],
    conditions: f[9],
    statedOn: f[10],
    observedAt: f[11],
    evidence: f[12],
    confidence: f[13],
  } as ProjectionInput;
}

/** An element of a Postgres array literal, quoted. */
const arrayElement = (item: string) => `"${item.replace(/[\\"]/g, '\\$&')}"`;
/** A Postgres array literal of strings. */
const textArray = (items: readonly string[]) => `{${items.map(arrayElement).join(',')}}`;

/**
 * One actor's decisions as the array literals MATERIALISE_REPORTS takes: built here as text, the
 * way node-postgres would print JS arrays but without its per-element type checks, and with each
 * distinct set of issues (a handful per actor) quoted once.
 */
class ReportDecisions {
  private eventIds = '';
  private occurrenceIds = '';
  private issues = '';
  private superseded = '';
  private readonly issueElements = new Map<string, string>();

  add(eventId: string, occurrenceId: string | null, issues: readonly string[], superseded: boolean): void {
    const separator = this.eventIds ? ',' : '';
    // event ids are uuids: nothing to quote
    this.eventIds += separator + eventId;
    this.occurrenceIds += separator + (occurrenceId ?? 'NULL');
    const key = issues.join('\u0000');
    let element = this.issueElements.get(key);
    if (element === undefined) this.issueElements.set(key, (element = arrayElement(textArray(issues))));
    this.issues += separator + element;
    this.superseded += separator + (superseded ? 't' : 'f');
  }

  parameters(): string[] {
    return [`{${this.eventIds}}`, `{${this.occurrenceIds}}`, `{${this.issues}}`, `{${this.superseded}}`];
  }
}

/**
 * Writes one actor's rm_events rows: each report's columns come from the stored envelope (the same
 * fields the projector's statementRow takes), the fold's decisions from the parameters.
 */
const MATERIALISE_REPORTS = `INSERT INTO rm_events${SHADOW} (event_id, type, actor, actor_role, target, issues, stated_on, observed_at, evidence, article_id, url, confidence, payload, global_position, occurrence_id, extractor_version, superseded)
  SELECT s.event_id, s.type, s.body#>>'{actor,code}', s.body#>>'{actor,role}',
         ARRAY(SELECT jsonb_array_elements_text(s.body->'target')), d.issues::text[], s.body->>'statedOn', (s.body->>'observedAt')::timestamptz,
         s.body#>>'{provenance,evidence,sentence}', s.body#>>'{provenance,articleId}', s.body#>>'{provenance,url}', (s.body->>'confidence')::real,
         s.body->'payload', s.global_position, d.occurrence_id, s.body#>>'{payload,extraction,extractorVersion}', d.superseded
  FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::boolean[]) AS d(event_id, occurrence_id, issues, superseded)
  JOIN event_store s ON s.event_id = d.event_id`;

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
 *    the shadow tables swapped in by renaming, which costs no copying, and listeners on
 *    READ_MODELS_CHANGED_CHANNEL told in the same transaction.
 * A newer extraction of an article supersedes the older run's reports: the replay knows the newest
 * version of every article up front, so superseded reports never enter a fold.
 */
export class ProjectionRebuilder {
  /**
   * Newest extractor version per article read by more than one (the replay's), and of any article
   * catch-up met; every other article has one version, in the shadow rm_article_extractions.
   */
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
    await this.readFinalVersions(head);
    await this.replayByActor(manager, head);
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
      // delivered when, and only if, the switch commits: no crash in between can leave APIs serving cached reads of the replaced tables
      await notifyReadModelsChanged(m);
    });
    this.progress('done');
    return { events: this.events, elapsedMs: Date.now() - this.started };
  }

  /**
   * Which extraction of each article is the newest, so superseded reports never enter the fold.
   * Postgres writes the articles read by one extractor version (nearly all) straight into the
   * shadow rm_article_extractions; only articles with several versions come here to be ordered.
   */
  private async readFinalVersions(head: string): Promise<void> {
    const rows: { article_id: string; versions: string[] }[] = await this.dataSource.transaction(async (m) => {
      // a million articles group in memory rather than in sorted runs on disk
      await m.query(`SET LOCAL work_mem = '256MB'`);
      return m.query(
        `WITH versions AS (
           SELECT article_id, array_agg(version) AS versions FROM (
             SELECT DISTINCT body#>>'{provenance,articleId}' AS article_id, body#>>'{payload,extraction,extractorVersion}' AS version
             FROM event_store WHERE global_position <= $1 AND type = ANY($2::text[])) v
           GROUP BY article_id),
         single AS (INSERT INTO rm_article_extractions${SHADOW} (article_id, extractor_version) SELECT article_id, versions[1] FROM versions WHERE cardinality(versions) = 1)
         SELECT article_id, versions FROM versions WHERE cardinality(versions) > 1`,
        [head, [...POSITION_EVENT_TYPES]],
      );
    });
    for (const { article_id, versions } of rows) this.latest.set(article_id, versions.reduce((a, b) => (compareExtractorVersions(b, a) > 0 ? b : a)));
    await insertRows(this.dataSource.manager, `rm_article_extractions${SHADOW}`, [...this.latest].map(([article_id, extractor_version]) => ({ article_id, extractor_version })));
  }

  /** The newest version known of an article (during catch-up, when the replay's are all stored). */
  private async knownVersion(manager: EntityManager, articleId: string): Promise<string | undefined> {
    let version = this.latest.get(articleId);
    if (version === undefined) {
      const [row] = await manager.query(`SELECT extractor_version FROM rm_article_extractions${SHADOW} WHERE article_id = $1`, [articleId]);
      version = row?.extractor_version as string | undefined;
      if (version !== undefined) this.latest.set(articleId, version);
    }
    return version;
  }

  /**
   * Folds each actor's stream in turn. Three things overlap: Postgres reads the next actor, Node
   * folds this one, and the previous one is stored: its reports joined with the store into
   * rm_events on a writer connection, its derived rows by COPY on the reader's connection between
   * two reads (reading is the lighter half: one connection writing both had Node waiting for it
   * a third of the time). At most one actor's writes wait in memory.
   */
  private async replayByActor(manager: EntityManager, head: string): Promise<void> {
    const streams: { stream: string }[] = await manager.query(`SELECT DISTINCT stream FROM event_store WHERE stream LIKE 'actor-%' AND global_position <= $1 ORDER BY stream`, [head]);
    const columns = new Map<string, CopyColumn[]>();
    for (const table of Object.keys(TABLE_OF)) columns.set(table, await tableColumns(manager, table));
    const reader = this.dataSource.createQueryRunner();
    const writer = this.dataSource.createQueryRunner();
    const writerClient = (await writer.connect()) as PoolClient;
    const readerClient = (await reader.connect()) as PoolClient;
    // the reader's connection runs one statement at a time: reads and COPYs queue here in order
    let readerTail: Promise<unknown> = Promise.resolve();
    const onReader = <T>(work: () => Promise<T>): Promise<T> => {
      const done = readerTail.then(work);
      readerTail = done.catch(() => undefined);
      return done;
    };
    const read = (stream: string): Promise<unknown[][]> => {
      const reading = onReader(() => reader.query(`SELECT json_agg(${REPORT_FIELDS} ORDER BY version)::text AS reports FROM event_store WHERE stream = $1 AND global_position <= $2`, [stream, head]))
        .then(([{ reports }]: { reports: string | null }[]) => (reports ? JSON.parse(reports) : []));
      // awaited once the fold before it is done; a failure meanwhile is not an unhandled rejection
      reading.catch(() => undefined);
      return reading;
    };
    let storingReports: Promise<unknown> = Promise.resolve();
    let storingDerived: Promise<void> = Promise.resolve();
    let next: Promise<unknown[][]> | null = null;
    try {
      // an actor's reports sort, and join the store, in memory (not in temporary files); no JIT compile per actor
      for (const runner of [reader, writer]) {
        await runner.query(`SET work_mem = '64MB'`);
        await runner.query('SET jit = off');
      }
      next = streams.length ? read(streams[0].stream) : null;
      for (let i = 0; i < streams.length; i++) {
        const fields = await next!;
        // the next actor's events are read on another connection while this one is folded
        next = i + 1 < streams.length ? read(streams[i + 1].stream) : null;
        const actor = streams[i].stream.slice('actor-'.length);
        const projection = this.newProjection(actor);
        // only what the fold decides goes back; Postgres copies the rest of each row from the store
        const decisions = new ReportDecisions();
        for (let r = 0; r < fields.length; r++) {
          const field = fields[r];
          // let go of each report's fields once folded: young-generation collections copy only what is still referenced
          fields[r] = EMPTY;
          const input = reportFromFields(field);
          // an article missing from `latest` was read by one extractor version only
          const latest = this.latest.get(input.articleId);
          const current = latest === undefined || latest === field[14];
          decisions.add(input.eventId, current ? projection.place(input) : null, this.assignIssues(input), !current);
          if (++this.events % 100_000 === 0) this.progress('replay');
        }
        const derived = actorRows(projection, { occurrenceIds: 'all', streamIds: 'all' }, new Date());
        const copies = Object.entries(TABLE_OF).map(([table, list]) => ({ table, columns: columns.get(table)!, chunks: copyChunks(derived[list], columns.get(table)!) }));
        await storingReports;
        await storingDerived;
        storingReports = writerClient.query(MATERIALISE_REPORTS, decisions.parameters());
        storingDerived = onReader(async () => {
          for (const { table, columns: cols, chunks } of copies) await copyInto(readerClient, `${table}${SHADOW}`, cols, chunks);
        });
        // a failed write must not go unobserved while the next actor is folded
        storingReports.catch(() => undefined);
        storingDerived.catch(() => undefined);
      }
      await storingReports;
      await storingDerived;
    } finally {
      await storingReports.catch(() => undefined);
      await storingDerived.catch(() => undefined);
      await next?.catch(() => undefined);
      await writer.release();
      await reader.release();
    }
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
        const latest = await this.knownVersion(manager, input.articleId);
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
   * that give them their real names once the live tables are gone. The builds are spread over two
   * connections, largest table first, so both cores work while Node has nothing to fold.
   */
  private async indexShadowTables(manager: EntityManager): Promise<string[]> {
    const renames: string[] = [];
    const builds: string[][] = [];
    const analyses: string[][] = [];
    for (const table of READ_MODEL_TABLES) {
      const shadow = `${table}${SHADOW}`;
      const constraints: { name: string; def: string }[] = await manager.query(
        `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u')`,
        [table],
      );
      for (const { name, def } of constraints) {
        const key = /^(PRIMARY KEY|UNIQUE) (\([^()]*\))$/.exec(def);
        // a key's index is built like any other (without the exclusive lock ADD CONSTRAINT would hold throughout), then adopted
        if (key) builds.push([`CREATE UNIQUE INDEX "${name}${SHADOW}" ON ${shadow} ${key[2]}`, `ALTER TABLE ${shadow} ADD CONSTRAINT "${name}${SHADOW}" ${key[1]} USING INDEX "${name}${SHADOW}"`]);
        else builds.push([`ALTER TABLE ${shadow} ADD CONSTRAINT "${name}${SHADOW}" ${def}`]);
        renames.push(`ALTER TABLE ${table} RENAME CONSTRAINT "${name}${SHADOW}" TO "${name}"`);
      }
      const indexes: { name: string; def: string }[] = await manager.query(
        `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1 AND indexname <> ALL($2::text[])`,
        [table, constraints.map((c) => c.name)],
      );
      for (const { name, def } of indexes) {
        builds.push([def.replace(`INDEX "${name}" ON `, `INDEX "${name}${SHADOW}" ON `).replace(new RegExp(`ON (\\w+\\.)?${table} `), `ON $1${shadow} `)]);
        renames.push(`ALTER INDEX "${name}${SHADOW}" RENAME TO "${name}"`);
      }
      analyses.push([`ANALYZE ${shadow}`]);
    }
    // READ_MODEL_TABLES starts with rm_events, by far the largest; each connection takes the next job when free
    const queue = [...builds, ...analyses];
    const workers = await Promise.allSettled(
      [0, 1].map(async () => {
        const runner = this.dataSource.createQueryRunner();
        try {
          // sorts in memory; the two connections are the parallelism, so no parallel workers on top
          await runner.query(`SET maintenance_work_mem = '256MB'`);
          await runner.query('SET max_parallel_maintenance_workers = 0');
          for (let job = queue.shift(); job; job = queue.shift()) for (const sql of job) await runner.query(sql);
        } catch (err) {
          queue.length = 0; // the other connection stops after its current build
          throw err;
        } finally {
          await runner.release();
        }
      }),
    );
    for (const worker of workers) if (worker.status === 'rejected') throw worker.reason;
    return renames;
  }

  private progress(phase: RebuildProgress['phase']): void {
    this.onProgress({ events: this.events, elapsedMs: Date.now() - this.started, phase });
  }
}
