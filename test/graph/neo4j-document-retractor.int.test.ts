import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  deleteAllNodes,
  Neo4jAuditLog,
  Neo4jDocumentRetractor,
  type Neo4jGraphStore,
} from '../../graph/index.ts';
import { openTestStore } from '../support/graph.ts';
import {
  census,
  documentIdOf,
  fastPaths,
  idsOf,
  importSampleCatalog,
  ingestFiles,
  referencesTo,
  sampleFiles,
  seedVocabulary,
} from '../support/graph-census.ts';

// The whole graph is compared with a fresh ingest, so this file owns the suite's (test-only) graph while it runs.
const bookkeeping = { ignoreLabels: ['IngestRun', 'AuditEvent', 'SchemaVersion'] };

const retracted = sampleFiles[3] as string; // EPDM battery seals: its own materials and applications
const remaining = sampleFiles.filter((file) => file !== retracted);

describe('Neo4jDocumentRetractor on the real Neo4j', () => {
  const store: Neo4jGraphStore = openTestStore();
  const retractor = new Neo4jDocumentRetractor(store.driver);
  const auditLog = new Neo4jAuditLog(store.driver);
  const record = (id: string) => ({
    auditEventId: `audit:test-${id}`,
    actor: 'key_test',
    at: '2026-06-01T10:00:00.000Z',
    reason: 'licence withdrawn',
  });

  // Wiping also removes the recorded schema version, which migrating records again.
  beforeEach(async () => {
    await deleteAllNodes(store.driver);
    await store.migrate();
  });
  afterAll(async () => {
    await deleteAllNodes(store.driver);
    await store.migrate();
    await store.close();
  });

  it('after retracting one of six documents the graph equals a fresh ingest of the other five', async () => {
    await ingestFiles(store, sampleFiles);
    await importSampleCatalog(store.driver);
    const documentId = await documentIdOf(store.driver, retracted);
    const before = await census(store.driver, bookkeeping);

    const outcome = await retractor.retractDocument(documentId, record(documentId));
    expect(outcome?.documentId).toBe(documentId);
    const after = await census(store.driver, bookkeeping);
    const afterPaths = await fastPaths(store.driver);
    const afterFacts = await idsOf(store.driver, 'Fact');
    const afterEntities = await idsOf(store.driver, 'Entity');
    expect(await referencesTo(store.driver, documentId)).toEqual([]);
    expect(await store.getDocument(documentId)).toBeUndefined();

    // The retraction removed something of each kind, so the comparison below is not trivial.
    expect(before.labels.Chunk).toBeGreaterThan(after.labels.Chunk ?? 0);
    expect(before.labels.Fact).toBeGreaterThan(after.labels.Fact ?? 0);
    expect(before.types.MENTIONS).toBeGreaterThan(after.types.MENTIONS ?? 0);
    expect(before.types.USED_IN).toBeGreaterThan(after.types.USED_IN ?? 0);

    await deleteAllNodes(store.driver);
    await ingestFiles(store, remaining);
    await importSampleCatalog(store.driver);
    expect(after).toEqual(await census(store.driver, bookkeeping));
    expect(afterPaths).toEqual(await fastPaths(store.driver));
    expect(afterFacts).toEqual(await idsOf(store.driver, 'Fact'));
    expect(afterEntities).toEqual(await idsOf(store.driver, 'Entity'));
  });

  it('a dry run changes nothing and reports exactly what the retraction then removes', async () => {
    await ingestFiles(store, sampleFiles);
    await importSampleCatalog(store.driver);
    const ids = [await documentIdOf(store.driver, sampleFiles[3] as string), 'news:no-such-document'];
    const before = await census(store.driver);
    const beforePaths = await fastPaths(store.driver);

    const plan = await retractor.planRetraction(ids);
    expect(await census(store.driver)).toEqual(before);
    expect(await fastPaths(store.driver)).toEqual(beforePaths);
    expect(plan.documentIds).toEqual([ids[0]]);
    expect(plan.missing).toEqual(['news:no-such-document']);

    const outcome = await retractor.retractDocument(ids[0] as string, record('dry'));
    expect(outcome?.counts).toEqual(plan.counts);
    const after = await census(store.driver);
    const gone = (label: string) => (before.labels[label] ?? 0) - (after.labels[label] ?? 0);
    expect(plan.counts.documents).toBe(gone('Document'));
    expect(plan.counts.chunks).toBe(gone('Chunk'));
    expect(plan.counts.facts).toBe(gone('Fact'));
    expect(plan.counts.entities).toBe(gone('Entity'));
    expect(plan.counts.mentions).toBe((before.types.MENTIONS ?? 0) - (after.types.MENTIONS ?? 0));
    expect(plan.counts.fastPathsRemoved).toBe((before.types.USED_IN ?? 0) - (after.types.USED_IN ?? 0));
    expect(plan.counts.mentions).toBeGreaterThan(0);
  });

  it('writes one audit event with the reason in the same transaction, and a second retraction finds nothing', async () => {
    await ingestFiles(store, sampleFiles.slice(0, 2));
    const documentId = await documentIdOf(store.driver, sampleFiles[0] as string);
    await retractor.retractDocument(documentId, record(documentId));
    const events = await auditLog.listForTarget(documentId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      id: `audit:test-${documentId}`,
      type: 'retraction',
      actor: 'key_test',
      targetId: documentId,
      details: { documentId, reason: 'licence withdrawn', title: expect.any(String) },
    });
    expect(await retractor.retractDocument(documentId, record('again'))).toBeUndefined();
    expect(await auditLog.listForTarget(documentId)).toHaveLength(1);
  });

  it('vocabulary and catalog entities stay even when no document mentions them any more', async () => {
    await ingestFiles(store, [sampleFiles[0] as string]);
    await importSampleCatalog(store.driver);
    const documentId = await documentIdOf(store.driver, sampleFiles[0] as string);
    await retractor.retractDocument(documentId, record(documentId));
    expect(await idsOf(store.driver, 'Document')).toEqual([]);
    expect(await idsOf(store.driver, 'Chunk')).toEqual([]);
    expect(await idsOf(store.driver, 'Fact')).toEqual([]);
    expect(await idsOf(store.driver, 'TermCandidate')).toEqual([]);
    const remaining = await idsOf(store.driver, 'Entity');

    // What remains is exactly what a graph that never saw the document holds: vocabulary and catalog.
    await deleteAllNodes(store.driver);
    await store.migrate();
    await seedVocabulary(store.driver);
    await importSampleCatalog(store.driver);
    expect(remaining).toEqual(await idsOf(store.driver, 'Entity'));
    const linked = await store.driver.executeQuery(
      'MATCH (:Product)-[:MADE_OF|KNOWN_FOR|HAS_PROPERTY]->(e:Entity) RETURN DISTINCT e.id AS id ORDER BY id',
    );
    expect(linked.records.length).toBeGreaterThan(0);
    for (const record of linked.records) expect(remaining).toContain(String(record.get('id')));
  });

  it('re-ingesting a retracted document works like a first ingest', async () => {
    const first = await ingestFiles(store, sampleFiles);
    const full = await census(store.driver, bookkeeping);
    const fullPaths = await fastPaths(store.driver);
    const documentId = await documentIdOf(store.driver, retracted);
    await retractor.retractDocument(documentId, record(documentId));

    const again = await ingestFiles(store, [retracted]);
    expect(again.counts).toMatchObject({ added: 1, unchanged: 0, updated: 0, failed: 0 });
    expect(again.counts.chunks).toBeGreaterThan(0);
    expect(first.counts.added).toBe(6);
    expect(await census(store.driver, bookkeeping)).toEqual(full);
    expect(await fastPaths(store.driver)).toEqual(fullPaths);
  });
});
