import { BeforeApplicationShutdown, Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AlertDeliveryRepository } from '@stancewatch/persistence';
import { AuthenticatedKey, Roles } from '../auth/auth';

const POLL_MS = 200;
const HEARTBEAT_MS = 15_000;
const PAGE = 200;

/**
 * `GET /api/v1/stream`: server-sent events of the alerts of the caller's SSE subscriptions. Each
 * event's id is the alert's sequence number, so a client reconnecting with Last-Event-ID gets
 * everything after it replayed from the deliveries table; without it the stream starts at "now".
 */
@Controller('api/v1/stream')
@Roles('admin', 'analyst')
export class StreamController implements BeforeApplicationShutdown {
  private readonly open = new Set<() => void>();

  constructor(private readonly deliveries: AlertDeliveryRepository) {}

  @Get()
  async stream(@Req() req: FastifyRequest & { apiKey: AuthenticatedKey }, @Res() reply: FastifyReply): Promise<void> {
    const lastEventId = String(req.headers['last-event-id'] ?? (req.query as Record<string, string | undefined>)?.lastEventId ?? '');
    let after = /^\d{1,18}$/.test(lastEventId) ? lastEventId : await this.deliveries.lastSeq();
    const owner = req.apiKey.id;
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: 2000\n: stancewatch alerts after ${after}\n\n`);

    let closed = false;
    let wake: (() => void) | null = null;
    const close = () => {
      closed = true;
      wake?.();
    };
    this.open.add(close);
    raw.on('close', close);
    let lastWrite = Date.now();
    try {
      while (!closed) {
        const rows = await this.deliveries.streamAfter(owner, after, PAGE);
        for (const row of rows) {
          raw.write(`id: ${row.seq}\nevent: alert\ndata: ${JSON.stringify(row.payload)}\n\n`);
          after = row.seq;
          lastWrite = Date.now();
        }
        if (rows.length === PAGE) continue;
        if (Date.now() - lastWrite >= HEARTBEAT_MS) {
          raw.write(': keep-alive\n\n');
          lastWrite = Date.now();
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, POLL_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    } catch {
      // the database went away mid-stream: end it; the client reconnects with Last-Event-ID
    } finally {
      this.open.delete(close);
      raw.end();
    }
  }

  /** Ends open streams so the HTTP server can close (clients reconnect and resume). */
  beforeApplicationShutdown(): void {
    for (const close of this.open) close();
  }
}
