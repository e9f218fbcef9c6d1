import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../../api/composition-root.ts';
import { createSchedulingServices, type SchedulingServices } from '../../../api/scheduling-services.ts';
import { type IngestRun, Neo4jLeaseStore, Neo4jRunJobStore } from '../../../graph/index.ts';
import { testNeo4jEnv, uniqueId } from '../../support/graph.ts';
import { repoRoot } from '../../support/paths.ts';
import { startRedis } from './redis-server.ts';
import {
  addPressRelease,
  completedJob as completedJobOf,
  finishedRun,
  makeTempDir,
  pressRelease,
  storedPerOrigin as storedPerOriginOf,
  testConfig,
  testGraph,
  waitFor,
} from './scheduling-fixtures.ts';

interface Worker {
  child: ChildProcess;
  output: string;
}

function startWorker(queueUrl: string): Worker {
  const child = spawn(
    process.execPath,
    [
      path.join(repoRoot, 'bin', 'matscout.js'),
      'worker',
      '--concurrency',
      '3',
      // Short, so a killed worker's lease expires soon; not shorter, because a worker renews every third
      // of it and must land a renewal within it: on a loaded 2-core machine a 2 s lease was outlived by
      // stalls, and the stalled run's last write overlapped the next run of its source (see the README).
      '--lease-ms',
      '5000',
      '--stalled-ms',
      '2000',
      '--batch-size',
      '1',
      '--host-delay-ms',
      '0',
      // Each document written as it comes: a worker killed mid-run has written part of its run. With
      // the default window it holds them to the end, and a kill leaves nothing half written to test.
      '--look-ahead',
      '0',
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        ...testNeo4jEnv(),
        QUEUE_URL: queueUrl,
        URL_ALLOW_LIST: '127.0.0.1',
        // info: the test waits for a worker's 'worker stopping' line.
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const worker: Worker = { child, output: '' };
  child.stdout?.on('data', (data) => {
    worker.output += data;
  });
  child.stderr?.on('data', (data) => {
    worker.output += data;
  });
  return worker;
}

async function stopWorker(worker: Worker): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => worker.child.kill('SIGKILL'), 10_000);
    worker.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    worker.child.kill('SIGTERM');
  });
}

