export * from './topic-contract';
export * from './articles-ingested.v1';
export * from './position-events.v1';
export * from './position-changes.v1';
export * from './dead-letter.v1';
import { articlesIngestedV1 } from './articles-ingested.v1';
import { deadLetterV1 } from './dead-letter.v1';
import { positionChangesV1 } from './position-changes.v1';
import { positionEventsV1 } from './position-events.v1';

export const ALL_TOPICS = [articlesIngestedV1, positionEventsV1, positionChangesV1, deadLetterV1] as const;

/** The deployed topic name: a prefix lets several environments (or test runs) share a broker. */
export function topicName(contract: { name: string }, prefix: string): string {
  return prefix ? `${prefix}.${contract.name}` : contract.name;
}
