import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig, runService } from '@stancewatch/platform';
import { ExtractorModule } from './extractor.module';

export async function bootstrapExtractor(config: AppConfig = loadConfig()) {
  const app = await NestFactory.createApplicationContext(ExtractorModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  return app;
}

if (require.main === module) runService('extractor', () => bootstrapExtractor());
