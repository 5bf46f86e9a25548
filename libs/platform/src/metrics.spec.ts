import { METRIC_NAMES, ServiceMetrics, startMetricsServer } from '@stancewatch/platform/metrics';

describe('ServiceMetrics', () => {
  it('renders the stancewatch metrics with the service label, beside the default process metrics', async () => {
    const metrics = new ServiceMetrics('projector');
    metrics.countEvents('projected', 3);
    metrics.countFeedError('timeout');
    metrics.observeHttp('GET', '/api/v1/events', 200, 0.004);
    const text = await metrics.render();
    // label order is prom-client's business; look for each label
    expect(text).toMatch(/stancewatch_events_total\{(?=[^}]*service="projector")(?=[^}]*stage="projected")[^}]*\} 3\n/);
    expect(text).toMatch(/stancewatch_feed_errors_total\{(?=[^}]*service="projector")(?=[^}]*reason="timeout")[^}]*\} 1\n/);
    expect(text).toMatch(/stancewatch_http_request_duration_seconds_bucket\{(?=[^}]*le="0.005")(?=[^}]*route="\/api\/v1\/events")(?=[^}]*status="200")[^}]*\} 1\n/);
    for (const name of Object.values(METRIC_NAMES)) expect(text).toContain(`# TYPE ${name}`);
    expect(text).toContain('process_cpu_seconds_total{service="projector"}');
  });

  it('keeps services apart when they share a process', async () => {
    const a = new ServiceMetrics('extractor');
    const b = new ServiceMetrics('projector');
    a.countEvents('extracted');
    expect(await b.render()).not.toContain('stage="extracted"');
  });

  it('serves GET /metrics on a bare HTTP listener and nothing else', async () => {
    const metrics = new ServiceMetrics('ingestor');
    const { server, port } = await startMetricsServer(metrics, 0, '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/plain/);
      expect(await res.text()).toContain('service="ingestor"');
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
