import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestRun, LeaseLostError, Neo4jLeaseStore } from '../../../graph/index.ts';
import { emptyRun } from '../../../ingest/index.ts';
import { uniqueId } from '../../support/graph.ts';
import { testGraph } from './scheduling-fixtures.ts';

describe('Neo4jLeaseStore', () => {
  let graph: Awaited<ReturnType<typeof testGraph>>;
  let leases: Neo4jLeaseStore;

  beforeAll(async () => {
    graph = await testGraph();
    leases = new Neo4jLeaseStore(graph.driver);
  });
  afterAll(async () => graph?.close());

  it('grants a key to one holder at a time, renews it, and frees it when it expires', async () => {
    const key = uniqueId('lease');
    expect(await leases.acquire(key, 'a', 1500)).toBe(true);
    expect(await leases.acquire(key, 'b', 1500)).toBe(false);
    expect(await leases.renew(key, 'a', 1500)).toBe(true);
    expect(await leases.renew(key, 'b', 1500)).toBe(false);
    expect(await leases.holder(key)).toBe('a');
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect(await leases.holder(key)).toBeUndefined();
    expect(await leases.acquire(key, 'b', 1500)).toBe(true);
    expect(await leases.renew(key, 'a', 1500)).toBe(false);
    await leases.release(key, 'a');
    expect(await leases.holder(key)).toBe('b');
    await leases.release(key, 'b');
    expect(await leases.acquire(key, 'c', 1500)).toBe(true);
  });

  it('lets exactly one of many concurrent callers win', async () => {
    const key = uniqueId('race');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, index) => leases.acquire(key, `holder-${index}`, 5000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('saves a run record under a fence only while the fence holder holds the lease', async () => {
    const key = uniqueId('fence');
    const run = (status: IngestRun['status']): IngestRun => ({
      ...emptyRun({ runId: uniqueId('run-fenced'), sourceLabel: 'fence test' }, new Date().toISOString()),
      status,
    });
    const mine = run('running');
    expect(await leases.acquire(key, 'a', 600)).toBe(true);
    await graph.store.saveIngestRun(mine, { key, holder: 'a' });
    // Past its expiry, but nobody took it: nothing could have overlapped, so the save still lands.
    await new Promise((resolve) => setTimeout(resolve, 800));
    await graph.store.saveIngestRun({ ...mine, status: 'partial' }, { key, holder: 'a' });
    expect((await graph.store.getIngestRun(mine.id))?.status).toBe('partial');

    expect(await leases.acquire(key, 'b', 60_000)).toBe(true);
    await expect(
      graph.store.saveIngestRun({ ...mine, status: 'succeeded' }, { key, holder: 'a' }),
    ).rejects.toBeInstanceOf(LeaseLostError);
    expect((await graph.store.getIngestRun(mine.id))?.status).toBe('partial');

    // Freed (the node is gone): nobody may save under it until someone acquires it again.
    await leases.release(key, 'b');
    const other = run('running');
    await expect(graph.store.saveIngestRun(other, { key, holder: 'b' })).rejects.toBeInstanceOf(
      LeaseLostError,
    );
    expect(await graph.store.getIngestRun(other.id)).toBeUndefined();
  });
});
