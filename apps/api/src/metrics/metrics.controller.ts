import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ServiceMetrics } from '@stancewatch/platform';
import { Public } from '../auth/auth';

/**
 * Prometheus scrape endpoint. Public like /health: it carries counts and latencies, no data or
 * secrets, and scrapers rarely send custom headers; keep the port off the internet (or filter
 * /metrics at the proxy) if that matters.
 */
@ApiExcludeController()
@Controller('metrics')
@Public()
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Res({ passthrough: true }) reply: { header(name: string, value: string): unknown }): Promise<string> {
    reply.header('content-type', this.metrics.contentType);
    return this.metrics.render();
  }
}
