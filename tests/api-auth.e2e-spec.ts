// The API surface on the real stack: every route's 401/403/400/404 paths, key creation and
// revocation, the per-key rate limit, the OpenAPI document and /metrics. Read models are seeded
// straight into Postgres, so these tests do not depend on what the extractor finds.
import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { bootstrapApi } from '../apps/api/src/main';
import { loadConfig } from '@stancewatch/platform';
import { startStack, Stack, TEST_ADMIN_KEY } from './support/stack';

const ISSUE = 'ukraine-security-force';
const FR_EVENT = randomUUID();
const FR_CORROBORATION = randomUUID();
const FR_CHANGE = randomUUID();
const FR_OCCURRENCE = randomUUID();
const NATO_EVENT = randomUUID();
const FR_SUPERSEDED = randomUUID();
const FR_EARLIER = randomUUID();
const RU_EVENT = randomUUID();
// pledge occurrences: troops announced by FR 2,000, GB 5,000, BE "several hundred"; ES considers 1,500; DE EUR 1.5 bn; IT refused
const OCC = { GB: randomUUID(), BE: randomUUID(), ES: randomUUID(), DE: randomUUID(), IT: randomUUID() };
const EVIDENCE = 'France will send 2,000 troops to Ukraine as part of a reassurance force, President Macron said.';

type Json = Record<string, any>;

