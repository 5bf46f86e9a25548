import { randomUUID } from 'node:crypto';
import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { EntityManager } from 'typeorm';
import { PositionChangedEvent, positionChangesV1 } from '@stancewatch/contracts';
import type { Occurrence } from '@stancewatch/domain/stance/corroboration';
import { ContractConsumer } from '@stancewatch/messaging';
import { AlertDeliveryRepository, AlertSubscriptionEntity, NewAlertDelivery } from '@stancewatch/persistence';
import { TransactionalConsumers } from '@stancewatch/platform';
import { AlertSource, CauseRow, changeBody } from './alert-payload';
import { DeliveryWorker } from './delivery-worker';
import { matchesFilter } from './matching';
import { deliveriesByOutcome } from './metrics';

export const STANCE_CHANGE_ALERTS_GROUP = 'stancewatch-alerter-stance-changes';

/**
 * Stance moves → alerts for "only stance changes" subscriptions. The cause's type, quantity,
 * evidence and source come from the projector's rm_events row, which was committed in the same
 * transaction that queued the change, so it is always there by the time the change arrives.
 */
@Injectable()
export class StanceChangeAlertsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: ContractConsumer<PositionChangedEvent>;

  constructor(
    consumers: TransactionalConsumers,
    private readonly deliveries: AlertDeliveryRepository,
    private readonly worker: DeliveryWorker,
    logger: PinoLogger,
  ) {
    logger.setContext('alerter.stance-changes');
    this.consumer = consumers.create({
      group: STANCE_CHANGE_ALERTS_GROUP,
      contract: positionChangesV1,
      logger,
      apply: async (manager, messages) => {
        const subscriptions = (await manager.getRepository(AlertSubscriptionEntity).find({ where: { active: true } })).filter((s) => s.filter.onlyStanceChanges);
        let count = 0;
        if (subscriptions.length) for (const message of messages) count += await this.apply(manager, message.value, subscriptions);
        return count;
      },
      committed: () => this.worker.nudge(),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }

  private async apply(manager: EntityManager, change: PositionChangedEvent, subscriptions: AlertSubscriptionEntity[]): Promise<number> {
    if (change.payload.historical) return 0;
    const [cause]: CauseRow[] = await manager.query(
      `SELECT event_id, type, actor_role, target, issues, stated_on, observed_at, evidence, article_id, url, confidence, payload FROM rm_events WHERE event_id = $1`,
      [change.payload.causeEventId],
    );
    const quantity = (cause?.payload.quantity ?? null) as { value: number | null; unit: string | null } | null;
    const candidate = {
      kind: 'stance-change' as const,
      type: cause?.type ?? null,
      actor: change.actor.code,
      issues: [change.payload.issue],
      confidence: cause?.confidence ?? change.confidence,
      quantity,
      historical: change.payload.historical,
    };
    const matching = subscriptions.filter((s) => matchesFilter(s.filter, candidate));
    if (!matching.length) return 0;
    const sources = await this.sourcesOf(manager, change, cause ?? null);
    const rows: NewAlertDelivery[] = matching.map((subscription) => {
      const deliveryId = randomUUID();
      return {
        id: deliveryId,
        subscriptionId: subscription.id,
        dedupeKey: `change:${change.eventId}`,
        channel: subscription.channel,
        payload: changeBody({ deliveryId, subscriptionId: subscription.id }, change, cause ?? null, sources) as unknown as Record<string, unknown>,
      };
    });
    const inserted = await this.deliveries.record(manager, rows);
    if (inserted) deliveriesByOutcome.inc({ channel: 'any', outcome: 'recorded' }, inserted);
    return inserted;
  }

  /** Every article known to report the cause: the alerter's occurrence when it has one, else the cause's own article. */
  private async sourcesOf(manager: EntityManager, change: PositionChangedEvent, cause: CauseRow | null): Promise<AlertSource[]> {
    const [row]: { occurrence: Occurrence }[] = await manager.query(`SELECT occurrence FROM alert_occurrences WHERE occurrence_id = $1`, [change.payload.causeEventId]);
    if (row) return row.occurrence.sources.map((s) => ({ url: s.url, articleId: s.articleId }));
    if (cause) return [{ url: cause.url, articleId: cause.article_id }];
    return change.provenance ? [{ url: change.provenance.url, articleId: change.provenance.articleId }] : [];
  }
}
