import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig, runService } from '@stancewatch/platform';
import { ApiModule } from './api.module';
import { instrumentHttp, REQUEST_IDS, setUpOpenApi } from './setup';
import { registerOpmlBodyParser } from './feeds/opml';
import { registerConditionalGet } from './common/read-cache';
import { ReadCacheFastPath } from './common/read-cache-fast-path';
import { validationPipe } from './validation';

export async function bootstrapApi(config: AppConfig = loadConfig()): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), new FastifyAdapter({ trustProxy: true, ...REQUEST_IDS }), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(validationPipe);
  instrumentHttp(app);
  registerConditionalGet(app.getHttpAdapter().getInstance());
  // after instrumentHttp's hooks, so a hit answered before Nest still carries its request id
  app.get(ReadCacheFastPath).register(app.getHttpAdapter().getInstance());
  setUpOpenApi(app);
  registerOpmlBodyParser(app);
  await app.listen(config.apiPort, config.apiHost);
  return app;
}

if (require.main === module) runService('api', () => bootstrapApi());
