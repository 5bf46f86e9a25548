import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { EntityManager } from 'typeorm';

/** Table names of every projection; the rebuild writes a shadow copy of each and swaps them in. */
export const READ_MODEL_TABLES = ['rm_events', 'rm_occurrences', 'rm_current_positions', 'rm_position_history', 'rm_pledges', 'rm_pledge_totals', 'rm_red_lines', 'rm_article_extractions'] as const;
export type ReadModelTable = (typeof READ_MODEL_TABLES)[number];

export type Row = Record<string, unknown>;

/**
 * Writes many rows in one statement: Postgres turns the JSON array into typed records, which is
 * far cheaper than one INSERT per row. Keys are column names; absent keys are NULL.
 */
export async function insertRows(manager: EntityManager, table: string, rows: Row[], onConflict = ''): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await manager.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json) ${onConflict}`, [JSON.stringify(chunk)]);
  }
}

export interface CopyColumn {
  name: string;
  kind: 'scalar' | 'array' | 'json';
}

const columnCache = new Map<string, CopyColumn[]>();

/** A table's columns in order; cached for live tables (a shadow table `LIKE` one has the same: pass that name). */
export async function tableColumns(manager: EntityManager, table: string): Promise<CopyColumn[]> {
  let columns = columnCache.get(table);
  if (!columns) {
    const rows: { column_name: string; data_type: string }[] = await manager.query(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
      [table],
    );
    columns = rows.map((r) => ({ name: r.column_name, kind: r.data_type === 'ARRAY' ? 'array' : r.data_type === 'jsonb' || r.data_type === 'json' ? 'json' : 'scalar' }));
    // shadow tables come and go under the same name; only live tables are worth remembering
    if (!table.includes('__')) columnCache.set(table, columns);
  }
  return columns;
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/** A field of COPY's text format: only backslash and line/field separators need escaping (JSON rarely has any). */
const copyField = (text: string) => (COPY_SPECIAL.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]) : text);
const arrayElement = (item: unknown) => (item === null || item === undefined ? 'NULL' : `"${String(item).replace(/[\\"]/g, '\\$&')}"`);

function copyValue(value: unknown, kind: CopyColumn['kind']): string {
  if (value === null || value === undefined) return '\\N';
  if (kind === 'json') {
    // JSON escapes every control character, so a backslash is the only character COPY needs escaped
    const json = JSON.stringify(value);
    return json.includes('\\') ? json.replace(/\\/g, '\\\\') : json;
  }
  if (kind === 'array') return copyField(`{${(value as unknown[]).map(arrayElement).join(',')}}`);
  // numbers, booleans and dates print no character COPY escapes
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value instanceof Date ? value.toISOString() : copyField(String(value));
}

/**
 * Rows as COPY text-format lines, in chunks of ~64 KB (one socket write per line would cost more
 * than the COPY). Text format rather than CSV: no quoting, so JSON goes out as it is. Each chunk
 * is encoded at once: a Buffer lives outside the JS heap, so text waiting to be sent is not copied
 * by every young-generation collection meanwhile (the socket would encode it anyway).
 */
export function copyChunks(rows: readonly Row[], columns: readonly CopyColumn[]): Buffer[] {
  const chunks: Buffer[] = [];
  let chunk = '';
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) chunk += '\t';
      chunk += copyValue(row[columns[i].name], columns[i].kind);
    }
    chunk += '\n';
    if (chunk.length >= 65_536) {
      chunks.push(Buffer.from(chunk));
      chunk = '';
    }
  }
  if (chunk) chunks.push(Buffer.from(chunk));
  return chunks;
}

