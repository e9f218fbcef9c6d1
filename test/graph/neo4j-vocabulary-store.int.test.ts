import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DocumentBundle,
  type Fact,
  Neo4jAuditLog,
  type Neo4jGraphStore,
  Neo4jProductStore,
  Neo4jReextractionStore,
  Neo4jVocabularyStore,
  TermConflictError,
  type TermDefinition,
  UnknownTermError,
} from '../../graph/index.ts';
import { oneChunkNews, openTestStore, uniqueId } from '../support/graph.ts';

/** A one-chunk document whose text holds the given sentence. */
function bundle(
  id: string,
  text: string,
  parts: Pick<DocumentBundle, 'entities' | 'mentions' | 'facts'>,
): DocumentBundle {
  return { ...oneChunkNews(id, text), ...parts };
}

function usedIn(id: string, documentId: string, subjectId: string, objectId: string, end: number): Fact {
  return {
    id,
    type: 'USED_IN',
    subjectId,
    objectId,
    polarity: 'positive',
    confidence: 0.6,
    extractor: 'test',
    firstSeen: '2025-01-01',
    lastSeen: '2025-01-01',
    evidence: [{ chunkId: `${documentId}#0`, start: 0, end }],
  };
}

describe('Neo4jVocabularyStore on a real Neo4j 5.26', () => {
  let graph: Neo4jGraphStore;
  let store: Neo4jVocabularyStore;
  let audit: Neo4jAuditLog;
  const actor = { actor: 'key-vocabulary-test' };
  const term = (
    label: TermDefinition['label'],
    name: string,
    extra: Partial<TermDefinition> = {},
  ): TermDefinition => ({
    id: `${label.toLowerCase()}:${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    label,
    name,
    origin: 'user',
    ...extra,
  });

  beforeAll(async () => {
    graph = openTestStore();
    await graph.migrate();
    store = new Neo4jVocabularyStore(graph.driver);
    audit = new Neo4jAuditLog(graph.driver);
  });
  afterAll(() => graph.close());

  it('seeds once per digest: a second seed writes nothing, a new digest adds only what is new', async () => {
    const digest = uniqueId('digest');
    const name = uniqueId('seedterm');
    const first = await store.seed([term('Material', name, { origin: 'lexicon', aliases: [`${name} A`] })], {
      digest,
      ...actor,
    });
    expect(first).toMatchObject({ seeded: true, changed: 1 });
    expect(await store.seed([term('Material', name, { origin: 'lexicon' })], { digest, ...actor })).toEqual({
      seeded: false,
      version: first.version,
      changed: 0,
    });
    const entry = await store.get(term('Material', name).id);
    expect(entry).toMatchObject({ origin: 'lexicon', matched: true, aliases: [`${name} A`] });

    const newName = uniqueId('seednew');
    const second = await store.seed(
      [
        term('Material', name, { origin: 'lexicon', aliases: [`${name} A`] }),
        term('Material', newName, { origin: 'lexicon' }),
      ],
      { digest: uniqueId('digest'), ...actor },
    );
    expect(second).toMatchObject({ seeded: true, changed: 1, version: first.version + 1 });
    const change = (await store.pendingChanges()).changes.find((item) => item.version === second.version);
    expect(change).toMatchObject({ kind: 'seed', surfaces: [newName] });
  });

  it('adds a term (version +1, audited), refuses duplicates and names of other terms, 404 on an unknown broader', async () => {
    const name = uniqueId('Foamglass');
    const before = await store.version();
    const added = await store.add(term('Material', name, { aliases: [`${name} board`] }), actor);
    expect(added).toMatchObject({
      version: before + 1,
      changed: true,
      entry: { origin: 'user', matched: true },
    });
    const events = await audit.listForTarget(added.entry.id);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'vocabulary',
        actor: actor.actor,
        details: expect.objectContaining({ action: 'add' }),
      }),
    ]);
    await expect(store.add(term('Material', name), actor)).rejects.toBeInstanceOf(TermConflictError);
    await expect(store.add(term('Material', `${name} board`), actor)).rejects.toThrow(/already names/);
    await expect(
      store.add(term('Material', uniqueId('x'), { broader: ['material:nope-nope'] }), actor),
    ).rejects.toBeInstanceOf(UnknownTermError);
    expect(await store.version()).toBe(before + 1);
  });

  it('aliases: new names bump the version; names it has already change nothing; unknown ids are 404', async () => {
    const added = await store.add(term('Application', uniqueId('Sound deadening')), actor);
    const alias = uniqueId('acoustic damping');
    const aliased = await store.addAliases(added.entry.id, { aliases: [alias], acronyms: ['SDX'] }, actor);
    expect(aliased).toMatchObject({ version: added.version + 1, changed: true });
    expect(aliased.entry.aliases).toEqual([alias]);
    expect(aliased.entry.acronyms).toEqual(['SDX']);
    const same = await store.addAliases(added.entry.id, { aliases: [alias.toUpperCase()] }, actor);
    expect(same).toMatchObject({ version: aliased.version, changed: false });
    await expect(store.addAliases('application:nope-nope', { aliases: ['x'] }, actor)).rejects.toBeInstanceOf(
      UnknownTermError,
    );
    const pending = await store.pendingChanges();
    expect(pending.changes.find((change) => change.version === aliased.version)).toMatchObject({
      kind: 'alias',
      surfaces: [alias, 'SDX'],
    });
  });

  it('merges: mentions, facts and links move, duplicates collapse, the fast path is recomputed', async () => {
    const keep = await store.add(term('Material', uniqueId('Polyamide sixtysix')), actor);
    const gone = await store.add(
      term('Material', uniqueId('Nylon sixtysix'), { aliases: [uniqueId('PA-SS')] }),
      actor,
    );
    const application = await store.add(term('Application', uniqueId('Gear wheel')), actor);
    const [a, b, x] = [keep.entry.id, gone.entry.id, application.entry.id];
    const doc1 = uniqueId('doc-merge');
    const doc2 = uniqueId('doc-merge');
    await graph.writeDocuments([
      bundle(doc1, 'A is used in X.', {
        entities: [],
        mentions: [
          { chunkId: `${doc1}#0`, entityId: a, start: 0, end: 1, surface: 'A' },
          { chunkId: `${doc1}#0`, entityId: x, start: 13, end: 14, surface: 'X' },
        ],
        facts: [usedIn(uniqueId('fact'), doc1, a, x, 15)],
      }),
      bundle(doc2, 'B and A are used in X.', {
        entities: [],
        mentions: [
          { chunkId: `${doc2}#0`, entityId: b, start: 0, end: 1, surface: 'B' },
          { chunkId: `${doc2}#0`, entityId: a, start: 6, end: 7, surface: 'A' },
        ],
        facts: [usedIn(uniqueId('fact'), doc2, b, x, 22), usedIn(uniqueId('fact'), doc2, a, x, 21)],
      }),
    ]);
    const productId = `product:${uniqueId('gearmax')}`;
    await new Neo4jProductStore(graph.driver).upsertProducts([
      {
        id: productId,
        name: 'Gearmax',
        aliases: [],
        owner: 'Test',
        materialId: b,
        materialIds: [a],
        properties: [],
        knownApplications: [],
      },
    ]);

    const merged = await store.merge(b, a, actor);
    expect(merged.version).toBe(application.version + 1);
    expect(merged.entry.aliases).toEqual(expect.arrayContaining([gone.entry.name, ...gone.entry.aliases]));
    expect(await store.get(b)).toMatchObject({ retired: true, mergedInto: a, matched: false });

    const mentions = await graph.listMentions(doc2);
    expect(mentions.map((mention) => [mention.entityId, mention.start])).toEqual([
      [a, 0],
      [a, 6],
    ]);
    const facts = await graph.driver.executeQuery(
      `MATCH (f:Fact {documentId: $doc2})-[:SUBJECT]->(s), (f)-[:OBJECT]->(o)
       CALL (f) { MATCH (f)-[e:EVIDENCE]->() RETURN collect(e.end) AS ends }
       RETURN s.id AS s, o.id AS o, ends`,
      { doc2 },
    );
    expect(facts.records.map((record) => record.toObject())).toEqual([
      { s: a, o: x, ends: expect.arrayContaining([21, 22]) },
    ]);
    const fastPath = await graph.driver.executeQuery(
      'MATCH (:Material {id: $a})-[u:USED_IN]->(:Application {id: $x}) RETURN u.docCount AS docCount',
      { a, x },
    );
    expect(fastPath.records.map((record) => record.get('docCount'))).toEqual([2]);
    const nothingLeft = await graph.driver.executeQuery(
      'MATCH (:Entity {id: $b})-[r]-() RETURN count(r) AS n',
      {
        b,
      },
    );
    expect(nothingLeft.records[0]?.get('n')).toBe(0);
    const product = await new Neo4jProductStore(graph.driver).getProduct(productId);
    expect(product).toMatchObject({ materialId: a, materialIds: [a] });
    const madeOf = await graph.driver.executeQuery(
      'MATCH (:Product {id: $productId})-[r:MADE_OF]->(m) RETURN m.id AS id',
      { productId },
    );
    expect(madeOf.records.map((record) => record.get('id'))).toEqual([a]);

    const change = (await store.pendingChanges()).changes.find((item) => item.version === merged.version);
    expect(change).toMatchObject({ kind: 'merge', documentIds: [doc2] });
    expect(await audit.listForTarget(a)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ details: expect.objectContaining({ action: 'merge', mergedId: b }) }),
      ]),
    );
    // Re-extraction finds the merged term's document, and the names through the full-text index.
    const stale = await new Neo4jReextractionStore(graph.driver).findStaleDocuments({
      version: merged.version,
      surfaces: [],
      entityIds: [],
      documentIds: change?.documentIds ?? [],
      all: false,
    });
    expect(stale).toEqual([doc2]);
  });

  it('refuses merges across labels, into itself, of retired terms and of products (409), and unknown ids (404)', async () => {
    const material = await store.add(term('Material', uniqueId('Mergeable')), actor);
    const application = await store.add(term('Application', uniqueId('Mergeable use')), actor);
    await expect(store.merge(material.entry.id, application.entry.id, actor)).rejects.toThrow(
      /cannot merge a Material/,
    );
    await expect(store.merge(material.entry.id, material.entry.id, actor)).rejects.toBeInstanceOf(
      TermConflictError,
    );
    await expect(store.merge('material:nope-nope', material.entry.id, actor)).rejects.toBeInstanceOf(
      UnknownTermError,
    );
    const retired = await store.add(term('Material', uniqueId('Retiree')), actor);
    await store.retire(retired.entry.id, actor);
    await expect(store.merge(retired.entry.id, material.entry.id, actor)).rejects.toThrow(/retired/);
    await expect(store.retire(retired.entry.id, actor)).rejects.toThrow(/retired already/);
    const productId = `product:${uniqueId('mergeproof')}`;
    await new Neo4jProductStore(graph.driver).upsertProducts([
      {
        id: productId,
        name: 'Mergeproof',
        aliases: [],
        owner: 'Test',
        materialId: material.entry.id,
        materialIds: [],
        properties: [],
        knownApplications: [],
      },
    ]);
    await expect(store.retire(productId, actor)).rejects.toThrow(/through the catalog/);
    await expect(store.merge(productId, material.entry.id, actor)).rejects.toThrow(/through the catalog/);
  });

  it('retires: no longer in the snapshot, listed only with includeRetired, the change names its documents', async () => {
    const added = await store.add(term('Material', uniqueId('Shortlived')), actor);
    const documentId = uniqueId('doc-retire');
    await graph.writeDocuments([
      bundle(documentId, 'S is here.', {
        entities: [],
        mentions: [{ chunkId: `${documentId}#0`, entityId: added.entry.id, start: 0, end: 1, surface: 'S' }],
        facts: [],
      }),
    ]);
    const retired = await store.retire(added.entry.id, actor);
    expect(retired.entry).toMatchObject({ retired: true, matched: false });
    const snapshot = await store.snapshot();
    expect(snapshot.version).toBe(retired.version);
    expect(snapshot.terms.map((t) => t.id)).not.toContain(added.entry.id);
    expect(snapshot.retiredIds).toContain(added.entry.id);
    const listed = await store.list({ q: added.entry.name });
    expect(listed.entries).toEqual([]);
    expect(
      (await store.list({ q: added.entry.name, includeRetired: true })).entries.map((e) => e.id),
    ).toEqual([added.entry.id]);
    const change = (await store.pendingChanges()).changes.find((item) => item.version === retired.version);
    expect(change).toMatchObject({ kind: 'retire', documentIds: [documentId], entityIds: [added.entry.id] });
  });

  it('lists by label, origin and text, products included, and keeps versions monotonic under concurrent changes', async () => {
    const prefix = uniqueId('listing');
    await Promise.all([1, 2, 3, 4].map((n) => store.add(term('Property', `${prefix} ${n}`), actor)));
    const page = await store.list({ label: 'Property', origin: 'user', q: prefix, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.entries.map((entry) => entry.name)).toEqual([`${prefix} 1`, `${prefix} 2`]);
    const versions = (await store.pendingChanges()).changes.map((change) => change.version);
    expect(new Set(versions).size).toBe(versions.length);
    expect([...versions].sort((x, y) => x - y)).toEqual(versions);
    const products = await store.list({ label: 'Product', limit: 1000 });
    expect(products.entries.every((entry) => entry.label === 'Product' && entry.origin === 'catalog')).toBe(
      true,
    );
  });
});
