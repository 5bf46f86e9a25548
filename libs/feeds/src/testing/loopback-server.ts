import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** An HTTP server for specs, bound to a loopback address only (127.0.0.1 by default, or ::1). */
export interface LoopbackServer {
  port: number;
  /** http://127.0.0.1:port (or http://[::1]:port) */
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

export async function startLoopbackServer(handler: Handler, host: '127.0.0.1' | '::1' = '127.0.0.1'): Promise<LoopbackServer> {
  const server: Server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((err) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = host === '::1' ? `http://[::1]:${port}` : `http://127.0.0.1:${port}`;
  return {
    port,
    origin,
    url: (path: string) => origin + path,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
