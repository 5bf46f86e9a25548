import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { EntityManager } from 'typeorm';
import { PositionEvent, positionEventsV1, reportOf } from '@stancewatch/contracts';
import { assignIssues, IssueDefinition, loadIssues } from '@stancewatch/domain/issues';
import { createOccurrence, findMatchingOccurrence, mergeReport, Occurrence, occurrenceKey } from '@stancewatch/domain/stance/corroboration';
import { ContractConsumer } from '@stancewatch/messaging';
import { AlertDeliveryRepository, AlertOccurrenceRepository, AlertSubscriptionEntity, NewAlertDelivery } from '@stancewatch/persistence';
import { AppConfig, CONFIG, TransactionalConsumers } from '@stancewatch/platform';
import { statementBody } from './alert-payload';
import { DeliveryWorker } from './delivery-worker';
import { matchesFilter } from './matching';
import { deliveriesByOutcome } from './metrics';

export const STATEMENT_ALERTS_GROUP = 'stancewatch-alerter-statements';
/** Reports this many days apart can still be one statement (corroboration's window). */
const WINDOW_DAYS = 3;

/**
 * Statements → alerts. Each event is folded into the alerter's occurrences (one per statement,
 * however many articles report it); only a new occurrence alerts, unless a subscription asks for
 * corroborations too. The delivery rows and the partition's next offset commit in one transaction,
 * so a restart neither loses nor repeats an alert.
 */
@Injectable()
export class StatementAlertsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: ContractConsumer<PositionEvent>;
  private readonly issues: IssueDefinition[];

  constructor(
    @Inject(CONFIG) config: AppConfig,
    consumers: TransactionalConsumers,
    private readonly occurrences: AlertOccurrenceRepository,
    private readonly deliveries: AlertDeliveryRepository,
    private readonly worker: DeliveryWorker,
    logger: PinoLogger,
  ) {
    logger.setContext('alerter.statements');
    this.issues = loadIssues(config.issuesFile);
    this.consumer = consumers.create({
      group: STATEMENT_ALERTS_GROUP,
      contract: positionEventsV1,
      logger,
      apply: async (manager, messages) => {
        const subscriptions = await manager.getRepository(AlertSubscriptionEntity).find({ where: { active: true } });
        let count = 0;
        for (const message of messages) count += await this.apply(manager, message.value, subscriptions);
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

  private async apply(manager: EntityManager, event: PositionEvent, subscriptions: AlertSubscriptionEntity[]): Promise<number> {
    const report = reportOf(event);
    const matchKey = occurrenceKey(report);
    const day = (event.statedOn ?? event.observedAt).slice(0, 10);
    const fromDay = shiftDay(day.length === 7 ? `${day}-01` : day, -(WINDOW_DAYS + 31));
    const candidates = await this.occurrences.candidates<Occurrence>(manager, matchKey, fromDay);
    const existing = findMatchingOccurrence(report, candidates, { windowDays: WINDOW_DAYS });
    let occurrence: Occurrence;
    let corroborates = false;
    if (existing) {
      const merged = mergeReport(existing, report);
      if (!merged.isNewSource) return 0; // the same article again (a redelivery or a re-fetch)
      occurrence = merged.occurrence;
      corroborates = true;
    } else {
      occurrence = createOccurrence(report);
    }
    await this.occurrences.save(manager, { occurrenceId: occurrence.occurrenceId, matchKey, lastDay: occurrence.lastDay, occurrence });

    const issues = assignIssues(
      { type: event.type, actor: event.actor.code, target: event.target, asset: event.payload.asset, evidence: event.provenance.evidence.sentence },
      this.issues,
    );
    const candidate = { kind: 'statement' as const, type: event.type, actor: event.actor.code, issues, confidence: event.confidence, quantity: event.payload.quantity };
    const sources = occurrence.sources.map((s) => ({ url: s.url, articleId: s.articleId }));
    const rows: NewAlertDelivery[] = [];
    for (const subscription of subscriptions) {
      if (corroborates && !subscription.filter.includeCorroborations) continue;
      if (!matchesFilter(subscription.filter, candidate)) continue;
      const deliveryId = randomUUID();
      const kind = corroborates ? 'corroboration' : 'statement';
      rows.push({
        id: deliveryId,
        subscriptionId: subscription.id,
        // one alert per statement; a corroboration (when asked for) is one per reporting event
        dedupeKey: corroborates ? `report:${event.eventId}` : `occurrence:${occurrence.occurrenceId}`,
        channel: subscription.channel,
        payload: statementBody({ deliveryId, subscriptionId: subscription.id }, kind, event, issues, sources) as unknown as Record<string, unknown>,
      });
    }
    const inserted = await this.deliveries.record(manager, rows);
    if (inserted) deliveriesByOutcome.inc({ channel: 'any', outcome: 'recorded' }, inserted);
    return inserted;
  }
}

function shiftDay(day: string, days: number): string {
  const time = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(time) ? '0000-00-00' : new Date(time + days * 86_400_000).toISOString().slice(0, 10);
}
