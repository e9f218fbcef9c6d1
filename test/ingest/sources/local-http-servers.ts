import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real HTTP server on a loopback address that counts the requests it received. */
export interface LocalServer {
  port: number;
  host: string;
  /** Paths requested, with the Host header each request carried. */
  hits: Array<{ path: string; host: string }>;
  close(): Promise<void>;
}

/** Listens on `host` (port 0 = any free one) and answers with `handle`. */
export async function startLocalServer(
  host: string,
  handle: (request: IncomingMessage, response: ServerResponse) => void,
  port = 0,
): Promise<LocalServer> {
  const hits: LocalServer['hits'] = [];
  const server: Server = createServer((request, response) => {
    hits.push({ path: request.url ?? '', host: String(request.headers.host) });
    handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    host,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves a fixed HTML page. */
export const page =
  (text: string) =>
  (_request: IncomingMessage, response: ServerResponse): void => {
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<html><body>${text}</body></html>`);
  };
