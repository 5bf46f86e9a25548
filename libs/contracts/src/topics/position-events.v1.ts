import { positionEvent, PositionEvent } from '../envelope';
import { TopicContract } from './topic-contract';

/** Statements extracted from articles, keyed by actor so one country's events stay in order. */
export const positionEventsV1: TopicContract<PositionEvent> = {
  name: 'stancewatch.positions.events.v1',
  schema: positionEvent,
  keyOf: (event) => event.actor.code,
  partitions: 'positions',
};
