import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type IngestRun,
  type Neo4jGraphStore,
  Neo4jRunJobStore,
  staleRunAfterMs,
} from '../../graph/index.ts';
import { emptyCounts } from '../../ingest/index.ts';
import { openTestStore, uniqueId } from '../support/graph.ts';

/**
 * A run started from the command line has no job and no lease: if its process is killed, or loses the
 * graph for good, nothing saves its outcome. Its heartbeat tells readers it stopped.
 */
describe('the record of a run that stopped without an outcome', () => {
  let store: Neo4jGraphStore;
  const ids: string[] = [];
  beforeAll(async () => {
    store = openTestStore();
    await store.migrate();
  });
  afterAll(async () => {
    await store.driver.executeQuery(
      'MATCH (n) WHERE (n:IngestRun AND n.id IN $ids) OR (n:RunJob AND n.runId IN $ids) DETACH DELETE n',
      { ids },
    );
    await store.close();
  });

  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
  function running(fields: Partial<IngestRun>): IngestRun {
    const id = uniqueId('run-stale');
    ids.push(id);
    return {
      id,
      kind: 'ingest',
      source: `inputs of ${id}`,
      status: 'running',
      startedAt: ago(60 * 60_000),
      counts: { ...emptyCounts(), documents: 40, added: 40 },
      errors: [],
      ...fields,
    };
  }

  it('reads as failed, with why, once its heartbeat is older than the limit', async () => {
    const lastBeat = ago(staleRunAfterMs + 60_000);
    const stopped = running({ heartbeatAt: lastBeat });
    await store.saveIngestRun(stopped);
    const read = await store.getIngestRun(stopped.id);
    expect(read?.status).toBe('failed');
    expect(read?.counts.added).toBe(40);
    expect(read?.errors).toEqual([
      {
        item: stopped.source,
        reason: expect.stringMatching(new RegExp(`^interrupted: no sign of the run since ${lastBeat}`)),
        retryable: true,
      },
    ]);
    const listed = (await store.listIngestRuns({ limit: 500 })).find((run) => run.id === stopped.id);
    expect(listed?.status).toBe('failed');
  });

  it('reads as running while its heartbeat is recent', async () => {
    const alive = running({ heartbeatAt: ago(40_000) });
    await store.saveIngestRun(alive);
    expect((await store.getIngestRun(alive.id))?.status).toBe('running');
  });

  it('judges a record saved before heartbeats by its start', async () => {
    const old = running({ startedAt: ago(staleRunAfterMs + 60_000) });
    await store.saveIngestRun(old);
    expect((await store.getIngestRun(old.id))?.status).toBe('failed');
    const recent = running({ startedAt: ago(60_000) });
    await store.saveIngestRun(recent);
    expect((await store.getIngestRun(recent.id))?.status).toBe('running');
  });

  it('leaves a run with a job to its queue, however old its heartbeat', async () => {
    const queued = running({ heartbeatAt: ago(staleRunAfterMs + 60_000) });
    await new Neo4jRunJobStore(store.driver).createRun(queued, {
      runId: queued.id,
      lockKey: queued.source,
      inputs: [],
      sourceLabel: queued.source,
      requestedBy: 'test',
      trigger: 'api',
      createdAt: queued.startedAt,
    });
    expect((await store.getIngestRun(queued.id))?.status).toBe('running');
  });
});
