import { error as driverErrors, Neo4jError } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, createAppContext } from '../../../api/composition-root.ts';
import { createRunExecutor } from '../../../api/scheduling-services.ts';
import type { Neo4jGraphStore, RunJob } from '../../../graph/index.ts';
import { emptyRun } from '../../../ingest/index.ts';
import { uniqueId } from '../../support/graph.ts';
import {
  addPressRelease,
  makeTempDir,
  storedPerOrigin,
  testConfig,
  testGraph,
} from './scheduling-fixtures.ts';

/**
 * A source's cursor records what its runs have read. A run that stops on an error before reading all of
 * its inputs (here: the graph goes away after its first document) must leave the cursor where it was,
 * or the files it never read would look read and never be ingested.
 */
describe('a declared source whose run stops on an error', () => {
  let graph: Awaited<ReturnType<typeof testGraph>>;
  let context: AppContext;
  let folder: string;
  beforeAll(async () => {
    graph = await testGraph();
    folder = await makeTempDir('aborted-cursor');
    context = createAppContext(testConfig({ INGEST_PATH_ALLOW_LIST: folder }), graph);
  });
  afterAll(async () => {
    await graph?.close();
  });

  /** Queues a run of the source, executes it to the end with `executor` (disposed after) and reads its record. */
  async function runOnce(sourceId: string, executor: ReturnType<typeof createRunExecutor>) {
    const job: RunJob = {
      runId: uniqueId('run-aborted-cursor'),
      lockKey: sourceId,
      sourceId,
      inputs: [],
      sourceLabel: sourceId,
      requestedBy: 'test',
      trigger: 'api',
      createdAt: new Date().toISOString(),
    };
    await context.runJobs.createRun(emptyRun(job, job.createdAt), job);
    try {
      expect(await executor.execute(job)).toBe('completed');
    } finally {
      await executor.dispose();
    }
    return graph.store.getIngestRun(job.runId);
  }

  it('keeps the cursor, so the next run reads every file the stopped one did not finish', async () => {
    const files = await Promise.all(
      ['a.md', 'b.md', 'c.md', 'd.md'].map((name) => addPressRelease(folder, name, `polymer ${name}`)),
    );
    const at = new Date().toISOString();
    const sourceId = uniqueId('src-aborted');
    await context.sources.saveSource({
      id: sourceId,
      name: 'aborted',
      spec: { type: 'folder', path: folder },
      cursor: {},
      createdAt: at,
      updatedAt: at,
    });

    // The real store, except that after the first batch the graph answers as a stopped server does.
    const store = graph.store;
    const lostAfterFirst = Object.create(store) as Neo4jGraphStore;
    let versionReads = 0;
    lostAfterFirst.documentVersions = async (ids) => {
      versionReads += 1;
      if (versionReads > 1)
        throw new Neo4jError(
          'the server went away',
          driverErrors.SERVICE_UNAVAILABLE,
          '08000',
          'error: connection exception',
        );
      return store.documentVersions(ids);
    };
    const stopped = await runOnce(
      sourceId,
      createRunExecutor(
        { ...context, graph: lostAfterFirst },
        { leaseMs: 5000, perHostDelayMs: 0, batchSize: 1, lookAhead: 0 },
      ),
    );
    expect(stopped?.status).toBe('failed');
    expect(stopped?.aborted).toBe(true);
    expect(stopped?.errors.some((error) => /^the graph became unreachable/.test(error.reason))).toBe(true);
    expect(stopped?.counts.added).toBe(1);
    expect((await context.sources.getSource(sourceId))?.cursor.files ?? {}).toEqual({});

    const resumed = await runOnce(
      sourceId,
      createRunExecutor(context, { leaseMs: 5000, perHostDelayMs: 0, batchSize: 1 }),
    );
    expect(resumed?.status).toBe('succeeded');
    expect(resumed?.counts).toMatchObject({ added: 3, unchanged: 1 });
    expect(await storedPerOrigin(graph.driver, files)).toEqual(
      Object.fromEntries(files.map((file) => [file, 1])),
    );
    // Now that every file was read, the cursor knows them all.
    expect(Object.keys((await context.sources.getSource(sourceId))?.cursor.files ?? {}).sort()).toEqual(
      [...files].sort(),
    );
  });
});
