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
  // 23 pages state no publication date: they are ingested with an unknown date.
  { folder: 'news-html-article-benchmark', minDocuments: 150 },
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

  it('every chunk, mention and evidence span reproduces the stored text from its offsets', async () => {
    // Offsets are UTF-16 code units (String.slice), so the check runs here, not with Cypher's
    // code-point substring.
    const ids = (
      await store.driver.executeQuery('MATCH (d:Document) RETURN d.id AS id ORDER BY id')
    ).records.map((r) => String(r.get('id')));
    expect(ids.length).toBeGreaterThan(2500);
    let chunks = 0;
    let mentions = 0;
    let evidence = 0;
    const bad: string[] = [];
    for (let i = 0; i < ids.length; i += 200) {
      const result = await store.driver.executeQuery(
        `UNWIND $ids AS id MATCH (d:Document {id: id})
         CALL (d) { MATCH (c:Chunk {documentId: d.id}) RETURN collect(c {.id, .text, .start, .end}) AS chunks }
         CALL (d) { MATCH (c:Chunk {documentId: d.id})-[m:MENTIONS]->() RETURN collect({chunk: c.id, start: m.start, end: m.end, surface: m.surface, chunkStart: c.start, chunkEnd: c.end}) AS mentions }
         CALL (d) { MATCH (:Fact {documentId: d.id})-[e:EVIDENCE]->(c:Chunk) RETURN collect({start: e.start, end: e.end, chunkStart: c.start, chunkEnd: c.end}) AS evidence }
         RETURN d.id AS id, d.text AS text, chunks, mentions, evidence`,
        { ids: ids.slice(i, i + 200) },
      );
      for (const record of result.records) {
        const text = String(record.get('text'));
        for (const c of record.get('chunks') as Array<{
          id: string;
          text: string;
          start: number;
          end: number;
        }>) {
          chunks += 1;
          if (text.slice(c.start, c.end) !== c.text) bad.push(`chunk ${c.id}`);
        }
        for (const m of record.get('mentions') as Array<Record<string, number | string>>) {
          mentions += 1;
          const inside = Number(m.start) >= Number(m.chunkStart) && Number(m.end) <= Number(m.chunkEnd);
          if (!inside || text.slice(Number(m.start), Number(m.end)) !== m.surface)
            bad.push(`mention in ${m.chunk}`);
        }
        for (const e of record.get('evidence') as Array<Record<string, number>>) {
          evidence += 1;
          if (
            Number(e.start) < Number(e.chunkStart) ||
            Number(e.end) > Number(e.chunkEnd) ||
            Number(e.end) <= Number(e.start)
          ) {
            bad.push(`evidence of ${record.get('id')}`);
          }
        }
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(chunks).toBeGreaterThan(10_000);
    expect(mentions).toBeGreaterThan(1000);
    expect(evidence).toBeGreaterThan(100);
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
