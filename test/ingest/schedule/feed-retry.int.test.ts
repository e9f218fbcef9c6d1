import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../../api/composition-root.ts';
import { createSchedulingServices, type SchedulingServices } from '../../../api/scheduling-services.ts';
import type { IngestRun } from '../../../graph/index.ts';
import { uniqueId } from '../../support/graph.ts';
import { finishedRun, testConfig, testGraph } from './scheduling-fixtures.ts';

const feed = (prefix: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Materials wire</title><link>http://127.0.0.1/</link><description>news</description>
<item><title>${prefix} launches polyamide 66 grade for EV battery housings</title><link>http://127.0.0.1/news/${prefix}-1</link>
<guid>${prefix}-1</guid><pubDate>Tue, 02 Jun 2026 09:00:00 GMT</pubDate>
<description>The glass-fibre reinforced polyamide 66 is flame retardant and suited for battery housings in electric vehicles.</description></item>
<item><title>${prefix} graphene coating for corrosion protection</title><link>http://127.0.0.1/news/${prefix}-2</link>
<guid>${prefix}-2</guid><pubDate>Wed, 03 Jun 2026 09:00:00 GMT</pubDate>
<description>A graphene-based coating offers corrosion protection for offshore wind turbine towers.</description></item>
</channel></rss>`;

describe('a feed behind a flaky server', () => {
  let server: Server;
  let baseUrl: string;
  let scheduling: SchedulingServices;
  let graph: Awaited<ReturnType<typeof testGraph>>;
  const hits: Array<{ at: number; status: number; userAgent: string }> = [];
  const prefix = uniqueId('feed');

  beforeAll(async () => {
    server = createServer((request, response) => {
      const count = hits.length;
      const status = count === 0 ? 500 : count === 1 ? 429 : 200;
      hits.push({ at: Date.now(), status, userAgent: String(request.headers['user-agent']) });
      if (status === 500) response.writeHead(500).end('boom');
      else if (status === 429) response.writeHead(429, { 'retry-after': '1' }).end('slow down');
      else response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(prefix));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    graph = await testGraph();
    scheduling = await createSchedulingServices(
      createAppContext(testConfig({ URL_ALLOW_LIST: '127.0.0.1' }), graph),
      {
        leaseMs: 3000,
        scheduler: false,
        perHostDelayMs: 0,
        retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 400, maxRetryAfterMs: 5000 },
      },
    );
  });

  afterAll(async () => {
    await scheduling?.stop();
    await graph?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  const finished = (runId: string) => finishedRun(graph.store, runId, 30_000);

  it('retries 500 and 429 (honouring Retry-After), succeeds, and reads only new items next time', async () => {
    const source = await scheduling.schedules.declareSource(
      { type: 'feed', url: `${baseUrl}/feed.xml` },
      { id: uniqueId('src-feed'), actor: 'test' },
    );
    const runId = await scheduling.runs.start({
      sourceId: source.id,
      sourceLabel: source.id,
      requestedBy: 'test',
      trigger: 'api',
    });
    const run: IngestRun = await finished(runId);
    expect(run.status).toBe('succeeded');
    expect(run.counts.added).toBe(2);
    expect(hits.map((hit) => hit.status)).toEqual([500, 429, 200]);
    expect((hits[2]?.at ?? 0) - (hits[1]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(hits[0]?.userAgent).toMatch(/^matscout\//);

    const again = await finished(
      await scheduling.runs.start({
        sourceId: source.id,
        sourceLabel: source.id,
        requestedBy: 'test',
        trigger: 'api',
      }),
    );
    expect(again.status).toBe('succeeded');
    expect(again.counts.added).toBe(0);
    expect(again.counts.skipped).toBe(2);
  });

  it('refuses a URL resolving to 10.0.0.1 before connecting, without retries', async () => {
    const source = await scheduling.schedules.declareSource(
      { type: 'urls', urls: ['http://10.0.0.1/press/release.html'] },
      { id: uniqueId('src-private'), actor: 'test' },
    );
    const started = Date.now();
    const run = await finished(
      await scheduling.runs.start({
        sourceId: source.id,
        sourceLabel: source.id,
        requestedBy: 'test',
        trigger: 'api',
      }),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.status).toBe('failed');
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]?.reason).toMatch(
      /^refused: 10\.0\.0\.1 is a non-public address \(private\); allow-list it with URL_ALLOW_LIST/,
    );
    expect(run.errors[0]?.reason).not.toMatch(/attempts/);
    expect(run.errors[0]?.retryable).toBe(false);
    await expect(scheduling.runs.retry(run.id, 'test')).rejects.toThrow(/no failed retryable items/);
  });
});
