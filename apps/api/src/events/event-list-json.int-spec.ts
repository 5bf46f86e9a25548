// The event list's items are built as JSON by Postgres; they must stay exactly what presentEvent
// makes of the same rows (fields, order, values), including the awkward ones.
import { DataSource } from 'typeorm';
import { createDataSource, ReadModelRepository } from '@stancewatch/persistence';
import { createTestDatabase, TestDatabase } from '../../../../tests/support/test-database';
import { presentEvent } from './events.controller';

describe('event list items built in SQL', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('event-list-json');
    dataSource = await createDataSource(db.url, { poolSize: 2 }).initialize();
    const row = (n: number, fields: Record<string, string>) => ({
      event_id: `'00000000-0000-4000-8000-00000000000${n}'`,
      type: `'pledge-announced'`,
      actor: `'FR'`,
      actor_role: 'NULL',
      target: `'{UA}'`,
      issues: `'{ukraine-security-force}'`,
      stated_on: `'2026-01-0${n}'`,
      observed_at: `'2026-01-0${n}T08:00:00Z'`,
      evidence: `'France will send troops.'`,
      article_id: `'art-${n}'`,
      url: `'https://news.example/${n}'`,
      confidence: '0.9',
      payload: `'{"asset": ["troops"], "quantity": {"value": 2000, "unit": "troops", "text": "2,000 troops"}, "conditions": [], "extraction": {"articleId": "art-${n}", "extractorVersion": "1.0.0"}}'`,
      global_position: String(n),
      occurrence_id: 'NULL',
      superseded: 'false',
      extractor_version: `'1.0.0'`,
      ...fields,
    });
    const rows = [
      row(1, {}),
      // no asset and null conditions in the payload, no url, role, no confidence, a timestamp finer than milliseconds
      row(2, { payload: `'{"asset": null, "quantity": null}'`, url: 'NULL', actor_role: `'opposition'`, confidence: 'NULL', observed_at: `'2026-01-02T08:00:00.123456Z'`, stated_on: 'NULL' }),
      // text that needs escaping, and a confidence a float4 cannot hold exactly
      row(3, { evidence: `E'He said "never" \\\\ twice.\\nNext line, tab\\t, accents é, ✓'`, confidence: '0.85', superseded: 'true' }),
      // corroborated: its source count comes from its occurrence
      row(4, { occurrence_id: `'00000000-0000-4000-8000-0000000000aa'` }),
    ];
    await dataSource.query(
      `INSERT INTO rm_occurrences (occurrence_id, type, actor, actor_role, target, asset, quantity, conditions, stated_on, observed_at, issues, evidence, urls, source_count, confidence, sources)
       VALUES ('00000000-0000-4000-8000-0000000000aa', 'pledge-announced', 'FR', NULL, '{UA}', '{troops}', NULL, '[]', '2026-01-04', now(), '{ukraine-security-force}', '[]', '[]', 3, 0.9, '[]')`,
    );
    for (const r of rows) {
      await dataSource.query(`INSERT INTO rm_events (${Object.keys(r).join(', ')}) VALUES (${Object.values(r).join(', ')})`);
    }
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('gives the same items as presentEvent of the parsed rows, in the same order', async () => {
    const readModels = new ReadModelRepository(dataSource);
    for (const filter of [{ actor: 'FR' }, { includeSuperseded: true }, { text: 'never', includeSuperseded: true }]) {
      const parsed = (await readModels.listEvents(filter, 10)).map((e) => JSON.stringify(presentEvent(e)));
      const built = (await readModels.listEventItemsJson(filter, 10)).map((r) => JSON.stringify(JSON.parse(r.json)));
      expect(built).toEqual(parsed);
      expect(built.length).toBeGreaterThan(0);
    }
    const all = (await readModels.listEventItemsJson({ includeSuperseded: true }, 10)).map((r) => JSON.parse(r.json));
    expect(all.map((e) => e.eventId.slice(-1))).toEqual(['4', '3', '2', '1']);
    expect(all[0].sourceCount).toBe(3);
    expect(all[2]).toMatchObject({ asset: [], quantity: null, conditions: [], url: null, actorRole: 'opposition', confidence: null, observedAt: '2026-01-02T08:00:00.123Z' });
    expect(all[1]).toMatchObject({ confidence: 0.85, evidence: 'He said "never" \\ twice.\nNext line, tab\t, accents é, ✓' });
  });

  it('pages with the cursor like listEvents', async () => {
    const readModels = new ReadModelRepository(dataSource);
    const page = await readModels.listEventItemsJson({ includeSuperseded: true }, 2, '3');
    expect(page.map((r) => r.globalPosition)).toEqual(['2', '1']);
  });
});