/** Sends prepared COPY text to a table on one connection. */
export async function copyInto(client: PoolClient, table: string, columns: readonly CopyColumn[], chunks: readonly Buffer[]): Promise<void> {
  if (chunks.length === 0) return;
  await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY ${table} (${columns.map((c) => `"${c.name}"`).join(', ')}) FROM STDIN`)));
}

/**
 * Bulk load with COPY: for the rebuild's millions of rows it is several times faster than any
 * INSERT, because Postgres parses plain text instead of SQL or JSON. Same row shape as insertRows.
 * `columnsOf` names the table whose columns the rows have (a shadow table's live original).
 */
export async function copyRows(manager: EntityManager, table: string, rows: Row[], columnsOf = table): Promise<void> {
  if (rows.length === 0) return;
  const columns = await tableColumns(manager, columnsOf);
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  try {
    await copyInto(client, table, columns, copyChunks(rows, columns));
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

export interface StoredStatementRow {
  event_id: string;
  type: string;
  actor: string;
  actor_role: string | null;
  target: string[];
  stated_on: string | null;
  observed_at: Date;
  evidence: string;
  article_id: string;
  url: string | null;
  confidence: number | null;
  payload: { asset: string[]; quantity: unknown; conditions: unknown[] };
  global_position: string;
}

/** Reads and writes of the projector's read models inside its batch transaction. */
export class ProjectionStore {
  constructor(private readonly tablePrefix = '') {}

  table(name: ReadModelTable): string {
    return `${name}${this.tablePrefix}`;
  }

  async latestExtraction(manager: EntityManager, articleId: string): Promise<string | null> {
    const rows: { extractor_version: string }[] = await manager.query(`SELECT extractor_version FROM ${this.table('rm_article_extractions')} WHERE article_id = $1`, [articleId]);
    return rows[0]?.extractor_version ?? null;
  }

  async setLatestExtraction(manager: EntityManager, articleId: string, version: string): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table('rm_article_extractions')} (article_id, extractor_version) VALUES ($1, $2) ON CONFLICT (article_id) DO UPDATE SET extractor_version = EXCLUDED.extractor_version`,
      [articleId, version],
    );
  }

  /** Marks an article's reports from other extractor runs superseded; returns the actors they belonged to. */
  async supersede(manager: EntityManager, articleId: string, keepVersion: string): Promise<string[]> {
    // TypeORM hands back [rows, affected] for an UPDATE … RETURNING
    const [rows]: [{ actor: string }[], number] = await manager.query(
      `UPDATE ${this.table('rm_events')} SET superseded = true, occurrence_id = NULL WHERE article_id = $1 AND extractor_version <> $2 AND NOT superseded RETURNING actor`,
      [articleId, keepVersion],
    );
    return [...new Set(rows.map((row) => row.actor))];
  }

  /** The newest report stored for an actor: a cached projection is current only if it has applied it. */
  async actorHead(manager: EntityManager, actor: string): Promise<string | null> {
    const [row] = await manager.query(`SELECT max(global_position)::text AS head FROM ${this.table('rm_events')} WHERE actor = $1 AND NOT superseded`, [actor]);
    return row?.head ?? null;
  }

  async actorStatements(manager: EntityManager, actor: string): Promise<StoredStatementRow[]> {
    return manager.query(
      `SELECT event_id, type, actor, actor_role, target, stated_on, observed_at, evidence, article_id, url, confidence, payload, global_position::text AS global_position
       FROM ${this.table('rm_events')} e WHERE actor = $1 AND NOT superseded ORDER BY e.global_position`,
      [actor],
    );
  }

  async insertEvents(manager: EntityManager, rows: Row[]): Promise<void> {
    await insertRows(manager, this.table('rm_events'), rows, 'ON CONFLICT (event_id) DO NOTHING');
  }

  async setEventOccurrences(manager: EntityManager, pairs: { eventId: string; occurrenceId: string }[]): Promise<void> {
    if (pairs.length === 0) return;
    await manager.query(
      `UPDATE ${this.table('rm_events')} e SET occurrence_id = p.occurrence_id FROM json_to_recordset($1::json) AS p(event_id uuid, occurrence_id uuid) WHERE e.event_id = p.event_id AND NOT e.superseded`,
      [JSON.stringify(pairs.map((p) => ({ event_id: p.eventId, occurrence_id: p.occurrenceId })))],
    );
  }

  /**
   * Replaces an actor's derived rows. `occurrences`/`streams` limit the rewrite to what a batch
   * touched; 'all' rewrites everything the actor has (after a reload).
   */
  async writeActor(
    manager: EntityManager,
    actor: string,
    rows: { occurrences: Row[]; positions: Row[]; history: Row[]; pledges: Row[]; totals: Row[]; redLines: Row[] },
    scope: { occurrenceIds: string[] | 'all'; streams: { actorRole: string; issue: string }[] | 'all' },
  ): Promise<void> {
    const t = (name: ReadModelTable) => this.table(name);
    if (scope.occurrenceIds === 'all') await manager.query(`DELETE FROM ${t('rm_occurrences')} WHERE actor = $1`, [actor]);
    else if (scope.occurrenceIds.length) await manager.query(`DELETE FROM ${t('rm_occurrences')} WHERE occurrence_id = ANY($1::uuid[])`, [scope.occurrenceIds]);
    await insertRows(manager, t('rm_occurrences'), rows.occurrences);
    if (scope.streams === 'all') {
      await manager.query(`DELETE FROM ${t('rm_current_positions')} WHERE actor = $1`, [actor]);
      await manager.query(`DELETE FROM ${t('rm_position_history')} WHERE actor = $1`, [actor]);
    } else if (scope.streams.length) {
      const streams = JSON.stringify(scope.streams.map((s) => ({ actor_role: s.actorRole, issue: s.issue })));
      for (const name of ['rm_current_positions', 'rm_position_history'] as const) {
        await manager.query(
          `DELETE FROM ${t(name)} r USING json_to_recordset($2::json) AS s(actor_role text, issue text) WHERE r.actor = $1 AND r.actor_role = s.actor_role AND r.issue = s.issue`,
          [actor, streams],
        );
      }
    }
    await insertRows(manager, t('rm_current_positions'), rows.positions);
    await insertRows(manager, t('rm_position_history'), rows.history);
    for (const name of ['rm_pledges', 'rm_pledge_totals', 'rm_red_lines'] as const) await manager.query(`DELETE FROM ${t(name)} WHERE actor = $1`, [actor]);
    await insertRows(manager, t('rm_pledges'), rows.pledges);
    await insertRows(manager, t('rm_pledge_totals'), rows.totals);
    await insertRows(manager, t('rm_red_lines'), rows.redLines);
  }
}
