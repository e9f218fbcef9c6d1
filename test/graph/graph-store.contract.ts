import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chunk, DocumentBundle, Entity, Fact, GraphStore, Mention } from '../../graph/index.ts';

export interface GraphStoreHarness {
  open(options?: { embeddingDimension?: number }): GraphStore;
  /** Names of existing constraints and indexes, to check that a migration changes nothing. */
  schemaNames(store: GraphStore): Promise<string[]>;
  /** Facts and the fast-path edge for a material/application pair. */
  usedIn(
    store: GraphStore,
    materialId: string,
    applicationId: string,
  ): Promise<{ facts: number; docCount: number | null }>;
  uniqueId(prefix: string): string;
}

/** Builds a small document with two chunks, two entities, mentions and a USED_IN fact. */
export function sampleBundle(
  id: string,
  options: { text?: string; material: string; application: string; hash?: string },
): DocumentBundle {
  const title = 'Separator film';
  const body = options.text ?? 'A porous polyolefin film for use in a lithium battery separator.';
  const text = `${title}\n\n${body}`;
  const bodyStart = title.length + 2;
  const chunks: Chunk[] = [
    { id: `${id}#c0`, documentId: id, text: title, start: 0, end: title.length, section: 'title', index: 0 },
    {
      id: `${id}#c1`,
      documentId: id,
      text: body,
      start: bodyStart,
      end: text.length,
      section: 'abstract',
      index: 1,
    },
  ];
  const entities: Entity[] = [
    { id: options.material, label: 'Material', name: 'polyolefin', aliases: ['polyolefins'] },
    { id: options.application, label: 'Application', name: 'battery separator', aliases: [] },
  ];
  const materialAt = text.indexOf('polyolefin');
  const applicationAt = text.indexOf('battery separator');
  const mentions: Mention[] = [];
  if (materialAt >= 0) {
    mentions.push({
      chunkId: `${id}#c1`,
      entityId: options.material,
      start: materialAt,
      end: materialAt + 10,
      surface: 'polyolefin',
    });
  }
  if (applicationAt >= 0) {
    mentions.push({
      chunkId: `${id}#c1`,
      entityId: options.application,
      start: applicationAt,
      end: applicationAt + 17,
      surface: 'battery separator',
    });
  }
  const facts: Fact[] =
    materialAt >= 0 && applicationAt >= 0
      ? [
          {
            id: `fact:${id}:used-in`,
            type: 'USED_IN',
            subjectId: options.material,
            objectId: options.application,
            polarity: 'positive',
            confidence: 0.8,
            extractor: 'test',
            firstSeen: '2020-01-01',
            lastSeen: '2020-01-01',
            evidence: [{ chunkId: `${id}#c1`, start: bodyStart, end: text.length }],
          },
        ]
      : [];
  return {
    document: {
      id,
      kind: 'patent',
      title,
      text,
      publishedAt: '2020-01-01',
      language: 'en',
      source: 'test',
      contentHash: options.hash ?? `hash-${text.length}-${body.slice(0, 12)}`,
      ingestRunId: 'run-test',
      cpc: ['H01M 50/417'],
      ipc: [],
      assignees: ['Example Chemicals Co., Ltd.'],
      inventors: [],
    },
    chunks,
    entities,
    mentions,
    facts,
  };
}

