import { DynamicModule, Module } from '@nestjs/common';
import { Resolver } from '@stancewatch/feeds';
import { AppConfig, CONFIG, InfrastructureModule, OutboxPublisher } from '@stancewatch/platform';
import { FeedIngestionService } from './feed-ingestion.service';
import { FeedPoller } from './feed-poller';
import { FeedScheduler } from './feed-scheduler';

export interface IngestorOptions {
  /** DNS for feed and article hosts; the system resolver when absent. */
  resolver?: Resolver;
}

@Module({})
export class IngestorModule {
  static forRoot(config: AppConfig, options: IngestorOptions = {}): DynamicModule {
    return {
      module: IngestorModule,
      imports: [InfrastructureModule.forRoot(config, 'ingestor')],
      providers: [
        { provide: FeedPoller, inject: [CONFIG], useFactory: (c: AppConfig) => new FeedPoller(c, options.resolver) },
        FeedIngestionService,
        OutboxPublisher,
        FeedScheduler,
      ],
    };
  }
}
