import { Counter, Histogram, register } from 'prom-client';

const existing = <T>(name: string) => register.getSingleMetric(name) as T | undefined;

/** Time from the event reaching the alerter (its delivery row) to the receiver's 2xx. */
export const deliveryLatency =
  existing<Histogram<'channel'>>('stancewatch_alert_delivery_latency_seconds') ??
  new Histogram({
    name: 'stancewatch_alert_delivery_latency_seconds',
    help: 'Alert delivery latency, from the event reaching the alerter to the webhook 2xx',
    labelNames: ['channel'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600, 86400],
  });

/** delivered, retry (an attempt failed, another is scheduled), failed (gave up), recorded (new alert rows). */
export const deliveriesByOutcome =
  existing<Counter<'channel' | 'outcome'>>('stancewatch_alert_deliveries_total') ??
  new Counter({ name: 'stancewatch_alert_deliveries_total', help: 'Alert deliveries by channel and outcome', labelNames: ['channel', 'outcome'] });
