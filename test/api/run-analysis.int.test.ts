import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/config.ts';
import { createRunAnalysis } from '../../api/run-analysis.ts';
import { type Neo4jGraphStore, Neo4jVocabularyStore } from '../../graph/index.ts';
import { type ParsedDocument, readDocuments, seedBundledLexicon } from '../../ingest/index.ts';
import { openTestStore, testNeo4jEnv, uniqueId } from '../support/graph.ts';
import { repoRoot } from '../support/paths.ts';

/**
 * A run's stages read each vocabulary version once: promotion's compiled vocabulary (the inline
 * extractor's) and the pool's threads used to read their own copies, most of a second each late in a
 * backfill.
 */
describe('the run stages over the graph vocabulary on a real Neo4j 5.26', () => {
  let graph: Neo4jGraphStore;
  let vocabulary: Neo4jVocabularyStore;
  let scratch: string;
  beforeAll(async () => {
    graph = openTestStore();
    await graph.migrate();
    vocabulary = new Neo4jVocabularyStore(graph.driver);
    await seedBundledLexicon(vocabulary);
    scratch = await mkdtemp(path.join(tmpdir(), 'matscout-run-analysis-'));
  });
  afterAll(async () => {
    await graph?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  async function parsed(name: string, text: string): Promise<ParsedDocument> {
    const file = path.join(scratch, `${name}.md`);
    await writeFile(file, text);
    for await (const outcome of readDocuments({ kind: 'file', path: file })) {
      if (outcome.ok) return outcome.document;
    }
    throw new Error('the press release did not parse');
  }

  it('promotion and the pool share one read of each version, and both see a new term', async () => {
    let reads = 0;
    const counted = {
      stamp: () => vocabulary.stamp(),
      snapshot: () => {
        reads += 1;
        return vocabulary.snapshot();
      },
    };
    const config = loadConfig({ ...testNeo4jEnv(), INGEST_THREADS: '1' }, repoRoot);
    const analysis = createRunAnalysis(config, { vocabulary: counted });
    try {
      const { analyzer, extractor } = await analysis.get();
      // A name no other test's term holds: letters only, as a term's words are.
      const name = `${uniqueId('').replace(/[^a-z]/g, '') || 'zeta'}ite sealant`;
      const text = `# Sealants\n\nThe ${name} is used in solar modules and in window frames.\n`;
      const first = await analyzer.analyze(await parsed('first', text));
      await extractor.currentVocabulary();
      expect(reads).toBe(1);
      const termId = `material:${name.replace(/ /g, '-')}`;
      expect(first.extraction.mentions.some((mention) => mention.entityId === termId)).toBe(false);

      await vocabulary.add({ id: termId, label: 'Material', name, origin: 'user' }, { actor: 'test' });
      const second = await analyzer.analyze(await parsed('second', text));
      const compiled = await extractor.currentVocabulary();
      expect(reads).toBe(2);
      expect(second.extraction.mentions.some((mention) => mention.entityId === termId)).toBe(true);
      expect(compiled.term(termId)).toMatchObject({ name });
      expect(second.extraction.vocabularyGraphVersion).toBe(await vocabulary.version());
    } finally {
      await analysis.close();
    }
  });
});
