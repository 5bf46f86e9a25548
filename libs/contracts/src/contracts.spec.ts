import { ArticleIngestedEvent, articlesIngestedV1, buildPositionEvents, ContractViolation, decode, deterministicUuid, positionEventsV1, SCHEMA_VERSION, topicName, validate } from '@stancewatch/contracts';
import { ExtractedEvent } from '@stancewatch/domain/catalogue';

const article: ArticleIngestedEvent = {
  eventId: deterministicUuid('test', 'a1'),
  type: 'article-ingested',
  schemaVersion: SCHEMA_VERSION,
  actor: null,
  target: [],
  statedOn: null,
  observedAt: '2026-01-15T10:00:00.000Z',
  confidence: null,
  producer: { name: 'test', version: '1' },
  provenance: null,
  payload: { articleId: 'a1', feedId: null, url: 'https://example.test/a1', title: 'T', publishedAt: '2026-01-15T09:30:00.000Z', language: 'en', text: 'Body.', contentHash: 'h' },
};

const extracted: ExtractedEvent = {
  type: 'pledge-announced',
  actor: 'NO',
  actorRole: null,
  target: ['UA'],
  asset: ['troops'],
  quantity: { value: 400, unit: 'troops', text: '400 troops' },
  conditions: [{ text: 'once a ceasefire holds', kind: 'ceasefire' }],
  statedOn: '2026-01-13',
  evidence: 'Norway will send 400 troops to Ukraine.',
  span: { start: 0, end: 39 },
  confidence: 0.9,
};

describe('event contracts', () => {
  it('accepts a valid article and keys it by article id', () => {
    expect(articlesIngestedV1.keyOf(validate(articlesIngestedV1, article))).toBe('a1');
  });

  it('names every invalid field when a message breaks its contract', () => {
    const broken = { ...article, eventId: 'not-a-uuid', payload: { ...article.payload, title: 42 } };
    expect(() => validate(articlesIngestedV1, broken)).toThrow(ContractViolation);
    try {
      validate(articlesIngestedV1, broken);
    } catch (err) {
      expect((err as ContractViolation).reason).toMatch(/eventId/);
      expect((err as ContractViolation).reason).toMatch(/payload\.title/);
    }
  });

  it('rejects bytes that are not JSON and tombstones, with the reason', () => {
    expect(() => decode(articlesIngestedV1, Buffer.from('{oops'))).toThrow(/not JSON/);
    expect(() => decode(articlesIngestedV1, null)).toThrow(/tombstone/);
  });

  it('wraps extracted events into position events keyed by actor, with stable ids per extractor version', () => {
    const [event] = buildPositionEvents(article, [extracted], { name: 'x', version: '1' }, '1.0.0');
    expect(validate(positionEventsV1, event)).toBeTruthy();
    expect(positionEventsV1.keyOf(event)).toBe('NO');
    expect(event.provenance.evidence).toEqual({ sentence: extracted.evidence, start: 0, end: 39 });
    expect(event.payload.extraction).toEqual({ articleId: 'a1', extractorVersion: '1.0.0', eventCount: 1, ordinal: 0 });
    const [again] = buildPositionEvents(article, [extracted], { name: 'x', version: '1' }, '1.0.0');
    const [newer] = buildPositionEvents(article, [extracted], { name: 'x', version: '2' }, '2.0.0');
    expect(again.eventId).toBe(event.eventId);
    expect(newer.eventId).not.toBe(event.eventId);
  });

  it('prefixes deployed topic names and keeps versioned base names', () => {
    expect(topicName(positionEventsV1, '')).toBe('stancewatch.positions.events.v1');
    expect(topicName(positionEventsV1, 'staging')).toBe('staging.stancewatch.positions.events.v1');
  });

  it('makes RFC 4122 version-5-shaped deterministic ids', () => {
    const id = deterministicUuid('ns', 'a', 'b');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicUuid('ns', 'a', 'b')).toBe(id);
    expect(deterministicUuid('ns', 'ab')).not.toBe(id);
  });
});
