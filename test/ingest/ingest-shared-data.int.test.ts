import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestRun, Neo4jGraphStore } from '../../graph/index.ts';
import { createOfflineExtractor, runIngestion } from '../../ingest/index.ts';
import { openTestStore } from '../support/graph.ts';
import { sharedData } from '../support/paths.ts';

/**
 * Every folder of real samples goes through the real pipeline into the real Neo4j: each document is
 * either ingested or its item is reported with a specific reason, and offsets reproduce stored text.
 */
const folders: Array<{ folder: string; minDocuments: number }> = [
  { folder: 'uspto-xml-formats', minDocuments: 30 },
  { folder: 'epo-xml-formats', minDocuments: 33 },
  { folder: 'uspto-ipg-weekly-excerpts', minDocuments: 421 },
  { folder: 'pap2pat-patent-paper-pairs', minDocuments: 1813 },
  { folder: 'news-press-releases-materials', minDocuments: 156 },
  { folder: 'news-html-article-benchmark', minDocuments: 170 },
  { folder: 'news-reuters21578-chem', minDocuments: 163 },
];

describe('ingesting every shared data folder into Neo4j', () => {
  let store: Neo4jGraphStore;
  const extractor = createOfflineExtractor();
  const runs = new Map<string, IngestRun>();

  beforeAll(async () => {
    store = openTestStore();
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
  });

  for (const { folder, minDocuments } of folders) {
    it(`${folder}: every item ingested or rejected with a specific reason`, async () => {
      const run = await runIngestion({ store, extractor }, { inputs: [sharedData(folder)], batchSize: 50 });
      runs.set(folder, run);
      const c = run.counts;
      expect(c.added + c.updated + c.unchanged + c.duplicates).toBeGreaterThanOrEqual(minDocuments);
      expect(c.documents).toBe(c.added + c.updated + c.unchanged + c.duplicates + c.skipped);
      expect(run.errors).toHaveLength(c.failed);
      for (const error of run.errors) {
        expect(error.item.length).toBeGreaterThan(0);
        expect(error.reason).toMatch(/\w{4,}/);
        expect(error.reason).not.toMatch(/^(undefined|null|Error)$/);
      }
      expect(c.chunks).toBeGreaterThan(c.added);
      expect(['succeeded', 'partial']).toContain(run.status);
      const stored = await store.getIngestRun(run.id);
      expect(stored?.counts).toEqual(c);
    });
  }

  it('rejects the known non-documents by name', () => {
    const reasons = (folder: string) =>
      runs
        .get(folder)
        ?.errors.map((e) => `${e.item} ${e.reason}`)
        .join('\n') ?? '';
    expect(reasons('uspto-xml-formats')).toMatch(/cpc-scheme-A01L\.xml.*CPC classification scheme/);
    expect(reasons('uspto-ipg-weekly-excerpts')).toMatch(/not a patent document: sequence-cwu/);
    expect(reasons('news-reuters21578-chem')).toMatch(/reut2-chem-subset\.sgm.*Reuters-21578 SGML/);
  });

  it('every chunk and every mention reproduces the stored text from its offsets', async () => {
    const badChunks = await store.driver.executeQuery(
      `MATCH (c:Chunk)-[:PART_OF]->(d:Document)
       WHERE substring(d.text, c.start, c.end - c.start) <> c.text RETURN count(c) AS bad`,
    );
    expect(badChunks.records[0]?.get('bad')).toBe(0);
    const badMentions = await store.driver.executeQuery(
      `MATCH (c:Chunk)-[m:MENTIONS]->(), (c)-[:PART_OF]->(d:Document)
       WHERE substring(d.text, m.start, m.end - m.start) <> m.surface OR m.start < c.start OR m.end > c.end
       RETURN count(m) AS bad`,
    );
    expect(badMentions.records[0]?.get('bad')).toBe(0);
    const badEvidence = await store.driver.executeQuery(
      `MATCH (:Fact)-[e:EVIDENCE]->(c:Chunk) WHERE e.start < c.start OR e.end > c.end OR e.end <= e.start
       RETURN count(e) AS bad`,
    );
    expect(badEvidence.records[0]?.get('bad')).toBe(0);
    const totals = await store.counts();
    expect(totals.mentions).toBeGreaterThan(1000);
    expect(totals.facts).toBeGreaterThan(100);
  });

  it('re-running the same ingest changes no counts', async () => {
    const before = await store.counts();
    const run = await runIngestion(
      { store, extractor },
      { inputs: [sharedData('uspto-ipg-weekly-excerpts'), sharedData('news-press-releases-materials')] },
    );
    expect(run.counts.added).toBe(0);
    expect(run.counts.updated).toBe(0);
    expect(run.counts.unchanged).toBe(421 + 156);
    expect(await store.counts()).toEqual(before);
  });
});
