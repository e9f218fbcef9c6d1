import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestRun } from '../../graph/index.ts';
import { waitFor } from '../ingest/schedule/scheduling-fixtures.ts';
import { type SchedulingApp, startSchedulingApp } from './scheduling-app.ts';

/**
 * A data engineer cancels a run that is downloading (a weekly bulk file from a slow server). The cancel
 * must reach the download: a body that keeps trickling never trips an idle limit, so without it the run
 * would wait for the whole file, however long.
 */
describe('POST /v1/ingest/runs/{id}/cancel on a run that is downloading', () => {
  let api: SchedulingApp;
  let server: Server;
  let url: string;
  let requested: () => void;
  let hits = 0;
  const request = new Promise<void>((resolve) => {
    requested = resolve;
  });

  beforeAll(async () => {
    server = createServer((_request, response) => {
      // A byte every 50 ms, for ever.
      response.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => response.write('.'), 50);
      response.on('close', () => clearInterval(timer));
      hits += 1;
      requested();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/weekly.txt`;
    api = await startSchedulingApp({ URL_ALLOW_LIST: '127.0.0.1' }, { scheduler: false });
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await api?.close();
  });

  const call = (method: string, path: string) => api.call(method, path);

  it('stops the download, ends cancelled, and does not count the URL as failed', async () => {
    const started = await api.call('POST', '/v1/ingest/runs', { source: url });
    expect(started.status).toBe(202);
    const runId = started.body.runId as string;
    await request;
    const cancelled = await call('POST', `/v1/ingest/runs/${runId}/cancel`);
    expect(cancelled.status).toBe(202);
    const run = await waitFor(
      async () => {
        const current = (await call('GET', `/v1/ingest/runs/${runId}`)).body as IngestRun;
        return current.status === 'running' || current.status === 'queued' ? undefined : current;
      },
      20_000,
      'the cancelled run to finish',
    );
    expect(run.status).toBe('cancelled');
    expect(run.counts).toMatchObject({ items: 1, documents: 0, failed: 0 });
    expect(run.errors).toEqual([]);
    // It did not try again behind the cancel: one request reached the server.
    expect(hits).toBe(1);
  });
});
