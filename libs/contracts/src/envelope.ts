// The envelope every stancewatch message carries, and the pieces its payloads share.
import { z } from 'zod';
import { ASSETS, CONDITION_KINDS, POSITION_EVENT_TYPES } from '@stancewatch/domain/catalogue';

export const SCHEMA_VERSION = 1;

const isoDate = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'expected YYYY-MM-DD or YYYY-MM');
const isoDateTime = z.string().datetime({ offset: true });

export const actorSchema = z.object({
  code: z.string().min(2).max(16),
  role: z.string().min(1).nullable(),
});

export const producerSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
});

export const provenanceSchema = z.object({
  articleId: z.string().min(1),
  url: z.string().nullable(),
  evidence: z.object({
    sentence: z.string().min(1),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
  }),
});

export const quantitySchema = z.object({
  value: z.number().nullable(),
  unit: z.string().nullable(),
  text: z.string(),
});

export const conditionSchema = z.object({
  text: z.string().min(1),
  kind: z.enum(CONDITION_KINDS).nullable(),
});

/** Shared fields; `type`, `payload`, `actor` and `provenance` are narrowed per message kind. */
export const envelopeBase = z.object({
  eventId: z.string().uuid(),
  schemaVersion: z.literal(SCHEMA_VERSION),
  target: z.array(z.string().min(2).max(16)),
  statedOn: isoDate.nullable(),
  observedAt: isoDateTime,
  confidence: z.number().min(0).max(1).nullable(),
  producer: producerSchema,
});

export const articleIngestedPayload = z.object({
  articleId: z.string().min(1),
  feedId: z.string().nullable(),
  url: z.string().nullable(),
  title: z.string(),
  publishedAt: isoDateTime.nullable(),
  language: z.string().nullable(),
  text: z.string(),
  contentHash: z.string().min(1),
});

/** Which extraction run produced a position event: a newer run of the same article supersedes older ones. */
export const extractionRefSchema = z.object({
  articleId: z.string().min(1),
  extractorVersion: z.string().min(1),
  /** Events the run found in the article, so a consumer knows when it has seen all of them. */
  eventCount: z.number().int().min(0),
  ordinal: z.number().int().min(0),
});

export const positionPayload = z.object({
  asset: z.array(z.enum(ASSETS)),
  quantity: quantitySchema.nullable(),
  conditions: z.array(conditionSchema),
  extraction: extractionRefSchema,
});

export const positionChangedPayload = z.object({
  issue: z.string().min(1),
  from: z.string().nullable(),
  to: z.string().min(1),
  causeEventId: z.string().uuid(),
  since: isoDate.nullable(),
  /** true when a late statement rewrote the past but the current stance did not move. */
  historical: z.boolean(),
});

export const articleIngestedEvent = envelopeBase.extend({
  type: z.literal('article-ingested'),
  actor: z.null(),
  provenance: z.null(),
  payload: articleIngestedPayload,
});

export const positionEvent = envelopeBase.extend({
  type: z.enum(POSITION_EVENT_TYPES),
  actor: actorSchema,
  provenance: provenanceSchema,
  payload: positionPayload,
});

export const positionChangedEvent = envelopeBase.extend({
  type: z.literal('position-changed'),
  actor: actorSchema,
  provenance: provenanceSchema.nullable(),
  payload: positionChangedPayload,
});

export type ArticleIngestedEvent = z.infer<typeof articleIngestedEvent>;
export type PositionEvent = z.infer<typeof positionEvent>;
export type PositionChangedEvent = z.infer<typeof positionChangedEvent>;
export type StancewatchEvent = ArticleIngestedEvent | PositionEvent | PositionChangedEvent;
