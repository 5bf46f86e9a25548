// Prometheus metrics for one service: a registry of its own (several services share a process in
// the tests), default process metrics, and the stancewatch counters, gauges and histograms.
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Admin, AssignerProtocol, Kafka } from 'kafkajs';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type EventStage = 'extracted' | 'projected' | 'position-changed';

export interface ServiceMetricsOptions {
  /** Where consumer lag is read from; without it the lag gauge stays empty. */
  kafka?: Kafka;
  /** Only consumer groups of this namespace (KAFKA_TOPIC_PREFIX) are reported. */
  topicPrefix?: string;
  /** How long one lag sample is reused, so a burst of scrapes costs one round of admin calls. */
  lagCacheMs?: number;
}

interface LagSample {
  group: string;
  topic: string;
  partition: number;
  committed: number;
  high: number;
}

export const METRIC_NAMES = {
  events: 'stancewatch_events_total',
  feedErrors: 'stancewatch_feed_errors_total',
  httpDuration: 'stancewatch_http_request_duration_seconds',
  consumerLag: 'stancewatch_consumer_lag',
  consumerCommitted: 'stancewatch_consumer_committed_offset',
  highWatermark: 'stancewatch_topic_high_watermark',
} as const;

/**
 * One service's metrics. Rates (events/s) are the Prometheus side's job: `rate(stancewatch_events_total[1m])`.
 * Other pieces register their own metrics on `registry` (e.g. the alerter's delivery latency).
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly events: Counter<'stage'>;
  readonly feedErrors: Counter<'reason'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private admin: Admin | null = null;
  private adminConnecting: Promise<Admin> | null = null;
  private lagCache: { at: number; samples: Promise<LagSample[]> } | null = null;

  constructor(
    readonly service: string,
    private readonly options: ServiceMetricsOptions = {},
  ) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.events = new Counter({ name: METRIC_NAMES.events, help: 'Position events handled, by stage (extracted, projected, position-changed)', labelNames: ['stage'], registers: [this.registry] });
    this.feedErrors = new Counter({ name: METRIC_NAMES.feedErrors, help: 'Feed polls that failed, by reason', labelNames: ['reason'], registers: [this.registry] });
    this.httpDuration = new Histogram({
      name: METRIC_NAMES.httpDuration,
      help: 'HTTP request duration in seconds, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    const lagGauges = [
      { name: METRIC_NAMES.consumerLag, help: 'Messages not yet committed by a consumer group: high watermark minus committed offset', pick: (s: LagSample) => Math.max(0, s.high - s.committed) },
      { name: METRIC_NAMES.consumerCommitted, help: 'Offset a consumer group has committed (the next one it will read)', pick: (s: LagSample) => s.committed },
      { name: METRIC_NAMES.highWatermark, help: 'High watermark of a partition a consumer group reads', pick: (s: LagSample) => s.high },
    ];
    for (const { name, help, pick } of lagGauges) {
      const metrics = this;
      new Gauge({
        name,
        help,
        labelNames: ['group', 'topic', 'partition'],
        registers: [this.registry],
        // sampled on scrape, from Kafka itself, so it is right even when the consumer is stuck or down
        async collect() {
          this.reset();
          for (const s of await metrics.sampleLag()) this.set({ group: s.group, topic: s.topic, partition: String(s.partition) }, pick(s));
        },
      });
    }
  }

  /** Counts position events a stage handled; events/s is `rate()` of this counter. */
  countEvents(stage: EventStage, n = 1): void {
    if (n > 0) this.events.inc({ stage }, n);
  }

  /** Counts a failed feed poll; `reason` should be a small fixed vocabulary (http-status, timeout, parse, ssrf…). */
  countFeedError(reason = 'fetch'): void {
    this.feedErrors.inc({ reason });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    this.adminConnecting = null;
    await admin?.disconnect().catch(() => undefined);
  }

  private sampleLag(): Promise<LagSample[]> {
    if (!this.options.kafka) return Promise.resolve([]);
    const now = Date.now();
    if (this.lagCache && now - this.lagCache.at < (this.options.lagCacheMs ?? 5000)) return this.lagCache.samples;
    // a broker that is away must not hang the scrape: no lag series rather than a timeout
    const samples = withTimeout(this.readLag(), 3000).catch(() => [] as LagSample[]);
    this.lagCache = { at: now, samples };
    return samples;
  }

  private async connectedAdmin(): Promise<Admin> {
    if (this.admin) return this.admin;
    this.adminConnecting ??= (async () => {
      const admin = this.options.kafka!.admin();
      await admin.connect();
      this.admin = admin;
      return admin;
    })().catch((err) => {
      this.adminConnecting = null;
      throw err;
    });
    return this.adminConnecting;
  }

  private async readLag(): Promise<LagSample[]> {
    const admin = await this.connectedAdmin();
    const prefix = this.options.topicPrefix ?? '';
    const { groups } = await admin.listGroups();
    const ours = groups.map((g) => g.groupId).filter((id) => (prefix ? id.startsWith(`${prefix}.`) : true));
    const samples: LagSample[] = [];
    const highs = new Map<string, Map<number, number>>();
    const described = ours.length ? (await admin.describeGroups(ours)).groups : [];
    for (const group of ours) {
      // the topics a group reads: those its members subscribe to (even before a first commit) and those it has committed on
      const topics = new Set<string>();
      for (const member of described.find((g) => g.groupId === group)?.members ?? []) {
        try {
          for (const topic of AssignerProtocol.MemberMetadata.decode(member.memberMetadata)?.topics ?? []) topics.add(topic);
        } catch {
          // a member of another client library with metadata we cannot read: its commits still count
        }
      }
      for (const { topic } of await admin.fetchOffsets({ groupId: group })) topics.add(topic);
      if (topics.size === 0) continue;
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId: group, topics: [...topics] })) {
        if (!highs.has(topic)) {
          const offsets = await admin.fetchTopicOffsets(topic);
          highs.set(topic, new Map(offsets.map((o) => [o.partition, Number(o.high)])));
        }
        for (const p of partitions) {
          const high = highs.get(topic)!.get(p.partition) ?? 0;
          const committed = Number(p.offset);
          // -1: nothing committed yet, the whole partition is still to be read
          samples.push({ group, topic, partition: p.partition, committed: committed < 0 ? 0 : committed, high });
        }
      }
    }
    return samples;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/** A bare HTTP listener serving GET /metrics, for services that have no HTTP server of their own. */
export async function startMetricsServer(metrics: ServiceMetrics, port: number, host = '0.0.0.0'): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: this listener serves GET /metrics\n');
      return;
    }
    metrics.render().then(
      (body) => res.writeHead(200, { 'content-type': metrics.contentType }).end(body),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${err.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}
