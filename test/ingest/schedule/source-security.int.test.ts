import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../../api/composition-root.ts';
import { createRunExecutor, createSchedulingServices } from '../../../api/scheduling-services.ts';
import { type IngestRun, Neo4jRunJobStore, Neo4jSourceStore } from '../../../graph/index.ts';
import { emptyRun } from '../../../ingest/index.ts';
import { readDocuments } from '../../../ingest/pipeline/document-reader.ts';
import { type SchedulingApp, startSchedulingApp } from '../../api/scheduling-app.ts';
import { uniqueId } from '../../support/graph.ts';
import { fixture } from '../../support/paths.ts';
import { type LocalServer, startLocalServer } from '../sources/local-http-servers.ts';
import { addPressRelease, finishedRun, makeTempDir, testConfig } from './scheduling-fixtures.ts';

const bulkCap = 64 * 1024;
// A weekly excerpt committed with the tests (no sequence listings, so no item fails).
const weeklyExcerpt = fixture('uspto-ipg-weekly-excerpts', 'ipg120327.196.xml.gz');
// The same excerpt as USPTO ships its weekly files: a ZIP holding the XML.
const weeklyZip = fixture('zip', 'ipg120327.196.zip');

/** The ids of the excerpt's grants, as the parser gives them. */
async function excerptIds(): Promise<string[]> {
  const ids: string[] = [];
  for await (const outcome of readDocuments({ kind: 'file', path: weeklyExcerpt }))
    if (outcome.ok) ids.push(outcome.document.id);
  return ids;
}

