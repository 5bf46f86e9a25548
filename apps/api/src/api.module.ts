import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig, InfrastructureModule } from '@stancewatch/platform';
import { ArticlesController } from './articles/articles.controller';
import { AdminKeyBootstrap, ApiKeyCache, ApiKeyGate, ApiKeyGuard, RATE_LIMITER, RouteAccessReader } from './auth/auth';
import { TokenBucketLimiter } from './auth/rate-limiter';
import { IssueCatalogue } from './common/catalogue';
import { ErrorResponseFilter } from './common/error-filter';
import { ReadCacheInterceptor, ReadModelCache } from './common/read-cache';
import { ReadCacheFastPath } from './common/read-cache-fast-path';
import { EventsController } from './events/events.controller';
import { FeedsController } from './feeds/feeds.controller';
import { HealthController } from './health/health.controller';
import { KeysController } from './keys/keys.controller';
import { MetricsController } from './metrics/metrics.controller';
import { PledgesController } from './pledges/pledges.controller';
import { PositionsController } from './positions/positions.controller';
import { StreamController } from './subscriptions/stream.controller';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [InfrastructureModule.forRoot(config, 'api'), TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, FeedsController, EventsController, PositionsController, PledgesController, ArticlesController, KeysController, MetricsController, SubscriptionsController, StreamController],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ErrorResponseFilter },
        { provide: RATE_LIMITER, useValue: new TokenBucketLimiter(config.rateLimitPerMinute, config.rateLimitBurst) },
        ApiKeyCache,
        ApiKeyGate,
        RouteAccessReader,
        ReadModelCache,
        ReadCacheInterceptor,
        ReadCacheFastPath,
        IssueCatalogue,
        AdminKeyBootstrap,
      ],
    };
  }
}
