import { z } from 'zod';
import { TopicContract } from './topic-contract';

export const deadLetterSchema = z.object({
  originalTopic: z.string().min(1),
  partition: z.number().int().min(0),
  offset: z.string().min(1),
  key: z.string().nullable(),
  /** The original bytes as text, so nothing is lost and the message can be replayed by hand. */
  value: z.string().nullable(),
  reason: z.string().min(1),
  consumerGroup: z.string().min(1),
  attempts: z.number().int().min(1),
  failedAt: z.string().datetime({ offset: true }),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

/** Messages a consumer could not handle after its retries, with the reason; keyed by origin. */
export const deadLetterV1: TopicContract<DeadLetter> = {
  name: 'stancewatch.dead-letter.v1',
  schema: deadLetterSchema,
  keyOf: (letter) => `${letter.originalTopic}:${letter.partition}:${letter.offset}`,
  partitions: 'single',
};
