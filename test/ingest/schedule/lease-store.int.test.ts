import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Neo4jLeaseStore } from '../../../graph/index.ts';
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
});
