import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/config.ts';
import { createExtractor } from '../../api/extractor-factory.ts';
import {
  type Neo4jGraphStore,
  Neo4jReextractionStore,
  Neo4jVocabularyStore,
  type ReextractionStore,
} from '../../graph/index.ts';
import { type Extractor, runIngestion, runReextraction, type VocabularySource } from '../../ingest/index.ts';
import { openTestStore, testNeo4jEnv, uniqueSuffix } from '../support/graph.ts';
import { seedVocabulary } from '../support/graph-census.ts';
import { repoRoot } from '../support/paths.ts';

/** The test graph, seeded, and a folder for the releases (one per file: its describes share them). */
const store: Neo4jGraphStore = openTestStore();
let folder: string;
beforeAll(async () => {
  await store.migrate();
  await seedVocabulary(store.driver);
  folder = await mkdtemp(path.join(os.tmpdir(), 'matscout-reextraction-race-'));
});
afterAll(async () => {
  await store.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/**
 * The graph's vocabulary and the extractor over it, with nothing pending: a re-extraction first applies
 * whatever changes earlier test files left, so the runs below count only what each test does.
 */
async function graphVocabulary() {
  const vocabulary = new Neo4jVocabularyStore(store.driver);
  const config = loadConfig({ ...testNeo4jEnv(), LOG_LEVEL: 'silent' }, repoRoot);
  const extractor = await createExtractor(config, { vocabulary });
  await runReextraction({
    store,
    documents: new Neo4jReextractionStore(store.driver),
    vocabulary,
    extractor,
  });
  expect((await vocabulary.pendingChanges()).changes).toEqual([]);
  return { vocabulary, extractor };
}

/**
 * A re-extraction reads a document's stored text, extracts it, and writes what it found. A document
 * ingested again in between (a new version of the file, another run or another process) must not get
 * spans computed on the text it no longer has.
 */
describe('re-extraction of a document ingested again while it runs (real Neo4j)', () => {
  /** Mentions and evidence of the document whose span is not its stored text (none when sound). */
  async function unsound(documentId: string): Promise<string[]> {
    const { records } = await store.driver.executeQuery(
      `MATCH (d:Document {id: $id})
       CALL (d) { MATCH (c:Chunk {documentId: d.id}) RETURN collect(c {.id, .text, .start, .end}) AS chunks }
       CALL (d) { MATCH (c:Chunk {documentId: d.id})-[m:MENTIONS]->()
                  RETURN collect({start: m.start, end: m.end, surface: m.surface, chunkStart: c.start, chunkEnd: c.end}) AS mentions }
       CALL (d) { MATCH (:Fact {documentId: d.id})-[e:EVIDENCE]->(c:Chunk)
                  RETURN collect({start: e.start, end: e.end, chunkStart: c.start, chunkEnd: c.end}) AS evidence }
       RETURN d.text AS text, chunks, mentions, evidence`,
      { id: documentId },
    );
    const record = records[0];
    if (!record) return ['no document'];
    const text = String(record.get('text'));
    const bad: string[] = [];
    for (const c of record.get('chunks') as { id: string; text: string; start: number; end: number }[]) {
      if (text.slice(Number(c.start), Number(c.end)) !== c.text) bad.push(`chunk ${c.id}`);
    }
    for (const m of record.get('mentions') as Record<string, number | string>[]) {
      const inside = Number(m.start) >= Number(m.chunkStart) && Number(m.end) <= Number(m.chunkEnd);
      if (!inside || text.slice(Number(m.start), Number(m.end)) !== m.surface) {
        bad.push(`mention "${m.surface}" at ${m.start}–${m.end}`);
      }
    }
    for (const e of record.get('evidence') as Record<string, number>[]) {
      if (Number(e.start) < Number(e.chunkStart) || Number(e.end) > Number(e.chunkEnd)) {
        bad.push(`evidence at ${e.start}–${e.end}`);
      }
    }
    return bad;
  }

  /**
   * Ingests a press release, adds a term it names, and starts the re-extraction that change asks for.
   * Once the re-extraction has read the release, a second version of it (a paragraph more before the
   * sentence, so its spans move) is ingested with `secondExtractor`; then the re-extraction goes on.
   */
  async function race(secondExtractor: (current: Extractor, before: VocabularySource) => Promise<Extractor>) {
    const { vocabulary, extractor } = await graphVocabulary();
    const name = `${uniqueSuffix('').replace(/[^a-z]/g, '')}ite resin`;
    const termId = `material:${name.replace(/ /g, '-')}`;
    const file = path.join(folder, `${uniqueSuffix('release')}.md`);
    const sentence = `The ${name} is used in battery separators and in medical tubing.`;
    // A news item is known by its title, date and first 200 characters: the versions share those.
    const title = `# Resin news ${termId}`;
    const intro =
      'OSAKA, March 3, 2026 /Sample Wire/ -- A resin maker reported new orders from film, tubing and battery customers this quarter, and said it would add a second line at its Osaka plant before the end of the year.';
    await writeFile(file, `${title}\n\n${intro}\n\n${sentence}\n`);
    const first = await runIngestion({ store, extractor }, { inputs: [file], source: 'race' });
    expect(first.counts.added).toBe(1);
    const documentId = String(
      (
        await store.driver.executeQuery(
          'MATCH (d:Document) WHERE d.origin ENDS WITH $name RETURN d.id AS id',
          {
            name: path.basename(file),
          },
        )
      ).records[0]?.get('id'),
    );
    const before: VocabularySource = {
      stamp: await vocabulary.stamp().then((stamp) => () => Promise.resolve(stamp)),
      snapshot: await vocabulary.snapshot().then((snapshot) => () => Promise.resolve(snapshot)),
    };
    const added = await vocabulary.add(
      { id: termId, label: 'Material', name, origin: 'user' },
      { actor: 'test' },
    );

    const documents = new Neo4jReextractionStore(store.driver);
    let sourcesRead!: () => void;
    const read = new Promise<void>((resolve) => {
      sourcesRead = resolve;
    });
    let goOn!: () => void;
    const gate = new Promise<void>((resolve) => {
      goOn = resolve;
    });
    let reads = 0;
    const paused: ReextractionStore = {
      findStaleDocuments: (query) => documents.findStaleDocuments(query),
      async readExtractionSources(ids) {
        const sources = await documents.readExtractionSources(ids);
        reads += 1;
        if (reads === 1) {
          sourcesRead();
          await gate;
        }
        return sources;
      },
      replaceExtractions: (replacements) => documents.replaceExtractions(replacements),
    };
    const running = runReextraction({ store, documents: paused, vocabulary, extractor });
    await read;
    await writeFile(
      file,
      `${title}\n\n${intro}\n\nA new paragraph now comes before the rest of the release.\n\n${sentence}\n`,
    );
    const second = await runIngestion(
      { store, extractor: await secondExtractor(extractor, before) },
      { inputs: [file], source: 'race' },
    );
    expect(second.counts.updated, JSON.stringify(second.counts)).toBe(1);
    goOn();
    const run = await running;
    expect(run.status, JSON.stringify(run.errors)).toBe('succeeded');
    const { records } = await store.driver.executeQuery(
      `MATCH (d:Document {id: $id})
       RETURN d.vocabularyVersion AS version, COUNT { (:Chunk {documentId: $id})-[:MENTIONS]->({id: $termId}) } AS mentions`,
      { id: documentId, termId },
    );
    return {
      run,
      unsound: await unsound(documentId),
      version: Number(records[0]?.get('version')),
      termMentions: Number(records[0]?.get('mentions')),
      changeVersion: added.version,
    };
  }

  it('leaves a version ingested since it was read as that ingestion wrote it', async () => {
    const outcome = await race(async (current) => current);
    expect(outcome.unsound).toEqual([]);
    // The second version was extracted with the new term, by its own ingestion.
    expect(outcome.termMentions).toBeGreaterThan(0);
    expect(outcome.version).toBeGreaterThanOrEqual(outcome.changeVersion);
    expect(outcome.run.counts).toMatchObject({ skipped: 1, updated: 0, failed: 0 });
  });

  it('reads again a version ingested since with the vocabulary before the change, and extracts it', async () => {
    // The second ingestion analysed the release before the term was added (another process, say).
    const outcome = await race(async (_current, before) => {
      const config = loadConfig({ ...testNeo4jEnv(), LOG_LEVEL: 'silent' }, repoRoot);
      return createExtractor(config, { vocabulary: before });
    });
    expect(outcome.unsound).toEqual([]);
    expect(outcome.termMentions).toBeGreaterThan(0);
    expect(outcome.version).toBeGreaterThanOrEqual(outcome.changeVersion);
    expect(outcome.run.counts).toMatchObject({ skipped: 1, updated: 1, failed: 0 });
  });
});

/**
 * An ingestion analyses its documents with the vocabulary of that moment and writes them later (a
 * batch, or a look-ahead window of 500). A re-extraction applying a change made meanwhile does not find
 * those documents in the graph: they must still get the change.
 */
describe('an ingestion writing beside a re-extraction (real Neo4j)', () => {
  /** A promise and the function that settles it. */
  function signal(): { promise: Promise<void>; fire: () => void } {
    let fire!: () => void;
    const promise = new Promise<void>((resolve) => {
      fire = resolve;
    });
    return { promise, fire };
  }

  /**
   * Starts ingesting a release that names a word not yet a term, and holds its write once analysed.
   * Resolves when the write is held, with what releases it and the run's end.
   */
  async function heldIngestion(extractor: Extractor, name: string) {
    const file = path.join(folder, `${uniqueSuffix('release')}.md`);
    await writeFile(
      file,
      `# Sealant news ${name}\n\nThe ${name} is used in battery separators and in medical tubing.\n`,
    );
    const held = signal();
    const release = signal();
    const paused = Object.create(store, {
      writeDocuments: {
        value: async (bundles: Parameters<Neo4jGraphStore['writeDocuments']>[0]) => {
          held.fire();
          await release.promise;
          return store.writeDocuments(bundles);
        },
      },
    }) as Neo4jGraphStore;
    const run = runIngestion({ store: paused, extractor }, { inputs: [file], source: 'beside' });
    await held.promise;
    return { release: release.fire, run, file };
  }

  async function termMentions(file: string, termId: string): Promise<{ mentions: number; version: number }> {
    const { records } = await store.driver.executeQuery(
      `MATCH (d:Document) WHERE d.origin ENDS WITH $name
       RETURN d.vocabularyVersion AS version, COUNT { (:Chunk {documentId: d.id})-[:MENTIONS]->({id: $termId}) } AS mentions`,
      { name: path.basename(file), termId },
    );
    return { mentions: Number(records[0]?.get('mentions')), version: Number(records[0]?.get('version')) };
  }

  async function heldWhileTermAdded() {
    const { vocabulary, extractor } = await graphVocabulary();
    const name = `${uniqueSuffix('').replace(/[^a-z]/g, '')}ite sealant`;
    const termId = `material:${name.replace(/ /g, '-')}`;
    // The ingestion analyses its release, then the term the release names is added.
    const ingestion = await heldIngestion(extractor, name);
    const added = await vocabulary.add(
      { id: termId, label: 'Material', name, origin: 'user' },
      { actor: 'test' },
    );
    const documents = new Neo4jReextractionStore(store.driver);
    return { vocabulary, extractor, termId, ingestion, added, documents };
  }

  it('a write after the re-extraction finished puts the change back to pending for its documents', async () => {
    const { vocabulary, extractor, termId, ingestion, added, documents } = await heldWhileTermAdded();
    const first = await runReextraction({ store, documents, vocabulary, extractor });
    expect(first.status).toBe('succeeded');
    expect((await vocabulary.pendingChanges()).changes).toEqual([]);

    ingestion.release();
    expect((await ingestion.run).counts.added).toBe(1);
    expect(await termMentions(ingestion.file, termId)).toMatchObject({ mentions: 0 });
    // What `matscout ingest` and the API do after a run with changes pending.
    expect((await vocabulary.pendingChanges()).changes.map((change) => change.version)).toContain(
      added.version,
    );
    const second = await runReextraction({ store, documents, vocabulary, extractor });
    expect(second.status).toBe('succeeded');
    const after = await termMentions(ingestion.file, termId);
    expect(after.mentions).toBeGreaterThan(0);
    expect(after.version).toBeGreaterThanOrEqual(added.version);
    expect((await vocabulary.pendingChanges()).changes).toEqual([]);
  });

  it('a write between the re-extraction finding its documents and marking the change is found', async () => {
    const { vocabulary, extractor, termId, ingestion, added, documents } = await heldWhileTermAdded();
    const found = signal();
    const goOn = signal();
    let searches = 0;
    const paused: ReextractionStore = {
      async findStaleDocuments(query) {
        const ids = await documents.findStaleDocuments(query);
        searches += 1;
        if (searches === 1) {
          found.fire();
          await goOn.promise;
        }
        return ids;
      },
      readExtractionSources: (ids) => documents.readExtractionSources(ids),
      replaceExtractions: (replacements) => documents.replaceExtractions(replacements),
    };
    const running = runReextraction({ store, documents: paused, vocabulary, extractor });
    await found.promise;
    ingestion.release();
    expect((await ingestion.run).counts.added).toBe(1);
    goOn.fire();
    const run = await running;
    expect(run.status, JSON.stringify(run.errors)).toBe('succeeded');
    const after = await termMentions(ingestion.file, termId);
    expect(after.mentions).toBeGreaterThan(0);
    expect(after.version).toBeGreaterThanOrEqual(added.version);
    expect((await vocabulary.pendingChanges()).changes).toEqual([]);
  });
});
