import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { KAFKA } from '@stancewatch/platform';
import { Public } from '../auth/auth';

@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  live() {
    return { status: 'ok' };
  }

  /** Readiness: Postgres and Kafka both reachable. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      async () => {
        const check = this.indicator.check('postgres');
        try {
          await this.dataSource.query('SELECT 1');
          return check.up();
        } catch (err) {
          return check.down({ message: (err as Error).message });
        }
      },
      async () => {
        const check = this.indicator.check('kafka');
        const admin = this.kafka.admin();
        try {
          await admin.connect();
          const cluster = await admin.describeCluster();
          return check.up({ brokers: cluster.brokers.length });
        } catch (err) {
          return check.down({ message: (err as Error).message });
        } finally {
          await admin.disconnect().catch(() => undefined);
        }
      },
    ]);
  }
}
