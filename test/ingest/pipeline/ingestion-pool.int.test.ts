import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Neo4jGraphStore, Neo4jVocabularyStore } from '../../../graph/index.ts';
import {
  analyzeDocument,
  createIngestionPool,
  createOfflineExtractor,
  extractionInputOf,
  GraphVocabularyExtractor,
  type IngestionPool,
  offlineExtractorName,
  type ParsedDocument,
  type ParseOutcome,
  type ReadInput,
  readDocuments,
  seedBundledLexicon,
} from '../../../ingest/index.ts';
import { openTestStore, uniqueId } from '../../support/graph.ts';
import { fixture, repoRoot } from '../../support/paths.ts';

const corpus = path.join(repoRoot, 'samples', 'corpus');

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name !== 'README.md')
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

async function collect(outcomes: AsyncIterable<ParseOutcome>): Promise<ParseOutcome[]> {
  const all: ParseOutcome[] = [];
  for await (const outcome of outcomes) all.push(outcome);
  return all;
}

function documentsOf(outcomes: ParseOutcome[]): ParsedDocument[] {
  return outcomes.flatMap((outcome) => (outcome.ok ? [outcome.document] : []));
}

describe('the ingestion pool (parse, chunk and extract on worker threads)', () => {
  let pool: IngestionPool;
  let graph: Neo4jGraphStore;
  let vocabulary: Neo4jVocabularyStore;
  let scratch: string;

  beforeAll(async () => {
    pool = createIngestionPool({ threads: 1 });
    graph = openTestStore();
    await graph.migrate();
    vocabulary = new Neo4jVocabularyStore(graph.driver);
    await seedBundledLexicon(vocabulary);
    scratch = await mkdtemp(path.join(tmpdir(), 'matscout-pool-'));
  });

  /** A press release written to the scratch folder, parsed as ingestion reads it. */
  async function pressRelease(name: string, text: string): Promise<ParsedDocument> {
    const file = path.join(scratch, `${name}.md`);
    await writeFile(file, text);
    const [document] = documentsOf(await collect(readDocuments({ kind: 'file', path: file })));
    if (!document) throw new Error('the press release did not parse');
    return document;
  }

  /** The same extraction inline, over the graph's vocabulary: what every pooled analysis must equal. */
  const inlineGraphExtractor = () =>
    new GraphVocabularyExtractor({
      store: vocabulary,
      build: (compiled) => createOfflineExtractor({ vocabulary: compiled, mining: true }),
      name: offlineExtractorName,
    });

  afterAll(async () => {
    await pool?.close();
    await graph?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('parses every sample input on another thread into exactly what inline parsing gives', async () => {
    const files = await filesUnder(corpus);
    expect(files.length).toBeGreaterThan(10);
    let documents = 0;
    for (const file of files) {
      const input: ReadInput = { kind: 'file', path: file };
      const inline = await collect(readDocuments(input));
      const pooled = await collect(pool.reader.read(input));
      expect(pooled).toEqual(inline);
      documents += documentsOf(pooled).length;
    }
    // The bulk samples hold many documents each: their streams took several messages.
    expect(documents).toBeGreaterThan(50);
    const stats = pool.stats();
    expect(stats.parsedInputs).toBe(files.length);
    expect(stats.threadIds.length).toBeGreaterThan(0);
    expect(stats.threadIds).not.toContain(threadId);
  });

  it('reads ZIP archives entry by entry on another thread as inline, failures of entries included', async () => {
    for (const file of [fixture('zip', 'ipg120327.196.zip'), fixture('zip', 'mixed-folder.zip')]) {
      const input: ReadInput = { kind: 'file', path: file };
      const inline = await collect(readDocuments(input));
      expect(inline.length).toBeGreaterThan(2);
      expect(await collect(pool.reader.read(input))).toEqual(inline);
    }
  });

  it('reports unreadable, empty and unknown inputs as failures of that input', async () => {
    const empty = path.join(scratch, 'empty.xml');
    const unknown = path.join(scratch, 'notes.bin');
    await writeFile(empty, '');
    await writeFile(unknown, Buffer.from([0, 1, 2, 3, 250, 251, 252]));
    const missing = path.join(scratch, 'missing.xml');
    for (const file of [empty, unknown, missing]) {
      const input: ReadInput = { kind: 'file', path: file };
      const pooled = await collect(pool.reader.read(input));
      expect(pooled).toEqual(await collect(readDocuments(input)));
      expect(pooled).toHaveLength(1);
      expect(pooled[0]).toMatchObject({ ok: false, item: file });
    }
    const bytes = await collect(
      pool.reader.read({ kind: 'bytes', name: 'https://example.org/a.md', bytes: new Uint8Array() }),
    );
    expect(bytes).toEqual([
      { ok: false, item: 'https://example.org/a.md', reason: 'empty file', retryable: false },
    ]);
  });

  it('a stream left early stops its worker, and the pool goes on reading', async () => {
    const bulk = path.join(corpus, 'uspto-grants-2005-2013.xml.gz');
    const all = documentsOf(await collect(readDocuments({ kind: 'file', path: bulk })));
    expect(all.length).toBeGreaterThan(20);
    const firstTwo: ParsedDocument[] = [];
    for await (const outcome of pool.reader.read({ kind: 'file', path: bulk })) {
      if (outcome.ok) firstTwo.push(outcome.document);
      if (firstTwo.length === 2) break;
    }
    expect(firstTwo).toEqual(all.slice(0, 2));
    const again = documentsOf(await collect(pool.reader.read({ kind: 'file', path: bulk })));
    expect(again).toEqual(all);
  });

  it('chunks and extracts on another thread exactly as inline extraction does', async () => {
    const file = path.join(corpus, 'uspto-full-text', 'v4-0-B2.xml.gz');
    const documents = documentsOf(await collect(readDocuments({ kind: 'file', path: file })));
    expect(documents.length).toBeGreaterThan(0);
    const analyzer = pool.analyzer({ spec: { kind: 'offline' } });
    const extractor = createOfflineExtractor();
    expect(analyzer.name).toBe(extractor.name);
    for (const document of documents) {
      const inline = await analyzeDocument(extractor, document);
      expect(inline.extraction.entities.length).toBeGreaterThan(0);
      expect(await analyzer.analyze(document)).toEqual(inline);
    }
  });

  it('a document analysed again (a term it names was promoted) gets its first analysis, on a thread as inline', async () => {
    const file = path.join(corpus, 'uspto-full-text', 'v4-0-B2.xml.gz');
    const [document] = documentsOf(await collect(readDocuments({ kind: 'file', path: file })));
    if (!document) throw new Error('the sample has no document');
    const analyzer = pool.analyzer({ spec: { kind: 'offline' } });
    const inline = await analyzeDocument(createOfflineExtractor(), document);
    expect(inline.extraction.candidates?.length ?? 0).toBeGreaterThan(0);
    expect(await analyzer.analyze(document, { tags: 'remember' })).toEqual(inline);
    expect(await analyzer.analyze(document, { tags: 'reuse' })).toEqual(inline);
  });

  it("extracts with the graph's vocabulary: each version's snapshot goes to a thread once, new terms are found", async () => {
    const name = uniqueId('Quasiglass').replace(/[^A-Za-z]/g, '');
    const termId = `material:${name.toLowerCase()}`;
    const document = await pressRelease(
      name,
      `# ${name} films for syringes\n\nBOSTON, January 5, 2025 /Sample Wire/ -- A ${name} film made of polyethylene is used in syringes.\n`,
    );
    const inline = inlineGraphExtractor();
    const analyzer = pool.analyzer({ spec: { kind: 'graph', mining: true }, vocabulary });
    const sentBefore = pool.stats().snapshotsSent;
    // Versions sent either way: a whole snapshot, or what the version adds to the thread's.
    const versionsSent = () => pool.stats().snapshotsSent + pool.stats().deltasSent;
    const versionsBefore = versionsSent();

    const before = await analyzer.analyze(document);
    expect(before).toEqual(await analyzeDocument(inline, document));
    expect(before.extraction.vocabularyGraphVersion).toBe(await vocabulary.version());
    expect(before.extraction.entities.map((entity) => entity.id)).not.toContain(termId);
    await analyzer.analyze(document);
    expect(pool.stats().snapshotsSent).toBe(sentBefore + 1);

    const { vocabulariesBuilt, vocabulariesExtended, deltasSent } = pool.stats();
    await vocabulary.add({ id: termId, label: 'Material', name, origin: 'user' }, { actor: 'test' });
    const after = await analyzer.analyze(document);
    expect(after).toEqual(await analyzeDocument(inline, document));
    // The version only added a term: the thread was sent that term alone, and extended the vocabulary
    // it held instead of compiling it.
    expect(pool.stats()).toMatchObject({
      snapshotsSent: sentBefore + 1,
      deltasSent: deltasSent + 1,
      vocabulariesBuilt,
      vocabulariesExtended: vocabulariesExtended + 1,
    });
    expect(after.extraction.vocabularyGraphVersion).toBe(await vocabulary.version());
    expect(after.extraction.entities.map((entity) => entity.id)).toContain(termId);
    await analyzer.analyze(document);
    expect(versionsSent()).toBe(versionsBefore + 2);

    // Tasks queued before the thread has a new version each bounce; the snapshot still goes once.
    const second = `${name}x`;
    await vocabulary.add(
      { id: `material:${second.toLowerCase()}`, label: 'Material', name: second, origin: 'user' },
      { actor: 'test' },
    );
    const expected = await analyzeDocument(inline, document);
    const together = await Promise.all(Array.from({ length: 12 }, () => analyzer.analyze(document)));
    for (const analysis of together) expect(analysis).toEqual(expected);
    expect(expected.extraction.vocabularyGraphVersion).toBe(await vocabulary.version());
    expect(versionsSent()).toBe(versionsBefore + 3);

    // Re-extraction of stored chunks: the same extraction on a thread, without parsing or chunking.
    const reextractor = pool.extractor({ spec: { kind: 'graph', mining: true }, vocabulary });
    const input = extractionInputOf({ ...document, assignees: [] }, after.chunks);
    const again = await reextractor.extract(input);
    expect(again).toEqual(await inline.extract(input));
    expect(again.entities.map((entity) => entity.id)).toContain(termId);
  });

  it('with two extraction threads, tasks queued at a version change each get it without a copy apiece', async () => {
    const name = uniqueId('Duoglass').replace(/[^A-Za-z]/g, '');
    const document = await pressRelease(
      name,
      `# ${name} trays\n\nBOSTON, March 3, 2025 /Sample Wire/ -- ${name} made of polypropylene is used in food trays.\n`,
    );
    const inline = inlineGraphExtractor();
    const twoThreads = createIngestionPool({ threads: 2 });
    try {
      const analyzer = twoThreads.analyzer({ spec: { kind: 'graph', mining: true }, vocabulary });
      for (const round of [1, 2]) {
        if (round === 2) {
          await vocabulary.add(
            { id: `material:${name.toLowerCase()}`, label: 'Material', name, origin: 'user' },
            { actor: 'test' },
          );
        }
        const sent = () => twoThreads.stats().snapshotsSent + twoThreads.stats().deltasSent;
        const sentBefore = sent();
        const expected = await analyzeDocument(inline, document);
        const together = await Promise.all(Array.from({ length: 16 }, () => analyzer.analyze(document)));
        for (const analysis of together) expect(analysis).toEqual(expected);
        // One copy per thread, and one more when the pool ran a thread's copy on the other thread.
        expect(sent() - sentBefore).toBeGreaterThanOrEqual(1);
        expect(sent() - sentBefore).toBeLessThanOrEqual(4);
      }
      expect((await analyzer.analyze(document)).extraction.entities.map((entity) => entity.id)).toContain(
        `material:${name.toLowerCase()}`,
      );
    } finally {
      await twoThreads.close();
    }
  });
});
