// The two real articles in ../shared/corpus, ingested as articles, extracted by the extractor
// service and projected by the projector, give the stances an analyst would state.
import { INestApplicationContext } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { articlesIngestedV1, buildArticleIngested } from '@stancewatch/contracts';
import { createKafka, ensureTopics, MessageProducer } from '@stancewatch/messaging';
import { AppConfig, loadConfig } from '@stancewatch/platform';
import { bootstrapExtractor } from '../apps/extractor/src/main';
import { bootstrapProjector } from '../apps/projector/src/main';
import { pollUntil } from './support/poll-until';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { uniqueTopicPrefix } from './support/test-topics';

const CORPUS = join(__dirname, '../../shared/corpus');
const ISSUE = 'ukraine-security-force';

function readArticle(name: string) {
  const raw = readFileSync(join(CORPUS, `${name}.txt`), 'utf8');
  const [head, ...rest] = raw.split(/\n\s*\n/);
  const header = Object.fromEntries(head.split('\n').map((line) => line.match(/^([A-Z]+):\s*(.*)$/)).filter(Boolean).map((m) => [m![1], m![2]]));
  return { title: header.TITLE, published: header.PUBLISHED, text: rest.join('\n\n') };
}

describe('the shared articles, end to end', () => {
  let db: TestDatabase;
  let config: AppConfig;
  const apps: INestApplicationContext[] = [];
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase('shared_articles');
    config = loadConfig({ DATABASE_URL: db.url, KAFKA_BROKERS: process.env.KAFKA_BROKERS, KAFKA_TOPIC_PREFIX: uniqueTopicPrefix('shared'), LOG_LEVEL: 'warn' });
    apps.push(await bootstrapProjector(config), await bootstrapExtractor(config));
    client = new Client({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    for (const app of apps.reverse()) await app.close();
    await db?.drop();
  });

  it('France committed with 6,000 troops on a ceasefire condition, Romania refused, Spain considering, Russia drew a red line', async () => {
    const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'shared-articles' });
    await ensureTopics(kafka, { prefix: config.topicPrefix, articlePartitions: 3, positionPartitions: 3, replicationFactor: 1 });
    const producer = new MessageProducer(kafka, config.topicPrefix);
    const names = ['seed-france-6000-troops', 'seed-ukraine-demands-uk-french-troops'];
    await producer.send(
      articlesIngestedV1,
      names.map((name) => {
        const a = readArticle(name);
        return buildArticleIngested({ id: name, feedId: null, url: `https://corpus.example/${name}`, title: a.title, publishedAt: `${a.published}T12:00:00.000Z`, language: 'en', text: a.text, contentHash: name }, new Date(), { name: 'test', version: '1' });
      }),
    );
    await producer.disconnect();

    const stances = await pollUntil(
      async () => (await client.query(`SELECT actor, stance, since, conditions FROM rm_current_positions WHERE issue = $1 AND actor_role = ''`, [ISSUE])).rows,
      (rows) => ['FR', 'RO', 'ES', 'RU'].every((actor) => rows.some((r) => r.actor === actor)),
      { timeoutMs: 60_000, what: 'stances of FR, RO, ES and RU' },
    );
    const stanceOf = (actor: string) => stances.find((r) => r.actor === actor);
    expect(stanceOf('FR')).toMatchObject({ stance: 'committed' });
    // "once a peace agreement and ceasefire are in place": either kind states the condition
    expect(stanceOf('FR')!.conditions.map((c: { kind: string | null }) => c.kind)).toEqual(expect.arrayContaining([expect.stringMatching(/^(ceasefire|peace-agreement)$/)]));
    expect(stanceOf('RO')).toMatchObject({ stance: 'refused' });
    expect(stanceOf('ES')).toMatchObject({ stance: 'considering' });
    expect(stanceOf('RU')).toMatchObject({ stance: 'red-line' });

    const pledges = (await client.query(`SELECT stated_on, quantity, status FROM rm_pledges WHERE actor = 'FR' AND issue = $1`, [ISSUE])).rows;
    expect(pledges).toEqual(expect.arrayContaining([expect.objectContaining({ stated_on: '2026-01-08', status: 'announced', quantity: expect.objectContaining({ value: 6000, unit: 'troops' }) })]));
    const totals = (await client.query(`SELECT actor, value FROM rm_pledge_totals WHERE issue = $1 AND unit = 'troops' AND status = 'announced'`, [ISSUE])).rows;
    expect(totals).toEqual(expect.arrayContaining([{ actor: 'FR', value: 6000 }]));
    const redLines = (await client.query(`SELECT actor FROM rm_red_lines WHERE issue = $1`, [ISSUE])).rows;
    expect(redLines).toEqual(expect.arrayContaining([{ actor: 'RU' }]));
  });
});
