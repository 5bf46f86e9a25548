import { Client } from 'pg';

const TABLES: Record<string, string> = {
  rm_events: 'event_id',
  rm_occurrences: 'occurrence_id',
  rm_current_positions: 'actor, actor_role, issue',
  rm_position_history: 'actor, actor_role, issue, seq',
  rm_pledges: 'occurrence_id, issue',
  rm_pledge_totals: 'issue, unit, status, actor',
  rm_red_lines: 'actor, actor_role, issue',
  rm_article_extractions: 'article_id',
};
const VOLATILE = new Set(['updated_at']);

/** Every read model's rows in a stable order, without columns that record when they were written. */
export async function snapshotReadModels(databaseUrl: string): Promise<Record<string, Record<string, unknown>[]>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const snapshot: Record<string, Record<string, unknown>[]> = {};
    for (const [table, order] of Object.entries(TABLES)) {
      const { rows } = await client.query(`SELECT * FROM ${table} ORDER BY ${order}`);
      snapshot[table] = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !VOLATILE.has(k))));
    }
    return snapshot;
  } finally {
    await client.end();
  }
}

/**
 * The same snapshot with everything that depends on arrival order rather than content replaced:
 * an occurrence is named by its sorted report ids (its id is whichever report came first), and
 * store positions are dropped.
 */
export async function contentSnapshot(databaseUrl: string): Promise<Record<string, unknown[]>> {
  const snapshot = await snapshotReadModels(databaseUrl);
  const reportsOf = new Map<string, string[]>();
  for (const e of snapshot.rm_events) if (e.occurrence_id) reportsOf.set(String(e.occurrence_id), [...(reportsOf.get(String(e.occurrence_id)) ?? []), String(e.event_id)]);
  const name = (id: unknown) => (typeof id === 'string' && reportsOf.has(id) ? `occ(${reportsOf.get(id)!.sort().join(',')})` : id);
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (value && typeof value === 'object' && !(value instanceof Date)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v)]));
    return name(value);
  };
  const out: Record<string, unknown[]> = {};
  for (const [table, rows] of Object.entries(snapshot)) {
    out[table] = rows
      .map((row) => {
        const { global_position: _g, sources: _s, event_id: eventId, ...rest } = row as Record<string, unknown>;
        return { ...(rename(rest) as object), ...(eventId ? { event_id: eventId } : {}) };
      })
      .map((row) => JSON.stringify(sortKeys(row)))
      .sort()
      .map((json) => JSON.parse(json));
  }
  return out;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  return value;
}
