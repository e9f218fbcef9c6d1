import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, createAppContext } from '../../api/composition-root.ts';
import { createRunExecutor, createSchedulingServices } from '../../api/scheduling-services.ts';
import { type GraphConnection, type IngestRun, recordAuditEvent } from '../../graph/index.ts';
import { EnqueueFailedError, emptyRun, reconcileUnfinishedRuns, startRunWorker } from '../../ingest/index.ts';
import { freePort, startRedis } from '../ingest/schedule/redis-server.ts';
import {
  addPressRelease,
  makeTempDir,
  testConfig,
  testGraph,
  waitFor,
} from '../ingest/schedule/scheduling-fixtures.ts';
import { uniqueId } from '../support/graph.ts';
import { startTestApp } from './api-test-app.ts';

const finished = (context: AppContext, runId: string) =>
  waitFor(
    async () => {
      const run = await context.graph.getIngestRun(runId);
      return run && run.status !== 'queued' && run.status !== 'running' ? run : undefined;
    },
    60_000,
    `run ${runId} to finish`,
  );

describe('runs are recorded atomically and reconciled with the queue', () => {
  let graph: GraphConnection;
  let folder: string;

  beforeAll(async () => {
    graph = await testGraph();
    folder = await makeTempDir('reconcile');
  });
  afterAll(async () => {
    await graph?.close();
  });

  it('a run, its job and its audit event commit together or not at all', async () => {
    const context = createAppContext(testConfig(), graph);
    const taken = `audit-${uniqueId('taken')}`;
    const session = graph.driver.session();
    try {
      await session.executeWrite((tx) =>
        recordAuditEvent(tx, {
          id: taken,
          type: 'ingest-run',
          actor: 'x',
          at: '2026-01-01T00:00:00Z',
          targetId: 'y',
          details: {},
        }),
      );
    } finally {
      await session.close();
    }
    const runId = `run-${uniqueId('atomic')}`;
    const job = {
      runId,
      lockKey: `inputs:${runId}`,
      inputs: [folder],
      sourceLabel: folder,
      requestedBy: 'tester',
      trigger: 'api' as const,
      createdAt: new Date().toISOString(),
    };
    const audit = {
      id: taken,
      type: 'ingest-run' as const,
      actor: 'tester',
      at: job.createdAt,
      targetId: runId,
      details: {},
    };
    await expect(context.runJobs.createRun(emptyRun(job, job.createdAt), job, audit)).rejects.toThrow();
    expect(await context.graph.getIngestRun(runId)).toBeUndefined();
    expect(await context.runJobs.getJob(runId)).toBeUndefined();

    await context.runJobs.createRun(emptyRun(job, job.createdAt), job, {
      ...audit,
      id: `audit-${uniqueId('ok')}`,
    });
    expect((await context.graph.getIngestRun(runId))?.status).toBe('queued');
    expect((await context.runJobs.getJob(runId))?.inputs).toEqual([folder]);
    expect((await context.auditLog.listForTarget(runId)).map((event) => event.type)).toEqual(['ingest-run']);
    // Not queued anywhere yet: left for the reconciler, which a later test of this file runs; close it here.
    await context.runJobs.markCompleted(runId);
  });

  it('in-process: a run whose enqueue failed answers 503, stays queued, and runs after a restart', async () => {
    const file = await addPressRelease(folder, `${uniqueId('inproc')}.md`);
    const env = { INGEST_PATH_ALLOW_LIST: folder };
    const context = createAppContext(testConfig(env), graph);
    // A queue that can hold nothing: every enqueue fails after the run was recorded.
    const full = await createSchedulingServices(context, {
      maxWaiting: 0,
      scheduler: false,
      reconcileIntervalMs: 3_600_000,
    });
    const app = await startTestApp({
      env,
      deps: { startIngestion: full.startIngestion, routes: full.routes },
    });
    let runId: string;
    try {
      const engineer = await app.keyFor('engineer');
      const response = await fetch(`${app.url}/v1/ingest/runs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${engineer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ source: file }),
      });
      const body = (await response.json()) as {
        error: { code: string; message: string; details: { runId: string } };
      };
      expect(response.status).toBe(503);
      expect(body.error.code).toBe('QUEUE_UNAVAILABLE');
      expect(body.error.message).toMatch(
        /is recorded but could not be queued yet .* queued again automatically/,
      );
      runId = body.error.details.runId;
      expect((await context.graph.getIngestRun(runId))?.status).toBe('queued');
      expect((await context.runJobs.getJob(runId))?.inputs).toEqual([file]);
      const [started] = await context.auditLog.listForTarget(runId);
      expect(started?.details).toMatchObject({ action: 'start', trigger: 'api' });
    } finally {
      await app.close();
      await full.stop();
    }

    const restarted = await createSchedulingServices(context, { scheduler: false });
    try {
      const run: IngestRun = await finished(context, runId);
      expect(run.status).toBe('succeeded');
      expect(run.counts.added).toBe(1);
      expect((await context.runJobs.getJob(runId))?.completions).toBe(1);
    } finally {
      await restarted.stop();
    }
  });

  it('BullMQ: a run recorded while Redis was down is queued once Redis is back, and a worker runs it', async () => {
    const file = await addPressRelease(folder, `${uniqueId('bull')}.md`);
    const port = await freePort();
    const queueUrl = `redis://127.0.0.1:${port}`;
    const env = { INGEST_PATH_ALLOW_LIST: folder, QUEUE_URL: queueUrl };
    const context = createAppContext(testConfig(env), graph);
    // Nothing listens on the port: the API still starts, and enqueuing fails instead of hanging.
    const down = await createSchedulingServices(context, {
      scheduler: false,
      reconcileIntervalMs: 3_600_000,
    });
    let runId = '';
    try {
      const failure = await down
        .startIngestion({ inputs: [file], source: file, requestedBy: 'tester' })
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(EnqueueFailedError);
      runId = (failure as EnqueueFailedError).runId;
      expect((await context.graph.getIngestRun(runId))?.status).toBe('queued');
    } finally {
      await down.stop();
    }

    const redis = await startRedis({ port });
    const back = await createSchedulingServices(context, {
      scheduler: false,
      reconcileIntervalMs: 3_600_000,
    });
    const worker = startRunWorker({
      url: queueUrl,
      executor: createRunExecutor(context, { perHostDelayMs: 0 }),
      jobs: context.runJobs,
      concurrency: 1,
    });
    try {
      const run = await finished(context, runId);
      expect(run.status).toBe('succeeded');
      expect(run.counts.added).toBe(1);
      // The worker completes the job just after it saves the outcome (until then its live lease keeps
      // reconciliation away, and the report names the run as leased): wait for the completion.
      const deadline = Date.now() + 10_000;
      while ((await context.runJobs.listUnfinished()).some((job) => job.runId === runId)) {
        if (Date.now() > deadline) throw new Error(`job of ${runId} never completed`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // A second pass finds nothing to hand over for this run: it is finished.
      const report = await reconcileUnfinishedRuns({
        store: context.graph,
        jobs: context.runJobs,
        leases: context.leases,
        queue: back.queue,
      });
      expect([...report.requeued, ...report.held, ...report.leased]).not.toContain(runId);
    } finally {
      await worker.close();
      await back.stop();
      await redis.stop();
    }
  });

  it('a queued run the queue already holds is not handed over twice', async () => {
    const redis = await startRedis();
    const context = createAppContext(
      testConfig({ QUEUE_URL: redis.url, INGEST_PATH_ALLOW_LIST: folder }),
      graph,
    );
    const services = await createSchedulingServices(context, {
      scheduler: false,
      reconcileIntervalMs: 3_600_000,
    });
    try {
      const runId = await services.startIngestion({
        inputs: [path.join(folder, 'never-run.md')],
        source: 'held',
        requestedBy: 'tester',
      });
      expect(await services.queue.holds(runId)).toBe(true);
      const report = await reconcileUnfinishedRuns({
        store: context.graph,
        jobs: context.runJobs,
        leases: context.leases,
        queue: services.queue,
      });
      expect(report.held).toContain(runId);
      expect(report.requeued).not.toContain(runId);
      await services.runs.cancel(runId, 'tester');
      const closing = await reconcileUnfinishedRuns({
        store: context.graph,
        jobs: context.runJobs,
        leases: context.leases,
        queue: services.queue,
      });
      // Cancelled before any executor took it: the reconciler only marks its job done.
      expect(closing.closed).toContain(runId);
      expect((await context.runJobs.getJob(runId))?.completions).toBe(1);
    } finally {
      await services.stop();
      await redis.stop();
    }
  });
});
