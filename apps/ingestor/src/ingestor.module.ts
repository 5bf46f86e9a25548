import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CONFIG, InfrastructureModule, OutboxPublisher } from '@stancewatch/platform';
import { FeedIngestionService } from './feed-ingestion.service';
import { FeedPoller } from './feed-poller';
import { FeedScheduler } from './feed-scheduler';

@Module({})
export class IngestorModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: IngestorModule,
      imports: [InfrastructureModule.forRoot(config, 'ingestor')],
      providers: [
        { provide: FeedPoller, inject: [CONFIG], useFactory: (c: AppConfig) => new FeedPoller(c) },
        FeedIngestionService,
        OutboxPublisher,
        FeedScheduler,
      ],
    };
  }
}
