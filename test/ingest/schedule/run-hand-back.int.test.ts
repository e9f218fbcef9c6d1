import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, createAppContext } from '../../../api/composition-root.ts';
import { createRunExecutor } from '../../../api/scheduling-services.ts';
import type { RunJob } from '../../../graph/index.ts';
import { emptyRun, InProcessRunQueue, reconcileUnfinishedRuns } from '../../../ingest/index.ts';
import { uniqueId } from '../../support/graph.ts';
import {
  completedJob,
  finishedRun,
  pressRelease,
  storedPerOrigin,
  testConfig,
  testGraph,
  waitFor,
} from './scheduling-fixtures.ts';

/**
 * A run stopped without being cancelled (its executor shuts down, or lost the source's lease to another
 * executor) is not over: it must not end as `cancelled`, and it runs again to success.
 */
describe('a run handed back by its executor', () => {
  let graph: Awaited<ReturnType<typeof testGraph>>;
  let context: AppContext;
  let server: Server;
  let baseUrl: string;
  // Paths whose next request hangs until the test answers it.
  const held = new Map<string, ServerResponse>();
  const holdNext = new Set<string>();
  const requests: string[] = [];
  const bodies = new Map<string, Buffer>();

  beforeAll(async () => {
    graph = await testGraph();
    context = createAppContext(testConfig({ URL_ALLOW_LIST: '127.0.0.1' }), graph);
    server = createServer((request, response) => {
      const url = request.url ?? '';
      requests.push(url);
      const body = bodies.get(url);
      if (!body) {
        response.writeHead(404).end();
        return;
      }
      if (holdNext.delete(url)) held.set(url, response);
      else response.writeHead(200, { 'content-type': 'text/markdown' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const response of held.values()) response.destroy();
    await new Promise((resolve) => server?.close(resolve));
    await graph?.close();
  });

  /** A run of a URL source of two releases whose second download hangs until `answer` is called. */
  async function slowRun(name: string) {
    const paths = [`/${name}/a.md`, `/${name}/b.md`];
    bodies.set(paths[0] as string, Buffer.from(pressRelease('graphene')));
    bodies.set(paths[1] as string, Buffer.from(pressRelease('PEEK')));
    holdNext.add(paths[1] as string);
    const urls = paths.map((item) => `${baseUrl}${item}`);
    const at = new Date().toISOString();
    const source = { id: uniqueId(`src-${name}`), name, spec: { type: 'urls' as const, urls }, cursor: {} };
    await context.sources.saveSource({ ...source, createdAt: at, updatedAt: at });
    const job: RunJob = {
      runId: uniqueId(`run-${name}`),
      lockKey: source.id,
      sourceId: source.id,
      inputs: [],
      sourceLabel: source.id,
      requestedBy: 'test',
      trigger: 'api',
      createdAt: new Date().toISOString(),
    };
    await context.runJobs.createRun(emptyRun(job, job.createdAt), job);
    const answer = () => {
      const response = held.get(paths[1] as string);
      held.delete(paths[1] as string);
      response?.writeHead(200, { 'content-type': 'text/markdown' }).end(bodies.get(paths[1] as string));
    };
    const hanging = () =>
      waitFor(
        async () => (held.has(paths[1] as string) ? true : undefined),
        30_000,
        `the hanging ${name}/b.md`,
      );
    const documents = () => storedPerOrigin(graph.driver, urls);
    return { job, urls, answer, hanging, documents, lease: `source:${source.id}` };
  }

  /** Another executor takes the run's lease (as after an expiry) and writes the run's record as its own. */
  async function takeOver(job: RunJob, lease: string) {
    const other = `other-executor:${job.runId}`;
    await graph.driver.executeQuery(
      'MATCH (l:Lease {key: $lease}) SET l.holder = $other, l.expiresAt = timestamp() + 600000',
      { lease, other },
    );
    const theirs = { ...emptyRun(job, '2026-01-01T00:00:00.000Z'), status: 'running' as const };
    await graph.store.saveIngestRun(theirs);
    return { other, theirs };
  }

  /** Frees the lease, executes the run again to completion and reads its record. */
  async function runAgainOnceFree(
    executor: ReturnType<typeof createRunExecutor>,
    job: RunJob,
    lease: string,
  ) {
    await graph.driver.executeQuery('MATCH (l:Lease {key: $lease}) DELETE l', { lease });
    expect(await executor.execute(job)).toBe('completed');
    return graph.store.getIngestRun(job.runId);
  }

  it('at shutdown: recorded as queued, its start not counted, lease freed; a restart runs it to success', async () => {
    const { job, urls, answer, hanging, documents, lease } = await slowRun('shutdown');
    const executor = createRunExecutor(context, { leaseMs: 5000, perHostDelayMs: 0, batchSize: 1 });
    const executing = executor.execute(job);
    await hanging();
    executor.handBackAll();
    answer();
    expect(await executing).toBe('busy');
    await executor.dispose();

    const record = await graph.store.getIngestRun(job.runId);
    expect(record?.status).toBe('queued');
    expect(record?.finishedAt).toBeUndefined();
    const handedBack = await context.runJobs.getJob(job.runId);
    expect(handedBack?.attempts ?? 0).toBe(0);
    expect(handedBack?.completions ?? 0).toBe(0);
    expect(await context.leases.holder(lease)).toBeUndefined();

    // What the API does on its next start: reconcile unfinished runs with a new queue.
    const queue = new InProcessRunQueue({
      executor: createRunExecutor(context, { leaseMs: 5000, perHostDelayMs: 0, batchSize: 1 }),
    });
    try {
      const report = await reconcileUnfinishedRuns({
        store: graph.store,
        jobs: context.runJobs,
        leases: context.leases,
        queue,
      });
      expect(report.requeued).toContain(job.runId);
      const finished = await finishedRun(graph.store, job.runId, 60_000, 'the requeued run');
      expect(finished?.status).toBe('succeeded');
      const done = await completedJob(context.runJobs, job.runId);
      expect(done).toMatchObject({ attempts: 1, completions: 1 });
      expect(await documents()).toEqual({ [urls[0] as string]: 1, [urls[1] as string]: 1 });
    } finally {
      await queue.close();
    }
  });

  it('after a lost lease: leaves the record to the new holder, then runs again once the lease is free', async () => {
    const { job, urls, answer, hanging, documents, lease } = await slowRun('lost');
    const logged: string[] = [];
    const executor = createRunExecutor(context, {
      leaseMs: 600,
      perHostDelayMs: 0,
      batchSize: 1,
      log: (message) => logged.push(message),
    });
    try {
      const executing = executor.execute(job);
      await hanging();
      const { other, theirs } = await takeOver(job, lease);
      await waitFor(
        async () => (logged.some((message) => message.includes('lost the lease')) ? true : undefined),
        30_000,
        'the executor to notice the lost lease',
      );
      answer();
      expect(await executing).toBe('busy');
      expect(await graph.store.getIngestRun(job.runId)).toMatchObject({
        status: 'running',
        startedAt: theirs.startedAt,
      });
      expect(await context.leases.holder(lease)).toBe(other);
      // The lost attempt counts: a run that keeps losing its lease must not start forever.
      expect((await context.runJobs.getJob(job.runId))?.attempts).toBe(1);

      const finished = await runAgainOnceFree(executor, job, lease);
      expect(finished?.status).toBe('succeeded');
      expect(await context.runJobs.getJob(job.runId)).toMatchObject({ attempts: 2, completions: 1 });
      expect(await documents()).toEqual({ [urls[0] as string]: 1, [urls[1] as string]: 1 });
    } finally {
      await executor.dispose();
    }
  });

  it('after a lease taken between renewals: saves no outcome over the new holder, then runs again', async () => {
    const { job, urls, answer, hanging, documents, lease } = await slowRun('stalled');
    const logged: string[] = [];
    // Renewed every 20 s: the run ends long before a renewal could notice the lease changed hands, as
    // when a stalled process outlives its lease and resumes.
    const executor = createRunExecutor(context, {
      leaseMs: 60_000,
      perHostDelayMs: 0,
      batchSize: 1,
      log: (message) => logged.push(message),
    });
    try {
      const executing = executor.execute(job);
      await hanging();
      const { other, theirs } = await takeOver(job, lease);
      answer();
      expect(await executing).toBe('busy');
      expect(logged.some((message) => message.includes('lost the lease'))).toBe(true);
      expect(await graph.store.getIngestRun(job.runId)).toMatchObject({
        status: 'running',
        startedAt: theirs.startedAt,
      });
      expect((await graph.store.getIngestRun(job.runId))?.finishedAt).toBeUndefined();
      expect(await context.leases.holder(lease)).toBe(other);
      expect(await context.runJobs.getJob(job.runId)).toMatchObject({ attempts: 1 });
      expect((await context.runJobs.getJob(job.runId))?.completions ?? 0).toBe(0);

      const finished = await runAgainOnceFree(executor, job, lease);
      expect(finished?.status).toBe('succeeded');
      expect(Date.parse(finished?.startedAt ?? '')).toBeGreaterThan(Date.parse(theirs.startedAt));
      expect(await context.runJobs.getJob(job.runId)).toMatchObject({ attempts: 2, completions: 1 });
      expect(await documents()).toEqual({ [urls[0] as string]: 1, [urls[1] as string]: 1 });
    } finally {
      await executor.dispose();
    }
  });
});
