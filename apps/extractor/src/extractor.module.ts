import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, InfrastructureModule } from '@stancewatch/platform';
import { ArticleExtractionConsumer } from './article-extraction.consumer';

@Module({})
export class ExtractorModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ExtractorModule, imports: [InfrastructureModule.forRoot(config, 'extractor')], providers: [ArticleExtractionConsumer] };
  }
}
