import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig, bufferedStdout, CONFIG, createServiceLogger, SERVICE_NAME, ServiceMetrics } from '@stancewatch/platform';
import { API_KEY_HEADER, AuthenticatedKey } from './auth/auth';

export const OPENAPI_JSON_PATH = 'api/v1/openapi.json';
export const DOCS_PATH = 'docs';

/** The OpenAPI document at /api/v1/openapi.json and Swagger UI at /docs, both public. */
export function setUpOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('stancewatch API')
    .setDescription(
      'What governments say they will and will not do: stances per actor and issue, the statements behind them, pledges, red lines, articles. ' +
        `Every /api/v1 route needs an API key in the ${API_KEY_HEADER} header; admin keys also manage feeds and keys. ` +
        'Errors are JSON { statusCode, message, requestId } (400s add `fields`); 429s carry Retry-After.',
    )
    .setVersion('1')
    .addApiKey({ type: 'apiKey', name: API_KEY_HEADER, in: 'header', description: 'an API key (POST /api/v1/keys creates one)' }, 'api-key')
    .addSecurityRequirements('api-key')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // Nest's Swagger UI on Fastify needs @fastify/static, whose ESM-only dependencies the test runner
  // cannot load; the UI is three files from swagger-ui-dist, so they are served here directly.
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH, yamlDocumentUrl: 'api/v1/openapi.yaml', swaggerUiEnabled: false });
  const assets = (require('swagger-ui-dist') as { getAbsoluteFSPath(): string }).getAbsoluteFSPath();
  const files: Record<string, { type: string; body: Buffer | null }> = {
    'swagger-ui.css': { type: 'text/css; charset=utf-8', body: null },
    'swagger-ui-bundle.js': { type: 'application/javascript; charset=utf-8', body: null },
  };
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get(`/${DOCS_PATH}`, (_request, reply) => {
    reply.type('text/html; charset=utf-8').send(DOCS_HTML);
  });
  fastify.get<{ Params: { file: string } }>(`/${DOCS_PATH}/:file`, (request, reply) => {
    const file = files[request.params.file];
    if (!file) return reply.code(404).send({ statusCode: 404, message: `no such docs asset ${request.params.file}` });
    file.body ??= readFileSync(join(assets, request.params.file));
    return reply.type(file.type).header('cache-control', 'public, max-age=86400').send(file.body);
  });
}

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>stancewatch API</title>
<link rel="stylesheet" href="/${DOCS_PATH}/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/${DOCS_PATH}/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/${OPENAPI_JSON_PATH}', dom_id: '#swagger-ui', persistAuthorization: true });</script>
</body></html>`;

/**
 * Fastify names each request: the caller's X-Request-Id when sent, else a UUID. The logger reuses
 * that id, and every response carries it back in x-request-id (error bodies also as requestId).
 */
export const REQUEST_IDS = { requestIdHeader: 'x-request-id', genReqId: () => randomUUID() } as const;

/**
 * One structured log line per response (method, URL, status, time, request id, which key) and its
 * time in the HTTP histogram by route pattern (not the URL, which would make a series per id).
 * Health and metrics scrapes are timed but not logged. Plain Fastify hooks: this runs on every
 * request, so it stays a few property reads and one pino call.
 */
export function instrumentHttp(app: NestFastifyApplication): void {
  const metrics = app.get(ServiceMetrics);
  const config = app.get<AppConfig>(CONFIG);
  // request lines are the bulk of the API's log: written in blocks, not with a syscall each
  const output = bufferedStdout();
  const logger = createServiceLogger(config, app.get<string>(SERVICE_NAME), output.stream);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onClose', (_instance, done) => {
    output.close();
    done();
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    const elapsed = reply.elapsedTime;
    if (route !== '/metrics') metrics.observeHttp(request.method, route, status, elapsed / 1000);
    if (route !== '/health' && route !== '/health/ready' && route !== '/metrics') {
      const line = {
        reqId: request.id,
        method: request.method,
        url: request.url,
        status,
        responseTimeMs: Math.round(elapsed * 100) / 100,
        apiKeyId: (request as { apiKey?: AuthenticatedKey }).apiKey?.id,
        remoteAddress: request.ip,
      };
      if (status >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request completed');
    }
    done();
  });
}
