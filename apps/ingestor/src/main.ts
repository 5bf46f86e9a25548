import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig, runService } from '@stancewatch/platform';
import { IngestorModule, IngestorOptions } from './ingestor.module';

export async function bootstrapIngestor(config: AppConfig = loadConfig(), options: IngestorOptions = {}) {
  const app = await NestFactory.createApplicationContext(IngestorModule.forRoot(config, options), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  return app;
}

if (require.main === module) runService('ingestor', () => bootstrapIngestor());
