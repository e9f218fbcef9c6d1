import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestRun, Neo4jGraphStore } from '../../graph/index.ts';
import { createOfflineExtractor, runIngestion } from '../../ingest/index.ts';
import { openTestStore } from '../support/graph.ts';
import { fixture, repoRoot } from '../support/paths.ts';

/**
 * Every committed sample folder, and the demo's bundled corpus, goes through the real pipeline into the
 * real Neo4j: each document is ingested or its item is reported with a specific reason, and offsets
 * reproduce the stored text. (`npm run test:corpus` does the same over the whole shared corpora.)
 */
const inputs: Array<{ name: string; folder: string; minDocuments: number; failures: number }> = [
  { name: 'uspto-xml-formats', folder: fixture('uspto-xml-formats'), minDocuments: 11, failures: 5 },
  { name: 'epo-xml-formats', folder: fixture('epo-xml-formats'), minDocuments: 10, failures: 0 },
  // 25 + 196 grants; the 2 sequence listings are not patent documents.
  {
    name: 'uspto-ipg-weekly-excerpts',
    folder: fixture('uspto-ipg-weekly-excerpts'),
    minDocuments: 221,
    failures: 2,
  },
  // 20 records + one full-text patent (the same application as no record here) + its paper.
  {
    name: 'pap2pat-patent-paper-pairs',
    folder: fixture('pap2pat-patent-paper-pairs'),
    minDocuments: 22,
    failures: 0,
  },
  {
    name: 'news-press-releases-materials',
    folder: fixture('news-press-releases-materials'),
    minDocuments: 13,
    failures: 0,
  },
  {
    name: 'samples/corpus',
    folder: path.join(repoRoot, 'samples', 'corpus'),
    minDocuments: 100,
    failures: 0,
  },
];

describe('ingesting the committed samples and the demo corpus into Neo4j', () => {
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

  for (const { name, folder, minDocuments, failures } of inputs) {
    it(`${name}: every item ingested or rejected with a specific reason`, async () => {
      const run = await runIngestion({ store, extractor }, { inputs: [folder], batchSize: 50 });
      runs.set(name, run);
      const c = run.counts;
      expect(c.added + c.updated + c.unchanged + c.duplicates).toBeGreaterThanOrEqual(minDocuments);
      expect(c.documents).toBe(c.added + c.updated + c.unchanged + c.duplicates + c.skipped);
      expect(run.errors.map((error) => `${error.item}: ${error.reason}`)).toHaveLength(failures);
      expect(c.failed).toBe(failures);
      for (const error of run.errors)
        expect(error.reason).toMatch(/^(not a patent document|unsupported format): /);
      expect(c.chunks).toBeGreaterThan(c.added);
      const stored = await store.getIngestRun(run.id);
      expect(stored?.counts).toEqual(c);
    });
  }

  it('rejects the known non-documents by name', () => {
    const reasons = (name: string) =>
      runs
        .get(name)
        ?.errors.map((error) => `${error.item} ${error.reason}`)
        .join('\n') ?? '';
    expect(reasons('uspto-xml-formats')).toMatch(/cpc-scheme-A01L\.xml.*CPC classification scheme/);
    expect(reasons('uspto-xml-formats')).toMatch(/sample_XML4IP\.ZIP.*XML4IP ZIP/);
    expect(reasons('uspto-ipg-weekly-excerpts')).toMatch(/not a patent document: sequence-cwu/);
  });

  it('every chunk, mention and evidence span of these documents reproduces the stored text', async () => {
    const origins = [fixture(), path.join(repoRoot, 'samples', 'corpus')];
    const result = await store.driver.executeQuery(
      `MATCH (d:Document) WHERE any(prefix IN $origins WHERE d.origin STARTS WITH prefix)
       CALL (d) { MATCH (c:Chunk {documentId: d.id}) RETURN collect(c {.id, .text, .start, .end}) AS chunks }
       CALL (d) { MATCH (c:Chunk {documentId: d.id})-[m:MENTIONS]->() RETURN collect({chunk: c.id, start: m.start, end: m.end, surface: m.surface, chunkStart: c.start, chunkEnd: c.end}) AS mentions }
       CALL (d) { MATCH (:Fact {documentId: d.id})-[e:EVIDENCE]->(c:Chunk) RETURN collect({start: e.start, end: e.end, chunkStart: c.start, chunkEnd: c.end}) AS evidence }
       RETURN d.id AS id, d.text AS text, chunks, mentions, evidence`,
      { origins },
    );
    let chunks = 0;
    let mentions = 0;
    let evidence = 0;
    const bad: string[] = [];
    // Offsets are UTF-16 code units (String.slice), so the check runs here, not in Cypher.
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
          e.end <= e.start
        ) {
          bad.push(`evidence of ${record.get('id')}`);
        }
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(result.records.length).toBeGreaterThan(350);
    expect(chunks).toBeGreaterThan(3000);
    expect(mentions).toBeGreaterThan(1000);
    expect(evidence).toBeGreaterThan(100);
  });

  it('re-running the same ingest changes nothing', async () => {
    const before = await store.counts();
    const run = await runIngestion(
      { store, extractor },
      { inputs: [fixture('uspto-ipg-weekly-excerpts'), path.join(repoRoot, 'samples', 'corpus')] },
    );
    expect(run.counts.added).toBe(0);
    expect(run.counts.updated).toBe(0);
    expect(run.counts.unchanged + run.counts.duplicates).toBe(
      221 + (runs.get('samples/corpus')?.counts.documents ?? -1),
    );
    expect(await store.counts()).toEqual(before);
  });
});