describe('runs on Redis with two worker processes', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let graph: Awaited<ReturnType<typeof testGraph>>;
  let scheduling: SchedulingServices;
  let server: Server;
  let baseUrl: string;
  const workers: Worker[] = [];
  let releaseSlow: () => void = () => {};
  let slowRequests = 0;
  let answerTerm: (() => void) | undefined;
  let termRequests = 0;

  beforeAll(async () => {
    redis = await startRedis();
    graph = await testGraph();
    scheduling = await createSchedulingServices(
      createAppContext(testConfig({ QUEUE_URL: redis.url }), graph),
      {
        scheduler: false,
      },
    );
    const articles = ['PEEK', 'graphene', 'polyimide', 'EPDM'].map((material) =>
      Buffer.from(pressRelease(material)),
    );
    server = createServer((request, response) => {
      const send = (body: Buffer) => response.writeHead(200, { 'content-type': 'text/markdown' }).end(body);
      if (request.url?.startsWith('/term/a')) {
        termRequests += 1;
        send(articles[2] as Buffer);
      } else if (request.url?.startsWith('/term/b')) {
        // The first request hangs until the test answers it, after its worker was told to stop.
        if (answerTerm === undefined) answerTerm = () => send(articles[3] as Buffer);
        else send(articles[3] as Buffer);
      } else if (request.url?.startsWith('/slow/a')) send(articles[0] as Buffer);
      else if (request.url?.startsWith('/slow/b')) {
        slowRequests += 1;
        // The first request hangs until its worker is killed; later ones answer at once.
        if (slowRequests === 1) releaseSlow = () => response.destroy();
        else send(articles[1] as Buffer);
      } else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    workers.push(startWorker(redis.url), startWorker(redis.url));
  });

  afterAll(async () => {
    releaseSlow();
    await Promise.all(workers.map(stopWorker));
    await scheduling?.stop();
    await graph?.close();
    await new Promise((resolve) => server?.close(resolve));
    await redis?.stop();
  });

  const finished = (runId: string) =>
    finishedRun(
      graph.store,
      runId,
      90_000,
      `run ${runId} (worker output: ${workers.map((worker) => worker.output.slice(-500)).join(' | ')})`,
    );
  const completedJob = (runId: string) => completedJobOf(new Neo4jRunJobStore(graph.driver), runId);
  const storedPerOrigin = (origins: string[]) => storedPerOriginOf(graph.driver, origins);

  /** Declares a URL source and starts a run of it. */
  const startUrlRun = async (name: string, urls: string[]) => {
    const source = await scheduling.schedules.declareSource(
      { type: 'urls', urls },
      { id: uniqueId(name), actor: 'test' },
    );
    const runId = await scheduling.runs.start({
      sourceId: source.id,
      sourceLabel: source.id,
      requestedBy: 'test',
      trigger: 'api',
    });
    return { sourceId: source.id, runId };
  };

  /** The worker process holding the source's lease once `ready` (lease holders embed the pid). */
  const workerHolding = async (sourceId: string, ready: () => boolean) => {
    const leases = new Neo4jLeaseStore(graph.driver);
    const holder = await waitFor(
      async () => (ready() ? await leases.holder(`source:${sourceId}`) : undefined),
      60_000,
      `the lease of ${sourceId}`,
    );
    const pid = Number(/-(\d+)-[0-9a-f]{8}:/.exec(holder)?.[1]);
    const worker = workers.find((candidate) => candidate.child.pid === pid);
    expect(worker).toBeDefined();
    return worker as Worker;
  };

  it('completes 20 runs over 5 sources exactly once, never two runs of one source at a time', async () => {
    const sourceIds: string[] = [];
    const releases: string[] = [];
    for (let index = 0; index < 5; index++) {
      const folder = await makeTempDir(`redis-src-${index}`);
      releases.push(await addPressRelease(folder, 'release.md'));
      const source = await scheduling.schedules.declareSource(
        { type: 'folder', path: folder },
        { id: uniqueId(`src-redis-${index}`), actor: 'test' },
      );
      sourceIds.push(source.id);
    }
    const runIds: string[] = [];
    for (let round = 0; round < 4; round++) {
      for (const sourceId of sourceIds) {
        runIds.push(
          await scheduling.runs.start({
            sourceId,
            sourceLabel: sourceId,
            requestedBy: 'test',
            trigger: 'api',
          }),
        );
      }
    }
    const runs: IngestRun[] = [];
    for (const runId of runIds) runs.push(await finished(runId));
    expect(runs.map((run) => run.status)).toEqual(runIds.map(() => 'succeeded'));
    for (const runId of runIds) expect((await completedJob(runId)).completions).toBe(1);
    for (const sourceId of sourceIds) {
      const intervals = runs
        .filter((run) => run.source === sourceId)
        .map((run) => [Date.parse(run.startedAt), Date.parse(run.finishedAt as string)] as const)
        .sort((a, b) => a[0] - b[0]);
      expect(intervals).toHaveLength(4);
      for (let index = 1; index < intervals.length; index++) {
        expect(intervals[index]?.[0]).toBeGreaterThanOrEqual(intervals[index - 1]?.[1] as number);
      }
      // Usually one run adds the release and the later ones find it behind the source's cursor. A run
      // handed back after a lost lease (its worker stalled past the lease on a busy machine) may have
      // written it before stopping, and then no run says added: at most one does, and the graph holds it
      // once (below).
      const added = runs
        .filter((run) => run.source === sourceId)
        .reduce((sum, run) => sum + run.counts.added, 0);
      expect(added).toBeLessThanOrEqual(1);
    }
    expect(await storedPerOrigin(releases)).toEqual(
      Object.fromEntries(releases.map((release) => [release, 1])),
    );
  });

  it('a worker stopped with SIGTERM mid-run hands its run back, and the other worker finishes it', async () => {
    const urls = [`${baseUrl}/term/a.md`, `${baseUrl}/term/b.md`];
    const { sourceId, runId } = await startUrlRun('src-term', urls);
    const stopping = await workerHolding(sourceId, () => answerTerm !== undefined);
    const exited = new Promise((resolve) => stopping.child.once('exit', resolve));
    stopping.child.kill('SIGTERM');
    // Right after this line the worker hands its runs back; the run notices once its download ends.
    await waitFor(
      async () => (stopping.output.includes('worker stopping') ? true : undefined),
      30_000,
      'the worker to stop',
    );
    answerTerm?.();
    await exited;
    workers.splice(workers.indexOf(stopping), 1, startWorker(redis.url));

    expect((await finished(runId)).status).toBe('succeeded');
    // Executed twice (the second attempt read a.md again), but the handed-back start is not counted.
    expect(termRequests).toBe(2);
    expect(await completedJob(runId)).toMatchObject({ attempts: 1, completions: 1 });
    expect(await storedPerOrigin(urls)).toEqual({ [urls[0] as string]: 1, [urls[1] as string]: 1 });
  });

  it("picks up a killed worker's run after its lease expires, without duplicate documents", async () => {
    const urls = [`${baseUrl}/slow/a.md`, `${baseUrl}/slow/b.md`];
    const { sourceId, runId } = await startUrlRun('src-kill', urls);
    const victim = await workerHolding(sourceId, () => slowRequests > 0);
    await waitFor(
      async () => ((await storedPerOrigin([urls[0] as string]))[urls[0] as string] ? true : undefined),
      30_000,
      'the first document to be written',
    );
    victim.child.kill('SIGKILL');
    releaseSlow();

    expect((await finished(runId)).status).toBe('succeeded');
    expect(await completedJob(runId)).toMatchObject({ attempts: 2, completions: 1 });
    expect(await storedPerOrigin(urls)).toEqual({ [urls[0] as string]: 1, [urls[1] as string]: 1 });
  });
});
