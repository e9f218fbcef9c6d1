import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Neo4jGraphStore, Neo4jVocabularyStore, type VocabularySnapshot } from '../../graph/index.ts';
import { seedBundledLexicon, sharedSnapshots } from '../../ingest/index.ts';
import { openTestStore, uniqueSuffix } from '../support/graph.ts';

describe('one read of each vocabulary version, shared (real Neo4j 5.26)', () => {
  let graph: Neo4jGraphStore;
  let store: Neo4jVocabularyStore;
  beforeAll(async () => {
    graph = openTestStore();
    await graph.migrate();
    store = new Neo4jVocabularyStore(graph.driver);
    await seedBundledLexicon(store);
  });
  afterAll(() => graph?.close());

  it('reads a version once, again after it moves, and never keeps a failed read', async () => {
    let reads = 0;
    let failNext = false;
    const sinces: (VocabularySnapshot | undefined)[] = [];
    const shared = sharedSnapshots({
      stamp: () => store.stamp(),
      snapshot: async (since) => {
        reads += 1;
        sinces.push(since);
        if (failNext) {
          failNext = false;
          throw new Error('the graph went away');
        }
        return store.snapshot(since);
      },
    });
    const [a, b] = await Promise.all([shared.snapshot(), shared.snapshot()]);
    expect(reads).toBe(1);
    expect(b).toBe(a);
    expect(a.version).toBe(await store.version());
    expect(await shared.snapshot()).toBe(a);

    const id = `material:${uniqueSuffix('shared')}-resin`;
    await store.add(
      { id, label: 'Material', name: `${uniqueSuffix('shared')} resin`, origin: 'user' },
      {
        actor: 'test',
      },
    );
    failNext = true;
    await expect(shared.snapshot()).rejects.toThrow('the graph went away');
    const moved = await shared.snapshot();
    expect(reads).toBe(3);
    expect(moved.version).toBe(a.version + 1);
    expect(moved.terms.some((term) => term.id === id)).toBe(true);
    expect(await shared.snapshot()).toBe(moved);
    expect(reads).toBe(3);
    // The first read is whole; later ones are read from the last snapshot (the store reads what changed).
    expect(sinces).toEqual([undefined, a, a]);
    expect(moved).toEqual(await store.snapshot());
  });
});
