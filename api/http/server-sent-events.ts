import type { Response } from 'express';

export interface EventStream {
  send(event: string, data: unknown): void;
  end(): void;
}

/** Starts a text/event-stream response with a comment heartbeat so proxies keep it open. */
export function openEventStream(response: Response, options: { heartbeatMs?: number } = {}): EventStream {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  response.flushHeaders();
  const heartbeat = setInterval(() => {
    if (!response.writableEnded) response.write(': keep-alive\n\n');
  }, options.heartbeatMs ?? 15_000);
  heartbeat.unref();
  return {
    send(event, data) {
      if (!response.writableEnded) response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      clearInterval(heartbeat);
      if (!response.writableEnded) response.end();
    },
  };
}
