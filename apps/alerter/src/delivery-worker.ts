import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Agent, request } from 'undici';
import { SsrfGuard } from '@stancewatch/feeds';
import { AlertDeliveryRepository, ClaimedDelivery } from '@stancewatch/persistence';
import { AppConfig, CONFIG, PollingLoop } from '@stancewatch/platform';
import { deliveriesByOutcome, deliveryLatency } from './metrics';
import { nextAttemptAt, RetrySchedule } from './retry-schedule';
import { signedHeaders } from './signing';

const BATCH = 50;
/** A claimed row is retried after this long if the worker died mid-send. */
const LEASE_MS = 60_000;
const POLL_MS = 100;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Sends pending webhook deliveries: signed POSTs through an SSRF-guarded agent (every connection's
 * resolved address is checked, not only the URL at subscription time), retried with exponential
 * backoff until the schedule's horizon, then marked failed for an analyst to retry.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly agent: Agent;
  private readonly schedule: RetrySchedule;
  private readonly loop: PollingLoop;

  constructor(
    @Inject(CONFIG) config: AppConfig,
    private readonly deliveries: AlertDeliveryRepository,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('alerter.delivery');
    this.agent = new SsrfGuard({ allowList: config.ssrfAllowList }).createAgent({ connect: { timeout: REQUEST_TIMEOUT_MS }, connections: 16 });
    this.schedule = { baseMs: config.webhookRetryBaseMs, maxSeconds: config.webhookRetryMaxSeconds };
    this.loop = new PollingLoop({
      intervalMs: POLL_MS,
      step: () => this.deliverDue(),
      onError: (err, failures) => logger.warn({ err: String(err), failures }, 'delivery loop failed; will retry'),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    await this.agent.close().catch(() => undefined);
  }

  /** A consumer just committed new deliveries: look now rather than at the next poll. */
  nudge(): void {
    this.loop.nudge();
  }

  /** Sends one batch of due deliveries; true when the batch was full (more may be due). */
  private async deliverDue(): Promise<boolean> {
    const due = await this.deliveries.claimDue(BATCH, LEASE_MS);
    // wait for every send, even when one fails, before claiming more
    const results = await Promise.allSettled(due.map((delivery) => this.send(delivery)));
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected) throw rejected.reason;
    return due.length === BATCH;
  }

  private async send(delivery: ClaimedDelivery): Promise<void> {
    const body = JSON.stringify(delivery.payload);
    let outcome: { status: number | null; error: string };
    try {
      const response = await request(delivery.url, {
        method: 'POST',
        body,
        headers: { ...signedHeaders(delivery.secret, delivery.id, body), 'user-agent': 'stancewatch-alerter/0.1' },
        dispatcher: this.agent,
        headersTimeout: REQUEST_TIMEOUT_MS,
        bodyTimeout: REQUEST_TIMEOUT_MS,
      });
      await response.body.dump().catch(() => undefined);
      outcome = response.statusCode >= 200 && response.statusCode < 300 ? { status: response.statusCode, error: '' } : { status: response.statusCode, error: `receiver answered HTTP ${response.statusCode}` };
    } catch (err) {
      outcome = { status: null, error: (err as Error).message || String(err) };
    }
    if (!outcome.error) {
      // outside the request's try: the receiver has it, so failing to record that is not a failed
      // attempt; the row keeps its lease and goes again, same delivery id, once the lease is up
      await this.deliveries.markDelivered(delivery.id, outcome.status!);
      deliveriesByOutcome.inc({ channel: 'webhook', outcome: 'delivered' });
      deliveryLatency.observe({ channel: 'webhook' }, (Date.now() - new Date(delivery.createdAt).getTime()) / 1000);
      return;
    }
    const next = nextAttemptAt(this.schedule, delivery.attempts, new Date(delivery.firstAttemptAt));
    await this.deliveries.markAttemptFailed(delivery.id, outcome, next);
    deliveriesByOutcome.inc({ channel: 'webhook', outcome: next ? 'retry' : 'failed' });
    // the URL's host only: query strings may carry tokens
    this.logger.warn({ deliveryId: delivery.id, subscriptionId: delivery.subscriptionId, host: safeHost(delivery.url), attempt: delivery.attempts, error: outcome.error, giveUp: !next }, 'webhook delivery failed');
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '?';
  }
}
