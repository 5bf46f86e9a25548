import { AlertDeliveryEntity } from './alert-delivery.entity';
import { AlertOccurrenceEntity } from './alert-occurrence.entity';
import { AlertSubscriptionEntity } from './alert-subscription.entity';
import { ApiKeyEntity } from './api-key.entity';
import { ArticleEntity } from './article.entity';
import { ConsumerOffsetEntity } from './consumer-offset.entity';
import { CurrentPositionEntity } from './current-position.entity';
import { FeedEntity } from './feed.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { PositionEventViewEntity } from './position-event-view.entity';
import { StoredEventEntity } from './stored-event.entity';
import { ArticleExtractionEntity, OccurrenceViewEntity, PledgeTotalEntity, PledgeViewEntity, PositionHistoryEntity, RedLineViewEntity } from './projection-read-models.entity';

export { ArticleExtractionEntity, OccurrenceViewEntity, PledgeTotalEntity, PledgeViewEntity, PositionHistoryEntity, RedLineViewEntity };
export { ApiKeyEntity, ArticleEntity, ConsumerOffsetEntity, CurrentPositionEntity, FeedEntity, OutboxMessageEntity, PositionEventViewEntity, StoredEventEntity };
export type { ApiRole } from './api-key.entity';
export { AlertDeliveryEntity, AlertOccurrenceEntity, AlertSubscriptionEntity };
export type { AlertChannel, AlertFilter } from './alert-subscription.entity';
export type { AlertDeliveryStatus } from './alert-delivery.entity';
export type { FeedStatus } from './feed.entity';

export const ENTITIES = [FeedEntity, ArticleEntity, OutboxMessageEntity, StoredEventEntity, ConsumerOffsetEntity, PositionEventViewEntity, CurrentPositionEntity, ApiKeyEntity, AlertSubscriptionEntity, AlertDeliveryEntity, AlertOccurrenceEntity, OccurrenceViewEntity, PositionHistoryEntity, PledgeViewEntity, PledgeTotalEntity, RedLineViewEntity, ArticleExtractionEntity];
