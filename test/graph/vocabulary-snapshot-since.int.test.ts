import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CandidatePromotion,
  type Neo4jGraphStore,
  Neo4jVocabularyStore,
  type TermDefinition,
} from '../../graph/index.ts';
import { seedBundledLexicon } from '../../ingest/index.ts';
import { openTestStore, uniqueId } from '../support/graph.ts';
import { sharesRecords } from '../support/shared-records.ts';

describe('a vocabulary snapshot read since an earlier one (real Neo4j 5.26)', () => {
  let graph: Neo4jGraphStore;
  let store: Neo4jVocabularyStore;
  const actor = { actor: 'test:snapshot-since' };

  /** A mined term as promotion writes it, named so that its id sorts among the others at `prefix`. */
  function promotion(prefix: string): CandidatePromotion {
    const name = `${prefix} ${uniqueId('film')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')}`;
    const key = name.replace(/\s+/g, '-');
    return {
      candidateId: `candidate:application:${key}`,
      key,
      term: {
        id: `application:${key}`,
        label: 'Application',
        name,
        aliases: [`${name} grade`],
        origin: 'mined',
        support: 3,
        broader: ['application:packaging'],
      },
    };
  }

  const userTerm = (name: string): TermDefinition => ({
    id: `material:${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    label: 'Material',
    name,
    origin: 'user',
  });

  beforeAll(async () => {
    graph = openTestStore();
    await graph.migrate();
    store = new Neo4jVocabularyStore(graph.driver);
    await seedBundledLexicon(store);
  });
  afterAll(() => graph.close());

  it('after promotions and added terms reads only their terms, and gives what a whole read gives', async () => {
    await store.promoteCandidates([promotion('m')], actor);
    const previous = await store.snapshot();
    // Ids before, between and after the terms already held, over three versions.
    await store.promoteCandidates([promotion('a'), promotion('n')], actor);
    await store.add(userTerm(uniqueId('Zylonite')), actor);
    await store.promoteCandidates([promotion('zz')], actor);

    const caughtUp = await store.snapshot(previous);
    const whole = await store.snapshot();
    expect(caughtUp.version).toBe(previous.version + 3);
    expect(caughtUp).toEqual(whole);
    expect(sharesRecords(caughtUp, previous)).toBe(true);
    expect(sharesRecords(whole, previous)).toBe(false);
    expect(whole.terms.length).toBe(previous.terms.length + 4);
    // The same stamp: the same snapshot.
    expect(await store.snapshot(whole)).toBe(whole);
  });

  it('reads whole when a version did more than add terms, or the earlier snapshot is not of this history', async () => {
    const base = await store.snapshot();
    const added = await store.add(userTerm(uniqueId('Aliasite')), actor);
    const afterAdd = await store.snapshot(base);
    expect(sharesRecords(afterAdd, base)).toBe(true);

    await store.addAliases(added.entry.id, { aliases: [uniqueId('alias')] }, actor);
    const afterAlias = await store.snapshot(afterAdd);
    expect(afterAlias).toEqual(await store.snapshot());
    expect(sharesRecords(afterAlias, afterAdd)).toBe(false);

    await store.retire(added.entry.id, actor);
    const afterRetire = await store.snapshot(afterAlias);
    expect(afterRetire).toEqual(await store.snapshot());
    expect(afterRetire.terms.map((term) => term.id)).not.toContain(added.entry.id);
    expect(sharesRecords(afterRetire, afterAlias)).toBe(false);

    // A snapshot of the same number made at another instant (a restore of another history).
    await store.add(userTerm(uniqueId('Restorite')), actor);
    const foreign = { ...afterRetire, stamp: `${afterRetire.version}|1999-01-01T00:00:00.000Z`, terms: [] };
    const afterForeign = await store.snapshot(foreign);
    expect(afterForeign).toEqual(await store.snapshot());
    expect(afterForeign.terms.length).toBeGreaterThan(0);
  });
});
