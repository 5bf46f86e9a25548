import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig, runService } from '@stancewatch/platform';
import { AlerterModule } from './alerter.module';

export async function bootstrapAlerter(config: AppConfig = loadConfig()) {
  const app = await NestFactory.createApplicationContext(AlerterModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  return app;
}

if (require.main === module) runService('alerter', () => bootstrapAlerter());
