import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, InfrastructureModule } from '@stancewatch/platform';
import { DeliveryWorker } from './delivery-worker';
import { StanceChangeAlertsConsumer } from './stance-change-alerts.consumer';
import { StatementAlertsConsumer } from './statement-alerts.consumer';

@Module({})
export class AlerterModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AlerterModule,
      imports: [InfrastructureModule.forRoot(config, 'alerter')],
      providers: [DeliveryWorker, StatementAlertsConsumer, StanceChangeAlertsConsumer],
    };
  }
}
