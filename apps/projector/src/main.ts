import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig, runService } from '@stancewatch/platform';
import { ProjectorModule } from './projector.module';

export async function bootstrapProjector(config: AppConfig = loadConfig()) {
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  return app;
}

if (require.main === module) runService('projector', () => bootstrapProjector());