/** The contract every GraphStore implementation must satisfy, run against a real server. */
export function describeGraphStoreContract(name: string, harness: GraphStoreHarness): void {
  describe(`GraphStore contract: ${name}`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = harness.open();
      await store.migrate();
    });
    afterAll(async () => {
      await store.close();
    });

    it('migrates idempotently: a second run creates nothing and changes no schema', async () => {
      const before = await harness.schemaNames(store);
      const report = await store.migrate();
      expect(report.created).toEqual([]);
      expect(report.existing.length).toBeGreaterThan(10);
      expect(await harness.schemaNames(store)).toEqual(before);
      expect(before).toEqual(
        expect.arrayContaining(['chunk_text', 'entity_names', 'document_id_unique', 'document_published_at']),
      );
    });

    it('creates the vector index only when an embedding dimension is configured', async () => {
      expect(await harness.schemaNames(store)).not.toContain('chunk_embedding');
      const withVectors = harness.open({ embeddingDimension: 8 });
      try {
        const report = await withVectors.migrate();
        expect(report.created).toContain('chunk_embedding');
        expect((await withVectors.migrate()).created).toEqual([]);
      } finally {
        await withVectors.close();
      }
    });

    it('writes a document once: the same document twice leaves one document and one set of chunks', async () => {
      const id = harness.uniqueId('patent:TEST');
      const material = harness.uniqueId('material:polyolefin');
      const application = harness.uniqueId('application:battery-separator');
      const bundle = sampleBundle(id, { material, application });
      const [first] = await store.writeDocuments([bundle]);
      const [second] = await store.writeDocuments([bundle]);
      expect(first?.status).toBe('added');
      expect(second?.status).toBe('unchanged');
      const chunks = await store.listChunks(id);
      expect(chunks.map((c) => c.id)).toEqual([`${id}#c0`, `${id}#c1`]);
      const stored = await store.getDocument(id);
      expect(stored?.text).toBe(bundle.document.text);
      for (const chunk of chunks) expect(stored?.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
      for (const mention of await store.listMentions(id)) {
        expect(stored?.text.slice(mention.start, mention.end)).toBe(mention.surface);
      }
      expect(await harness.usedIn(store, material, application)).toEqual({ facts: 1, docCount: 1 });
    });

    it('replaces a changed document without orphans and refreshes the USED_IN fast path', async () => {
      const id = harness.uniqueId('patent:TEST');
      const material = harness.uniqueId('material:polyolefin');
      const application = harness.uniqueId('application:battery-separator');
      await store.writeDocuments([sampleBundle(id, { material, application })]);
      const changed = sampleBundle(id, {
        material,
        application,
        text: 'A polyolefin film for food packaging only.',
      });
      const [result] = await store.writeDocuments([changed]);
      expect(result?.status).toBe('updated');
      expect((await store.listChunks(id)).map((c) => c.text)).toEqual([
        'Separator film',
        'A polyolefin film for food packaging only.',
      ]);
      expect(await store.listMentions(id)).toHaveLength(1);
      expect(await harness.usedIn(store, material, application)).toEqual({ facts: 0, docCount: null });
    });

    it('merges entity aliases across documents and finds them by name or alias', async () => {
      const material = harness.uniqueId('material:zylonite');
      await store.upsertEntities([
        { id: material, label: 'Material', name: 'zylonite resin', aliases: ['ZYL-1'] },
      ]);
      await store.upsertEntities([
        { id: material, label: 'Material', name: 'zylonite resin', aliases: ['zylonites'] },
      ]);
      const entity = await store.getEntity(material);
      expect(entity?.label).toBe('Material');
      expect(entity?.aliases.sort()).toEqual(['ZYL-1', 'zylonites']);
      const hits = await store.searchEntities('zylonites', { label: 'Material' });
      expect(hits.map((hit) => hit.entity.id)).toContain(material);
    });

    it('searches chunk text with user input that contains Lucene syntax', async () => {
      const id = harness.uniqueId('patent:TEST');
      const word = `quuxalene${Date.now()}`;
      await store.writeDocuments([
        sampleBundle(id, {
          material: harness.uniqueId('material:x'),
          application: harness.uniqueId('application:y'),
          text: `A ${word} polymer (AND "odd" [syntax]) for battery separator films.`,
        }),
      ]);
      const hits = await store.searchChunks(`${word} AND "odd" (syntax:`);
      expect(hits[0]?.chunk.documentId).toBe(id);
      expect(hits[0]?.chunk.document.title).toBe('Separator film');
      expect(await store.searchChunks('   ')).toEqual([]);
    });

    it('stores ingest runs with counts and per-item errors', async () => {
      const id = harness.uniqueId('run');
      await store.saveIngestRun({
        id,
        source: '/tmp/x',
        status: 'partial',
        startedAt: '2026-01-01T00:00:00.000Z',
        finishedAt: '2026-01-01T00:00:01.000Z',
        durationMs: 1000,
        counts: {
          items: 1,
          documents: 4,
          added: 2,
          updated: 0,
          unchanged: 1,
          failed: 1,
          chunks: 10,
          mentions: 5,
          facts: 3,
          skipped: 0,
          duplicates: 0,
          droppedFacts: 0,
        },
        errors: [{ item: 'bad.xml', reason: 'truncated XML', retryable: false }],
      });
      const run = await store.getIngestRun(id);
      expect(run?.counts.added).toBe(2);
      expect(run?.errors[0]?.reason).toBe('truncated XML');
      expect((await store.listIngestRuns({ limit: 500 })).map((r) => r.id)).toContain(id);
    });

    it('returns nothing for unknown ids', async () => {
      expect(await store.getDocument('patent:NOPE')).toBeUndefined();
      expect(await store.getChunk('patent:NOPE#c0')).toBeUndefined();
      expect(await store.getEntity('material:nope-nope')).toBeUndefined();
    });
  });
}
