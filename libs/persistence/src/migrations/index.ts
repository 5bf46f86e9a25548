// Every migration, in order. `npm run cli -- migration:generate Name` writes new ones from entity changes.
import { Initial1795300818915 } from './1795300818915-Initial';
import { Alerts1795301224759 } from './1795301224759-Alerts';
import { FeedDisabledReason1795301167693 } from './1795301167693-FeedDisabledReason';
import { ProjectionReadModels1795301389564 } from './1795301389564-ProjectionReadModels';
import { EventSourceCountFromOccurrence1795302083706 } from './1795302083706-EventSourceCountFromOccurrence';
import { EventStoreCauseEventIndex1795302600000 } from './1795302600000-EventStoreCauseEventIndex';
import { EventListIndexes1795304397298 } from './1795304397298-EventListIndexes';

export const MIGRATIONS: Function[] = [Initial1795300818915, FeedDisabledReason1795301167693, Alerts1795301224759, ProjectionReadModels1795301389564, EventSourceCountFromOccurrence1795302083706, EventStoreCauseEventIndex1795302600000, EventListIndexes1795304397298];