describe('API surface: auth, validation, keys, rate limit, OpenAPI, metrics', () => {
  let stack: Stack;
  let analystKey: string;

  const call = async (path: string, init: RequestInit & { key?: string | null } = {}) => {
    const { key = TEST_ADMIN_KEY, ...rest } = init;
    const headers: Record<string, string> = { ...(rest.body ? { 'content-type': 'application/json' } : {}), ...((rest.headers as Record<string, string>) ?? {}) };
    if (key) headers['x-api-key'] = key;
    const res = await fetch(`${stack.apiUrl}${path}`, { ...rest, headers, signal: AbortSignal.timeout(15_000) });
    const text = await res.text();
    let body: Json = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { text };
    }
    return { status: res.status, body, headers: res.headers, text };
  };

  async function seed(url: string): Promise<void> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      // the projector's read models grow columns; fill the ones without defaults that exist now
      const extra: { column_name: string }[] = (
        await client.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'rm_events' AND is_nullable = 'NO' AND column_default IS NULL`)
      ).rows;
      const extraCols = extra.map((c) => c.column_name).filter((c) => !['event_id', 'type', 'actor', 'target', 'issues', 'observed_at', 'evidence', 'article_id', 'payload', 'global_position'].includes(c));
      const insertEvent = (id: string, actor: string, articleId: string, url: string, pos: number, statedOn: string, evidence: string, type = 'pledge-announced', occurrence: string | null = null) =>
        client.query(
          `INSERT INTO rm_events (event_id, type, actor, actor_role, target, issues, stated_on, observed_at, evidence, article_id, url, confidence, payload, global_position, occurrence_id${extraCols.map((c) => `, ${c}`).join('')})
           VALUES ($1, $2, $3, NULL, '{UA}', $4, $5, now(), $6, $7, $8, 0.9, $9, $10, $11${extraCols.map(() => `, 'seed'`).join('')})`,
          [id, type, actor, [ISSUE], statedOn, evidence, articleId, url, { asset: ['troops'], quantity: { value: 2000, unit: 'troops' }, conditions: [] }, pos, occurrence],
        );
      const sources = [
        { articleId: 'art-fr-1', url: 'https://news.example/fr-1', eventId: FR_EVENT, observedAt: '2026-01-10T08:05:00Z', statedOn: '2026-01-10' },
        { articleId: 'art-fr-2', url: 'https://wire.example/fr-2', eventId: FR_CORROBORATION, observedAt: '2026-01-10T09:05:00Z', statedOn: '2026-01-10' },
      ];
      await client.query(
        `INSERT INTO rm_occurrences (occurrence_id, type, actor, actor_role, target, asset, quantity, conditions, stated_on, observed_at, issues, evidence, urls, source_count, confidence, sources)
         VALUES ($1, 'pledge-announced', 'FR', NULL, '{UA}', '{troops}', $2, '[]', '2026-01-10', now(), $3, $4, $5, 2, 0.9, $6)`,
        [FR_OCCURRENCE, { value: 2000, unit: 'troops' }, [ISSUE], JSON.stringify([EVIDENCE]), JSON.stringify(sources.map((x) => x.url)), JSON.stringify(sources)],
      );
      await client.query(
        `INSERT INTO articles (id, url, title, published_at, text, content_hash) VALUES
         ('art-fr-1', 'https://news.example/fr-1', 'France to send troops', '2026-01-10T08:00:00Z', $1, 'h1'),
         ('art-fr-2', 'https://wire.example/fr-2', 'Macron: 2,000 troops', '2026-01-10T09:00:00Z', $1, 'h2'),
         ('art-nato', 'https://news.example/nato', 'NATO backs force', '2026-01-11T08:00:00Z', 'NATO supports the force.', 'h3')`,
        [EVIDENCE],
      );
      await insertEvent(FR_EVENT, 'FR', 'art-fr-1', 'https://news.example/fr-1', 1, '2026-01-10', EVIDENCE, 'pledge-announced', FR_OCCURRENCE);
      await insertEvent(FR_CORROBORATION, 'FR', 'art-fr-2', 'https://wire.example/fr-2', 2, '2026-01-10', EVIDENCE, 'pledge-announced', FR_OCCURRENCE);
      await insertEvent(NATO_EVENT, 'NATO', 'art-nato', 'https://news.example/nato', 3, '2026-01-11', 'NATO supports the force.', 'support-expressed');
      // an earlier extraction of art-fr-1, replaced by the newer one
      await insertEvent(FR_SUPERSEDED, 'FR', 'art-fr-1', 'https://news.example/fr-1', 0, '2026-01-10', 'France might consider troops.', 'pledge-considered');
      await client.query(`UPDATE rm_events SET superseded = true WHERE event_id = $1`, [FR_SUPERSEDED]);
      await insertEvent(FR_EARLIER, 'FR', 'art-fr-0', 'https://news.example/fr-0', 4, '2025-12-01', 'France is considering sending troops.', 'pledge-considered');
      await insertEvent(RU_EVENT, 'RU', 'art-ru', 'https://news.example/ru', 5, '2026-01-09', 'Russia will treat foreign troops in Ukraine as legitimate targets.', 'red-line-stated');
      for (const [actor, pos] of [['GB', 6], ['BE', 7], ['ES', 8], ['DE', 9], ['IT', 10]] as const) {
        await insertEvent(randomUUID(), actor, `art-${actor}`, `https://news.example/${actor}`, pos, '2026-01-05', `${actor} statement.`, 'pledge-announced', OCC[actor]);
      }
      await client.query(
        `INSERT INTO rm_position_history (actor, actor_role, issue, seq, stance, from_date, to_date, cause_event_id) VALUES
         ('FR', '', $1, 0, 'considering', '2025-12-01', '2026-01-10', $2),
         ('FR', '', $1, 1, 'committed', '2026-01-10', NULL, $3)`,
        [ISSUE, FR_EARLIER, FR_EVENT],
      );
      const pledge = (occurrence: string, actor: string, asset: string, quantity: object | null, status: string, statedOn: string, withdrawnBy: string | null = null) =>
        client.query(
          `INSERT INTO rm_pledges (occurrence_id, issue, actor, actor_role, asset, quantity, conditions, status, withdrawn_by, stated_on, source_count, urls)
           VALUES ($1, $2, $3, NULL, $4, $5, '[]', $6, $7, $8, 1, $9)`,
          [occurrence, ISSUE, actor, [asset], quantity, status, withdrawnBy, statedOn, JSON.stringify([`https://news.example/${actor}`])],
        );
      await pledge(FR_OCCURRENCE, 'FR', 'troops', { value: 2000, unit: 'troops', text: '2,000 troops' }, 'announced', '2026-01-10');
      await pledge(OCC.ES, 'ES', 'troops', { value: 1500, unit: 'troops', text: '1,500 troops' }, 'considered', '2026-01-09');
      await pledge(OCC.BE, 'BE', 'troops', { value: null, unit: 'troops', text: 'several hundred troops' }, 'announced', '2026-01-08');
      await pledge(OCC.IT, 'IT', 'troops', null, 'refused', '2026-01-07');
      await pledge(OCC.GB, 'GB', 'troops', { value: 5000, unit: 'troops', text: '5,000 troops' }, 'announced', '2026-01-06');
      await pledge(OCC.DE, 'DE', 'money', { value: 1.5e9, unit: 'EUR', text: 'EUR 1.5 billion' }, 'announced', '2026-01-05');
      await client.query(
        `INSERT INTO rm_pledge_totals (issue, unit, status, actor, value, occurrence_ids, vague) VALUES
         ($1, 'troops', 'announced', 'FR', 2000, $2, '[]'),
         ($1, 'troops', 'announced', 'GB', 5000, $3, '[]'),
         ($1, 'troops', 'announced', 'BE', NULL, $4, '["several hundred troops"]'),
         ($1, 'troops', 'considered', 'ES', 1500, $5, '[]'),
         ($1, 'EUR', 'announced', 'DE', 1500000000, $6, '[]')`,
        [ISSUE, [FR_OCCURRENCE], [OCC.GB], [OCC.BE], [OCC.ES], [OCC.DE]],
      );
      const statement = { occurrenceId: randomUUID(), statedOn: '2026-01-09', evidence: ['Russia will treat foreign troops in Ukraine as legitimate targets.'], urls: ['https://news.example/ru'], sourceCount: 2 };
      await client.query(
        `INSERT INTO rm_red_lines (actor, actor_role, issue, first_stated, last_stated, times_stated, times_restated, source_count, lines, statements) VALUES
         ('RU', '', $1, '2025-12-20', '2026-01-09', 3, 2, 5, $2, $3),
         ('RU', '', '', '2025-11-02', '2025-11-02', 1, 0, 1, '["No NATO expansion."]', '[]')`,
        [ISSUE, JSON.stringify(statement.evidence), JSON.stringify([statement])],
      );
      await client.query(
        `INSERT INTO rm_current_positions (actor, actor_role, issue, stance, since, cause_event_id, event_ids, conditions, source_count, updated_at) VALUES
         ('FR', '', $1, 'committed', '2026-01-10', $2, $3, '[]', 2, now()),
         ('NATO', '', $1, 'supportive', '2026-01-11', $4, $5, '[]', 1, now())`,
        [ISSUE, FR_EVENT, [FR_EVENT, FR_CORROBORATION], NATO_EVENT, [NATO_EVENT]],
      );
      const change = { eventId: FR_CHANGE, type: 'position-changed', actor: { code: 'FR', role: null }, observedAt: new Date().toISOString(), payload: { issue: ISSUE, from: null, to: 'committed', causeEventId: FR_EVENT, since: '2026-01-10', historical: false } };
      await client.query(`INSERT INTO event_store (event_id, stream, version, type, body) VALUES ($1, $2, 1, 'position-changed', $3)`, [FR_CHANGE, `stance-FR/${ISSUE}`, change]);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    stack = await startStack('api-auth');
    await seed(stack.db.url);
    const created = await call('/api/v1/keys', { method: 'POST', body: JSON.stringify({ name: 'analyst for tests', role: 'analyst' }) });
    expect(created.status).toBe(201);
    analystKey = created.body.key;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  // every route this suite owns, with a valid-looking request
  // rows always have three cells: a test function with more parameters than its row would get jest's done callback
  const ROUTES: [string, string, object | null][] = [
    ['GET', '/api/v1/actors', null],
    ['GET', '/api/v1/actors/FR', null],
    ['GET', '/api/v1/actors/FR/positions', null],
    ['GET', `/api/v1/actors/FR/issues/${ISSUE}/timeline`, null],
    ['GET', '/api/v1/issues', null],
    ['GET', `/api/v1/issues/${ISSUE}`, null],
    ['GET', `/api/v1/issues/${ISSUE}/positions`, null],
    ['GET', '/api/v1/events', null],
    ['GET', `/api/v1/events/${FR_EVENT}`, null],
    ['GET', '/api/v1/articles', null],
    ['GET', '/api/v1/articles/art-fr-1', null],
    ['GET', `/api/v1/pledges?issue=${ISSUE}`, null],
    ['GET', '/api/v1/red-lines?actor=RU', null],
    ['GET', '/api/v1/keys', null],
    ['POST', '/api/v1/keys', { name: 'x', role: 'analyst' }],
    ['DELETE', `/api/v1/keys/${randomUUID()}`, null],
  ];

  describe('401 without a key or with a wrong one', () => {
    it.each(ROUTES)('%s %s', async (method, path, body) => {
      const none = await call(path, { method, key: null, body: body ? JSON.stringify(body) : undefined });
      expect(none.status).toBe(401);
      expect(none.body.message).toMatch(/missing API key.*x-api-key/);
      expect(none.body.requestId).toEqual(expect.any(String));
      const wrong = await call(path, { method, key: 'sw_not-a-real-key', body: body ? JSON.stringify(body) : undefined });
      expect(wrong.status).toBe(401);
      expect(wrong.body.message).toMatch(/invalid or revoked/);
    });
  });

  describe('403 for an analyst on admin routes', () => {
    it.each([
      ['GET', '/api/v1/keys', null],
      ['POST', '/api/v1/keys', { name: 'x', role: 'admin' }],
      ['DELETE', `/api/v1/keys/${randomUUID()}`, null],
    ] as [string, string, object | null][])('%s %s', async (method, path, body) => {
      const res = await call(path, { method, key: analystKey, body: body ? JSON.stringify(body) : undefined });
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/needs the admin role; your key is analyst/);
    });

    it('lets the analyst read', async () => {
      for (const [method, path] of ROUTES.filter(([m, p]) => m === 'GET' && !p.includes('/keys'))) {
        const res = await call(path, { method, key: analystKey });
        expect([method, path, res.status]).toEqual([method, path, 200]);
      }
    });
  });

  describe('400 naming the invalid field', () => {
    it.each([
      ['/api/v1/events?type=rumour', 'type', /type must be one of pledge-announced/],
      ['/api/v1/events?minConfidence=2', 'minConfidence', /minConfidence must not be greater than 1/],
      ['/api/v1/events?minConfidence=high', 'minConfidence', /minConfidence must be a number/],
      ['/api/v1/events?actor=F%21', 'actor', /actor must be a country or organisation code/],
      ['/api/v1/events?target=%3F%3F', 'target', /target must be/],
      ['/api/v1/events?issue=atlantis', 'issue', /unknown issue "atlantis"; known issues: ukraine-security-force/],
      ['/api/v1/events?statedFrom=2026-13', 'statedFrom', /statedFrom must be YYYY-MM-DD or YYYY-MM/],
      ['/api/v1/events?statedFrom=2026-02-01&statedTo=2026-01', 'statedFrom', /is after statedTo/],
      ['/api/v1/events?limit=0', 'limit', /limit must not be less than 1/],
      ['/api/v1/events?cursor=abc', 'cursor', /cursor must be the nextCursor/],
      ['/api/v1/events?colour=red', 'colour', /property colour should not exist/],
      ['/api/v1/events/not-a-uuid', 'id', /id: must be a UUID/],
      ['/api/v1/actors?kind=planet', 'kind', /kind must be one of/],
      ['/api/v1/actors/F%21', 'code', /code: must be a country/],
      ['/api/v1/actors/F%21/positions', 'code', /code: must be a country/],
      [`/api/v1/actors/FR/issues/${ISSUE}/timeline?role=BAD`, 'role', /role must be a lower-case role name/],
      ['/api/v1/articles?feedId=7', 'feedId', /feedId must be a UUID/],
      ['/api/v1/articles?cursor=not-a-cursor-at-all', 'cursor', /cursor: must be the nextCursor/],
      ['/api/v1/articles/art-fr-1?includeSuperseded=1', 'includeSuperseded', /includeSuperseded must be true or false/],
      ['/api/v1/events?includeSuperseded=yes', 'includeSuperseded', /includeSuperseded must be true or false/],
      ['/api/v1/pledges?status=maybe', 'status', /status must be one of announced, considered, withdrawn, refused/],
      ['/api/v1/pledges?asset=tanks', 'asset', /asset must be one of troops/],
      ['/api/v1/pledges?issue=atlantis', 'issue', /unknown issue "atlantis"; known issues: ukraine-security-force/],
      ['/api/v1/pledges?actor=F%21', 'actor', /actor must be a country or organisation code/],
      ['/api/v1/pledges?limit=501', 'limit', /limit must not be greater than 500/],
      ['/api/v1/pledges?cursor=not-a-cursor-at-all', 'cursor', /cursor: must be the nextCursor/],
      ['/api/v1/red-lines?issue=atlantis', 'issue', /unknown issue "atlantis"; known issues: .*unassigned/],
      ['/api/v1/red-lines?actor=%3F%3F', 'actor', /actor must be a country or organisation code/],
      ['/api/v1/red-lines?colour=red', 'colour', /property colour should not exist/],
    ])('GET %s', async (path, field, message) => {
      const res = await call(path);
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f: Json) => f.field)).toContain(field);
      expect(res.body.message).toMatch(message);
      expect(res.body.requestId).toEqual(expect.any(String));
    });

    it('POST /api/v1/keys with a bad body names each field', async () => {
      const res = await call('/api/v1/keys', { method: 'POST', body: JSON.stringify({ name: '', role: 'root' }) });
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f: Json) => f.field).sort()).toEqual(['name', 'role']);
      expect(res.body.message).toMatch(/role must be one of admin, analyst/);
    });

    it('DELETE /api/v1/keys/:id with a malformed id names it', async () => {
      const res = await call('/api/v1/keys/42', { method: 'DELETE' });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('id: must be a UUID');
    });
  });

  describe('404 naming what was not found', () => {
    const missing = randomUUID();
    it.each([
      [`/api/v1/events/${missing}`, `event ${missing} not found`],
      ['/api/v1/actors/ZZ', 'no positions recorded for actor ZZ'],
      ['/api/v1/actors/zz/positions', 'no positions recorded for actor ZZ'],
      ['/api/v1/issues/atlantis', /issue "atlantis" not found; known issues: ukraine-security-force/],
      ['/api/v1/issues/atlantis/positions', /issue "atlantis" not found/],
      ['/api/v1/actors/FR/issues/atlantis/timeline', /issue "atlantis" not found/],
      [`/api/v1/actors/DE/issues/${ISSUE}/timeline`, `no stance recorded for DE on issue ${ISSUE}`],
      [`/api/v1/actors/FR/issues/${ISSUE}/timeline?role=opposition`, `no stance recorded for FR (opposition) on issue ${ISSUE}`],
      ['/api/v1/pledges?actor=ZZ', 'no statements recorded for actor ZZ'],
      ['/api/v1/red-lines?actor=zz', 'no statements recorded for actor ZZ'],
      ['/api/v1/articles/no-such-article', 'article "no-such-article" not found'],
    ])('GET %s', async (path, message) => {
      const res = await call(path);
      expect(res.status).toBe(404);
      expect(res.body.message).toMatch(message);
    });

    it('DELETE /api/v1/keys/:id of no key', async () => {
      const res = await call(`/api/v1/keys/${missing}`, { method: 'DELETE' });
      expect(res.status).toBe(404);
      expect(res.body.message).toBe(`no active API key ${missing}`);
    });
  });

  describe('reads', () => {
    it('lists countries and organisations with names and current stances', async () => {
      const res = await call('/api/v1/actors');
      expect(res.body.items).toEqual([
        expect.objectContaining({ code: 'FR', name: 'France', kind: 'country', positions: [expect.objectContaining({ issue: ISSUE, stance: 'committed' })] }),
        expect.objectContaining({ code: 'NATO', name: 'North Atlantic Treaty Organization', kind: 'organisation' }),
      ]);
      expect((await call('/api/v1/actors?kind=organisation')).body.items.map((a: Json) => a.code)).toEqual(['NATO']);
      expect((await call('/api/v1/actors/fr')).body).toMatchObject({ code: 'FR', name: 'France', positions: [{ issue: ISSUE, stance: 'committed', sourceCount: 2 }] });
    });

    it("shows an issue's matrix and the issue list with stance counts", async () => {
      const issue = (await call(`/api/v1/issues/${ISSUE}`)).body;
      expect(issue).toMatchObject({ id: ISSUE, title: expect.any(String), stances: { committed: ['FR'], supportive: ['NATO'] } });
      expect(issue.matrix.map((m: Json) => [m.actor, m.name, m.stance])).toEqual([
        ['FR', 'France', 'committed'],
        ['NATO', 'North Atlantic Treaty Organization', 'supportive'],
      ]);
      const list = (await call('/api/v1/issues')).body.items;
      expect(list.find((i: Json) => i.id === ISSUE)).toMatchObject({ actorCount: 2, stances: { committed: 1, supportive: 1 } });
    });

    it("gives an actor's timeline on an issue from the history intervals, with the recorded changes", async () => {
      const res = await call(`/api/v1/actors/FR/issues/${ISSUE}/timeline`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        code: 'FR',
        issue: ISSUE,
        current: { stance: 'committed' },
        items: [
          { seq: 0, stance: 'considering', since: '2025-12-01', until: '2026-01-10', causeEventId: FR_EARLIER, cause: { type: 'pledge-considered', evidence: 'France is considering sending troops.' } },
          { seq: 1, stance: 'committed', since: '2026-01-10', until: null, causeEventId: FR_EVENT, cause: { evidence: EVIDENCE, url: 'https://news.example/fr-1' } },
        ],
        changes: [{ from: null, to: 'committed', since: '2026-01-10', causeEventId: FR_EVENT }],
      });
    });

    it("adds the issue's pledge totals per unit and status, summed over actors, vague amounts apart", async () => {
      const issue = (await call(`/api/v1/issues/${ISSUE}`)).body;
      const troops = issue.pledgeTotals.find((t: Json) => t.unit === 'troops' && t.status === 'announced');
      expect(troops).toEqual({
        issue: ISSUE,
        unit: 'troops',
        status: 'announced',
        total: 7000,
        byActor: [
          { actor: 'GB', name: 'United Kingdom', value: 5000, occurrenceIds: [OCC.GB] },
          { actor: 'FR', name: 'France', value: 2000, occurrenceIds: [FR_OCCURRENCE] },
        ],
        vague: [{ actor: 'BE', name: 'Belgium', text: 'several hundred troops' }],
      });
      expect(issue.pledgeTotals.map((t: Json) => [t.unit, t.status, t.total])).toEqual([
        ['EUR', 'announced', 1.5e9],
        ['troops', 'announced', 7000],
        ['troops', 'considered', 1500],
      ]);
    });

    it('lists pledges with filters, totals of the same filter and cursor pages', async () => {
      const all = await call(`/api/v1/pledges?issue=${ISSUE}`);
      expect(all.status).toBe(200);
      expect(all.body.items.map((p: Json) => [p.actor, p.status])).toEqual([
        ['FR', 'announced'],
        ['ES', 'considered'],
        ['BE', 'announced'],
        ['IT', 'refused'],
        ['GB', 'announced'],
        ['DE', 'announced'],
      ]);
      expect(all.body.items[0]).toMatchObject({ occurrenceId: FR_OCCURRENCE, name: 'France', asset: ['troops'], quantity: { value: 2000, unit: 'troops' }, statedOn: '2026-01-10' });
      expect(all.body.totals.find((t: Json) => t.unit === 'troops' && t.status === 'announced').total).toBe(7000);

      // one actor: its own contribution only
      const fr = await call('/api/v1/pledges?actor=fr');
      expect(fr.body.items.map((p: Json) => p.occurrenceId)).toEqual([FR_OCCURRENCE]);
      expect(fr.body.totals).toEqual([expect.objectContaining({ unit: 'troops', status: 'announced', total: 2000, vague: [] })]);
      // by status and asset
      expect((await call('/api/v1/pledges?status=refused')).body).toMatchObject({ items: [{ actor: 'IT', quantity: null }], totals: [] });
      const considered = await call('/api/v1/pledges?status=considered');
      expect(considered.body.totals).toEqual([expect.objectContaining({ unit: 'troops', status: 'considered', total: 1500, byActor: [expect.objectContaining({ actor: 'ES', value: 1500 })] })]);
      const money = await call('/api/v1/pledges?asset=money');
      expect(money.body.items.map((p: Json) => p.actor)).toEqual(['DE']);
      expect(money.body.totals).toEqual([expect.objectContaining({ unit: 'EUR', total: 1.5e9 })]);
      // an actor known from statements but with no pledges: an empty page, not a 404
      expect((await call('/api/v1/pledges?actor=RU')).body).toEqual({ items: [], nextCursor: null, totals: [] });

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: Awaited<ReturnType<typeof call>> = await call(`/api/v1/pledges?issue=${ISSUE}&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.totals).toEqual(all.body.totals);
        seen.push(...res.body.items.map((p: Json) => p.actor));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['FR', 'ES', 'BE', 'IT', 'GB', 'DE']);
    });

    it('lists red lines by actor and issue', async () => {
      const all = await call('/api/v1/red-lines?actor=RU');
      expect(all.status).toBe(200);
      expect(all.body.items.map((r: Json) => r.issue)).toEqual([null, ISSUE]);
      const onIssue = await call(`/api/v1/red-lines?issue=${ISSUE}`);
      expect(onIssue.body.items).toEqual([
        expect.objectContaining({ actor: 'RU', name: 'Russian Federation', actorRole: null, issue: ISSUE, firstStated: '2025-12-20', lastStated: '2026-01-09', timesStated: 3, timesRestated: 2, sourceCount: 5, lines: ['Russia will treat foreign troops in Ukraine as legitimate targets.'] }),
      ]);
      expect(onIssue.body.items[0].statements).toHaveLength(1);
      expect((await call('/api/v1/red-lines?issue=unassigned')).body.items).toEqual([expect.objectContaining({ actor: 'RU', issue: null, lines: ['No NATO expansion.'] })]);
      expect((await call('/api/v1/red-lines?actor=FR')).body.items).toEqual([]);
    });

    it('hides superseded reports unless asked for', async () => {
      const fr = await call('/api/v1/events?actor=FR');
      expect(fr.body.items.map((e: Json) => e.eventId)).not.toContain(FR_SUPERSEDED);
      const withOld = await call('/api/v1/events?actor=FR&includeSuperseded=true');
      expect(withOld.body.items.find((e: Json) => e.eventId === FR_SUPERSEDED)).toMatchObject({ superseded: true, type: 'pledge-considered' });
      expect((await call('/api/v1/articles/art-fr-1')).body.events.map((e: Json) => e.eventId)).toEqual([FR_EVENT]);
      expect((await call('/api/v1/articles/art-fr-1?includeSuperseded=true')).body.events.map((e: Json) => e.eventId)).toEqual([FR_SUPERSEDED, FR_EVENT]);
    });

    it('finds the stance change an event caused through the expression index', async () => {
      const client = new Client({ connectionString: stack.db.url });
      await client.connect();
      try {
        await client.query('SET enable_seqscan = off');
        const plan = (await client.query(`EXPLAIN SELECT event_id FROM event_store WHERE type = 'position-changed' AND body->'payload'->>'causeEventId' = $1`, [FR_EVENT])).rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(plan).toContain('IDX_event_store_cause_event');
      } finally {
        await client.end();
      }
    });

    it('gives one event with every source and the stance change it caused', async () => {
      const res = await call(`/api/v1/events/${FR_EVENT}`);
      expect(res.body).toMatchObject({ eventId: FR_EVENT, evidence: EVIDENCE, quantity: { value: 2000, unit: 'troops' }, sourceCount: 2 });
      expect(res.body.sources.map((s: Json) => s.url)).toEqual(['https://news.example/fr-1', 'https://wire.example/fr-2']);
      expect(res.body.sources[0]).toMatchObject({ articleId: 'art-fr-1', title: 'France to send troops' });
      expect(res.body.stanceChanges).toEqual([expect.objectContaining({ actor: 'FR', issue: ISSUE, from: null, to: 'committed' })]);
    });

    it('filters events by text and statedOn range, and pages with the cursor', async () => {
      const text = await call('/api/v1/events?text=reassurance%20FORCE');
      expect(text.body.items.map((e: Json) => e.eventId).sort()).toEqual([FR_EVENT, FR_CORROBORATION].sort());
      const range = await call('/api/v1/events?statedFrom=2026-01-11&statedTo=2026-01');
      expect(range.body.items.map((e: Json) => e.eventId)).toEqual([NATO_EVENT]);
      const first = await call('/api/v1/events?actor=FR&limit=2');
      expect(first.body.items.map((e: Json) => e.eventId)).toEqual([FR_EARLIER, FR_CORROBORATION]);
      const second = await call(`/api/v1/events?actor=FR&limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body).toMatchObject({ items: [{ eventId: FR_EVENT }], nextCursor: null });
    });

    it('lists articles with their event counts, pages them, and shows one with its events', async () => {
      const first = await call('/api/v1/articles?limit=2');
      expect(first.body.items).toHaveLength(2);
      const second = await call(`/api/v1/articles?limit=2&cursor=${first.body.nextCursor}`);
      const all = [...first.body.items, ...second.body.items];
      expect(all.map((a: Json) => a.id).sort()).toEqual(['art-fr-1', 'art-fr-2', 'art-nato']);
      expect(all.find((a: Json) => a.id === 'art-fr-1')).toMatchObject({ eventCount: 1, title: 'France to send troops' });
      const one = await call('/api/v1/articles/art-fr-1');
      expect(one.body).toMatchObject({ id: 'art-fr-1', text: EVIDENCE, events: [{ eventId: FR_EVENT }] });
    });
  });

  describe('API keys', () => {
    it('creates a key shown once, lists keys without secrets, and revokes it at once', async () => {
      const created = await call('/api/v1/keys', { method: 'POST', body: JSON.stringify({ name: 'dashboard', role: 'analyst' }) });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: expect.any(String), name: 'dashboard', role: 'analyst', revokedAt: null, key: expect.stringMatching(/^sw_/) });
      expect((await call('/api/v1/actors', { key: created.body.key })).status).toBe(200);

      const listed = await call('/api/v1/keys');
      const row = listed.body.items.find((k: Json) => k.id === created.body.id);
      expect(row).toEqual({ id: created.body.id, name: 'dashboard', role: 'analyst', createdAt: expect.any(String), revokedAt: null });
      expect(listed.text).not.toContain(created.body.key);
      expect(listed.text).not.toMatch(/keyHash|key_hash/);

      const revoked = await call(`/api/v1/keys/${created.body.id}`, { method: 'DELETE' });
      expect(revoked.status).toBe(204);
      const after = await call('/api/v1/actors', { key: created.body.key });
      expect(after.status).toBe(401);
      expect((await call(`/api/v1/keys/${created.body.id}`, { method: 'DELETE' })).status).toBe(404);
      expect((await call('/api/v1/keys')).body.items.find((k: Json) => k.id === created.body.id).revokedAt).toEqual(expect.any(String));
    });

    it('creates admin keys that can manage keys', async () => {
      const created = await call('/api/v1/keys', { method: 'POST', body: JSON.stringify({ name: 'ops', role: 'admin' }) });
      expect((await call('/api/v1/keys', { key: created.body.key })).status).toBe(200);
    });
  });

  describe('errors carry the request id', () => {
    it("echoes the caller's x-request-id in the body and header", async () => {
      const res = await call('/api/v1/issues/atlantis', { headers: { 'x-request-id': 'req-4711' } });
      expect(res.status).toBe(404);
      expect(res.body.requestId).toBe('req-4711');
      expect(res.headers.get('x-request-id')).toBe('req-4711');
    });

    it('answers unknown routes with a JSON 404 and an id', async () => {
      const res = await call('/api/v1/nothing-here');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, requestId: expect.any(String) });
    });
  });

  describe('rate limit per key', () => {
    let limited: NestFastifyApplication;
    let url: string;

    beforeAll(async () => {
      // a second API replica on the same database with a tiny budget: 3 at once, then 1 per 10 s
      limited = await bootstrapApi({ ...stack.config, rateLimitBurst: 3, rateLimitPerMinute: 6 });
      url = (await limited.getUrl()).replace('[::1]', '127.0.0.1');
    });

    afterAll(async () => {
      await limited?.close();
    });

    it('answers 429 with Retry-After once a key has spent its burst, per key', async () => {
      const get = (key: string) => fetch(`${url}/api/v1/issues`, { headers: { 'x-api-key': key } });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await get(TEST_ADMIN_KEY)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limitedRes = await get(TEST_ADMIN_KEY);
      expect(limitedRes.status).toBe(429);
      expect(Number(limitedRes.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await limitedRes.json()).toMatchObject({ statusCode: 429, message: expect.stringMatching(/rate limit/), requestId: expect.any(String) });
      // another key has a bucket of its own; health and metrics are not limited
      expect((await get(analystKey)).status).toBe(200);
      expect((await fetch(`${url}/health`)).status).toBe(200);
    });
  });

  describe('OpenAPI and metrics', () => {
    it('serves the OpenAPI document with the paths and the key scheme, and the docs page, without a key', async () => {
      const res = await call('/api/v1/openapi.json', { key: null });
      expect(res.status).toBe(200);
      const paths = Object.keys(res.body.paths);
      for (const path of ['/api/v1/pledges', '/api/v1/red-lines', '/api/v1/actors', '/api/v1/actors/{code}', '/api/v1/actors/{code}/issues/{issue}/timeline', '/api/v1/issues', '/api/v1/issues/{id}', '/api/v1/events', '/api/v1/events/{id}', '/api/v1/articles', '/api/v1/articles/{id}', '/api/v1/keys', '/api/v1/keys/{id}']) {
        expect(paths).toContain(path);
      }
      expect(res.body.components.securitySchemes['api-key']).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-api-key' });
      expect(res.body.paths['/api/v1/events'].get.parameters.map((p: Json) => p.name)).toEqual(expect.arrayContaining(['actor', 'type', 'statedFrom', 'text', 'cursor']));
      const docs = await fetch(`${stack.apiUrl}/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toMatch(/swagger/i);
    });

    it('exposes Prometheus metrics on /metrics', async () => {
      await call('/api/v1/issues');
      const res = await call('/metrics', { key: null });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/plain/);
      for (const name of ['stancewatch_http_request_duration_seconds', 'stancewatch_events_total', 'stancewatch_feed_errors_total', 'stancewatch_consumer_lag', 'process_cpu_seconds_total']) {
        expect(res.text).toContain(name);
      }
      expect(res.text).toMatch(/stancewatch_http_request_duration_seconds_count\{[^}]*service="api"[^}]*route="\/api\/v1\/issues"/);
      // the projector and extractor consumer groups of this stack, with their lag
      expect(res.text).toMatch(/stancewatch_consumer_lag\{[^}]*group="[^"]*stancewatch-projector"/);
    });
  });
});
