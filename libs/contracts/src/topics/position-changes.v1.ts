import { positionChangedEvent, PositionChangedEvent } from '../envelope';
import { TopicContract } from './topic-contract';

/** Stance moves decided by the projector, keyed by actor; alerting consumes these. */
export const positionChangesV1: TopicContract<PositionChangedEvent> = {
  name: 'stancewatch.positions.changed.v1',
  schema: positionChangedEvent,
  keyOf: (event) => event.actor.code,
  partitions: 'positions',
};