describe('declared sources under attack', () => {
  let api: SchedulingApp;
  let server: LocalServer;
  let allowed: string;
  let outside: string;
  let dataDir: string;
  const env = () => ({
    INGEST_PATH_ALLOW_LIST: allowed,
    URL_ALLOW_LIST: '127.0.0.1',
    BULK_MAX_BYTES: String(bulkCap),
    MATSCOUT_DATA_DIR: dataDir,
  });

  beforeAll(async () => {
    allowed = await makeTempDir('sec-allowed');
    outside = await makeTempDir('sec-outside');
    dataDir = await makeTempDir('sec-data');
    server = await startLocalServer('127.0.0.1', (request, response) => {
      if (request.url === '/big.xml') {
        // Chunked and four times the cap: nothing but counting while streaming can stop it.
        response.writeHead(200, { 'content-type': 'application/xml' });
        const block = Buffer.alloc(16 * 1024, '<p>filler</p>\n');
        for (let index = 0; index < 16; index++) response.write(block);
        response.end();
      } else if (request.url === '/weekly.xml.gz') {
        response.writeHead(200, { 'content-type': 'application/gzip' });
        createReadStream(weeklyExcerpt).pipe(response);
      } else if (request.url === '/ipg120327.zip') {
        response.writeHead(200, { 'content-type': 'application/zip' });
        createReadStream(weeklyZip).pipe(response);
      } else response.writeHead(404).end();
    });
    api = await startSchedulingApp(env(), {
      leaseMs: 3000,
      scheduler: false,
      perHostDelayMs: 0,
      retry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 100, maxRetryAfterMs: 1000 },
    });
  });

  afterAll(async () => {
    await api?.close();
    await server?.close();
    for (const folder of [allowed, outside, dataDir]) {
      if (folder) await rm(folder, { recursive: true, force: true });
    }
  });

  const call = (method: string, route: string, body?: unknown) => api.call(method, route, body);

  const finished = (runId: string) => finishedRun(api.graph.store, runId, 60_000);

  const runSource = async (sourceId: string): Promise<IngestRun> =>
    finished(
      await api.scheduling.runs.start({
        sourceId,
        sourceLabel: sourceId,
        requestedBy: 'test',
        trigger: 'api',
      }),
    );

  /** Calls /health every 20 ms until `done` settles; returns every latency in ms. */
  async function healthLatencies(done: Promise<unknown>): Promise<number[]> {
    let settled = false;
    void done.finally(() => {
      settled = true;
    });
    const latencies: number[] = [];
    while (!settled || latencies.length < 10) {
      const started = performance.now();
      const response = await fetch(`${api.app.url}/health`);
      await response.text();
      expect(response.status).toBe(200);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return latencies;
  }

  it('refuses the 24-star glob and unbalanced braces when the source is declared (400 with the reason)', async () => {
    const cases: Array<[string, RegExp]> = [
      ['************************Q', /runs of three or more '\*' are not allowed/],
      ['{a,b', /a '\{' has no matching '\}'/],
      ['[abc', /a '\[' has no matching '\]'/],
    ];
    for (const [glob, reason] of cases) {
      const declared = await call('POST', '/v1/sources', { type: 'folder', path: allowed, glob });
      expect(declared.status).toBe(400);
      expect(declared.body.error.code).toBe('BAD_REQUEST');
      expect(declared.body.error.message).toMatch(reason);
      const scheduled = await call('POST', '/v1/schedules', {
        cron: '0 3 * * *',
        source: { type: 'folder', path: allowed, glob },
      });
      expect(scheduled.status).toBe(400);
      expect(scheduled.body.error.message).toMatch(reason);
    }
    expect(
      (await call('GET', '/v1/sources')).body.sources.filter(
        (s: { spec: { path?: string } }) => s.spec.path === allowed,
      ),
    ).toEqual([]);
  });

  it('fails a stored pathological glob at once, for good, while /health stays fast', async () => {
    // A source saved before globs were checked: its run must not stall the API either.
    const id = uniqueId('src-old-glob');
    const at = new Date().toISOString();
    await new Neo4jSourceStore(api.graph.driver).saveSource({
      id,
      name: 'old',
      spec: { type: 'folder', path: allowed, glob: '************************Q' },
      cursor: {},
      createdAt: at,
      updatedAt: at,
    });
    const started = await call('POST', `/v1/sources/${id}/runs`);
    expect(started.status).toBe(202);
    const run = finished(started.body.runId);
    const latencies = await healthLatencies(run);
    const result = await run;
    expect(result.status).toBe('failed');
    expect(result.errors).toEqual([
      {
        item: id,
        reason: expect.stringMatching(/^cannot read source .*: invalid glob .*runs of three or more '\*'/),
        retryable: false,
      },
    ]);
    expect(Math.max(...latencies)).toBeLessThan(500);
  });

  it('matches the slowest accepted glob against 2,000 adversarial names while /health stays fast', async () => {
    const folder = path.join(allowed, 'many');
    await mkdir(folder);
    for (let index = 0; index < 2000; index++) {
      await writeFile(path.join(folder, `${'a'.repeat(200)}${index}`), 'x');
    }
    const declared = await call('POST', '/v1/sources', { type: 'folder', path: folder, glob: '*a*Q' });
    expect(declared.status).toBe(201);
    const started = await call('POST', `/v1/sources/${declared.body.id}/runs`);
    const run = finished(started.body.runId);
    const latencies = (await healthLatencies(run)).sort((a, b) => a - b);
    const result = await run;
    expect(result.status).toBe('succeeded');
    expect(result.counts.items).toBe(0);
    const p95 = latencies[Math.floor(latencies.length * 0.95)] as number;
    expect(p95).toBeLessThan(250);
  });

  it('never follows a link out of the allowed folder in a scheduled folder source', async () => {
    const folder = path.join(allowed, 'links');
    await mkdir(folder);
    const inside = await addPressRelease(folder, 'inside.md', 'polyamide 66');
    const secret = await addPressRelease(outside, 'secret.md', 'PEEK');
    await symlink(secret, path.join(folder, 'secret.md'));
    await symlink(outside, path.join(folder, 'outside-dir'));
    await symlink('.', path.join(folder, 'loop'));
    const declared = await call('POST', '/v1/sources', { type: 'folder', path: folder });
    expect(declared.status).toBe(201);
    const run = await runSource(declared.body.id);
    expect(run.counts.documents).toBe(1);
    expect(run.counts.added).toBe(1);
    expect(
      run.errors.map((error) => [path.basename(error.item), error.reason.split(';')[0], error.retryable]),
    ).toEqual([
      ['loop', 'symbolic link loop: it leads back to a folder being read', false],
      ['outside-dir', 'symbolic link to a place outside the allowed folders', false],
      ['secret.md', 'symbolic link to a place outside the allowed folders', false],
    ]);
    const origins = await api.graph.driver.executeQuery(
      'MATCH (d:Document) WHERE d.origin IN $origins RETURN d.origin AS origin',
      { origins: [inside, secret, path.join(folder, 'secret.md')] },
    );
    expect(origins.records.map((record) => record.get('origin'))).toEqual([inside]);
  });

  it('fails a bulk file over BULK_MAX_BYTES permanently, downloads it once and leaves no temporary file', async () => {
    const source = await api.scheduling.schedules.declareSource(
      { type: 'uspto-bulk', location: `http://127.0.0.1:${server.port}/big.xml` },
      { id: uniqueId('src-bulk-big'), actor: 'test' },
    );
    const before = server.hits.length;
    const run = await runSource(source.id);
    expect(run.status).toBe('failed');
    expect(run.errors).toEqual([
      {
        item: `http://127.0.0.1:${server.port}/big.xml`,
        reason: `too large: more than the limit of ${bulkCap} bytes; it will not be retried; raise BULK_MAX_BYTES to accept it`,
        retryable: false,
      },
    ]);
    expect(server.hits.slice(before).map((hit) => hit.path)).toEqual(['/big.xml']);
    expect(await readdir(path.join(dataDir, 'downloads'))).toEqual([]);
    await expect(api.scheduling.runs.retry(run.id, 'test')).rejects.toThrow(/no failed retryable items/);
  });

  /** Services whose bulk cap lets the excerpt through, with a `--uspto` source on the server's `file`. */
  const roomyBulkSource = async (file: string, idPrefix: string) => {
    const roomy = await createSchedulingServices(
      createAppContext(testConfig({ ...env(), BULK_MAX_BYTES: String(4 * 1024 * 1024) }), api.graph),
      { leaseMs: 3000, scheduler: false, perHostDelayMs: 0 },
    );
    try {
      const source = await roomy.schedules.declareSource(
        { type: 'uspto-bulk', location: `http://127.0.0.1:${server.port}/${file}` },
        { id: uniqueId(idPrefix), actor: 'test' },
      );
      const run = async () =>
        finished(
          await roomy.runs.start({
            sourceId: source.id,
            sourceLabel: source.id,
            requestedBy: 'test',
            trigger: 'api',
          }),
        );
      return { run, stop: () => roomy.stop() };
    } catch (error) {
      await roomy.stop();
      throw error;
    }
  };

  it('streams a bulk file within the cap to disk, parses it from there and removes it', async () => {
    const bulk = await roomyBulkSource('weekly.xml.gz', 'src-bulk-ok');
    try {
      const first = await bulk.run();
      expect(first.status).toBe('succeeded');
      expect(first.counts.documents).toBeGreaterThan(10);
      expect(first.counts.failed).toBe(0);
      expect(await readdir(path.join(dataDir, 'downloads'))).toEqual([]);
      // The cursor kept the file's hash: the same bytes again are skipped, not re-read into the graph.
      const second = await bulk.run();
      expect(second.counts.skipped).toBe(first.counts.documents);
      expect(await readdir(path.join(dataDir, 'downloads'))).toEqual([]);
    } finally {
      await bulk.stop();
    }
  });

  it('reads a weekly bulk file shipped as a ZIP, entry by entry from the downloaded archive', async () => {
    const bulk = await roomyBulkSource('ipg120327.zip', 'src-bulk-zip');
    try {
      const run = await bulk.run();
      expect(run.status).toBe('succeeded');
      expect(run.counts.documents).toBe(196);
      expect(run.counts.failed).toBe(0);
      // Each of its grants is in the graph once, whoever wrote it first (the gzipped excerpt is the same).
      const stored = await api.graph.driver.executeQuery(
        'UNWIND $ids AS id MATCH (d:Document {id: id}) RETURN count(d) AS n',
        { ids: await excerptIds() },
      );
      expect(Number(stored.records[0]?.get('n'))).toBe(196);
      expect(await readdir(path.join(dataDir, 'downloads'))).toEqual([]);
    } finally {
      await bulk.stop();
    }
  });

  it('fails a run for good after its worker stopped three times without finishing it', async () => {
    const jobs = new Neo4jRunJobStore(api.graph.driver);
    const runId = uniqueId('run-crashy');
    const at = new Date().toISOString();
    const job = {
      runId,
      lockKey: `inputs:${runId}`,
      inputs: [allowed],
      sourceLabel: runId,
      requestedBy: 'test',
      trigger: 'api' as const,
      createdAt: at,
      attempts: 3,
    };
    await jobs.saveJob(job);
    await api.graph.store.saveIngestRun(emptyRun(job, at));
    const executor = createRunExecutor(createAppContext(testConfig(env()), api.graph), { leaseMs: 3000 });
    expect(await executor.execute(job)).toBe('completed');
    const run = await api.graph.store.getIngestRun(runId);
    expect(run?.status).toBe('failed');
    expect(run?.errors).toEqual([
      {
        item: runId,
        reason: expect.stringMatching(
          /^started 3 times without finishing \(its worker stopped, e\.g\. out of memory\)/,
        ),
        retryable: false,
      },
    ]);
    expect((await jobs.getJob(runId))?.completions).toBe(1);
    expect(run?.counts.documents).toBe(0);
  });
});
