import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, InfrastructureModule, OutboxPublisher } from '@stancewatch/platform';
import { PositionEventsConsumer } from './position-events.consumer';
import { PositionProjectionService } from './position-projection.service';

@Module({})
export class ProjectorModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [InfrastructureModule.forRoot(config, 'projector')],
      providers: [PositionProjectionService, OutboxPublisher, PositionEventsConsumer],
    };
  }
}
