import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig, InfrastructureModule } from '@stancewatch/platform';
import { AdminKeyBootstrap, ApiKeyGuard } from './auth/auth';
import { EventsController } from './events/events.controller';
import { FeedsController } from './feeds/feeds.controller';
import { HealthController } from './health/health.controller';
import { PositionsController } from './positions/positions.controller';
import { StreamController } from './subscriptions/stream.controller';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [InfrastructureModule.forRoot(config, 'api'), TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, FeedsController, EventsController, PositionsController, SubscriptionsController, StreamController],
      providers: [{ provide: APP_GUARD, useClass: ApiKeyGuard }, AdminKeyBootstrap],
    };
  }
}
