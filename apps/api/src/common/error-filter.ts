import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';

interface RequestLike {
  id?: string;
  raw?: { id?: unknown };
  headers: Record<string, string | string[] | undefined>;
}
interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  raw?: { getHeader(name: string): unknown };
  send(body: unknown): unknown;
}

/** The id Fastify gave the request (a caller's X-Request-Id when sent), as logged and sent back. */
export function requestIdOf(request: RequestLike, reply?: ReplyLike): string | undefined {
  const id = request.id ?? request.raw?.id ?? reply?.raw?.getHeader('x-request-id') ?? request.headers['x-request-id'];
  return id === undefined ? undefined : String(id);
}

interface ErrorLogger {
  error(details: object, message: string): void;
}

/**
 * Every error response is JSON with the status, a message naming what went wrong, and the request
 * id, so a client's report can be matched to the server's log line. Unexpected errors say nothing
 * about internals; they are logged with the id instead. Written by the exception filter below and
 * by the read cache's Fastify fast path, which refuses before Nest is involved.
 */
export function sendErrorResponse(request: RequestLike, reply: ReplyLike, exception: unknown, logger: ErrorLogger): void {
  const requestId = requestIdOf(request, reply);
  let status: number = HttpStatus.INTERNAL_SERVER_ERROR;
  let body: Record<string, unknown>;
  if (exception instanceof HttpException) {
    status = exception.getStatus();
    const response = exception.getResponse();
    body = typeof response === 'string' ? { statusCode: status, message: response } : { statusCode: status, ...(response as object) };
  } else if (isFastifyError(exception)) {
    // fastify's own rejections (malformed JSON, body too large, unsupported media type)
    status = exception.statusCode;
    body = { statusCode: status, error: exception.code, message: exception.message };
  } else {
    logger.error({ err: exception, requestId }, 'unhandled error');
    body = { statusCode: status, error: 'Internal Server Error', message: 'internal error; quote the requestId when reporting it' };
  }
  if (requestId) reply.header('x-request-id', requestId);
  reply.status(status).send({ ...body, requestId });
}

@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {
    logger.setContext('http');
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendErrorResponse(http.getRequest<RequestLike>(), http.getResponse<ReplyLike>(), exception, this.logger);
  }
}

function isFastifyError(e: unknown): e is { statusCode: number; code: string; message: string } {
  const candidate = e as { statusCode?: unknown; code?: unknown } | null;
  return !!candidate && typeof candidate.statusCode === 'number' && candidate.statusCode >= 400 && candidate.statusCode < 500 && typeof candidate.code === 'string';
}
