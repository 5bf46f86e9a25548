import { Server } from 'node:http';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from './config';
import { ServiceMetrics, startMetricsServer } from './metrics';
import { CONFIG, SERVICE_NAME } from './tokens';

/**
 * Serves /metrics on METRICS_PORT for the worker services; the API serves it on its own port, and
 * METRICS_PORT=0 (the default, since several services share one host under `npm start`) turns it off.
 */
@Injectable()
export class MetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: Server | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(SERVICE_NAME) private readonly serviceName: string,
    private readonly metrics: ServiceMetrics,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('metrics');
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.serviceName === 'api' || this.config.metricsPort === 0) return;
    const { server, port } = await startMetricsServer(this.metrics, this.config.metricsPort);
    this.server = server;
    this.logger.info({ port }, 'serving Prometheus metrics on /metrics');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise((resolve) => server.close(resolve));
    await this.metrics.close();
  }
}
