import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteAllNodes, type Neo4jGraphStore, Neo4jVocabularyStore } from '../../graph/index.ts';
import { createOfflineExtractor } from '../../ingest/pipeline/extractors.ts';
import { GraphVocabularyExtractor } from '../../ingest/vocabulary/graph-vocabulary-extractor.ts';
import { seedBundledLexicon } from '../../ingest/vocabulary/lexicon-seed.ts';
import { openTestStore } from '../support/graph.ts';
import { buildInput } from './extract/extraction-input.ts';

/** Sentences whose names denote several lexicon terms: the graph must give the same reading as the files. */
const sentences = [
  'Titanium nitride (TiN) coatings protect drills, and tin is used in solder.',
  'Biosensors for glucose use screen-printed carbon electrodes.',
  'Transparent electrodes made of silver nanowires are used in touch panels.',
  'Polyethersulfone membranes are used in water treatment.',
  'Carbon fiber composites are used in hydrogen storage tanks.',
  'Zirconia is used in dental implants and bone implants.',
];

describe('the bundled lexicon seeded into the graph reads texts as the lexicon files do', () => {
  let graph: Neo4jGraphStore;
  beforeAll(async () => {
    graph = openTestStore();
    // Terms other test files added (catalog, user, mined) would read texts differently: start empty.
    await deleteAllNodes(graph.driver);
    await graph.migrate();
  });
  afterAll(() => graph.close());

  it('seeding is idempotent and the graph extractor finds the same mentions and facts', async () => {
    const store = new Neo4jVocabularyStore(graph.driver);
    await seedBundledLexicon(store);
    const again = await seedBundledLexicon(store);
    expect(again.seeded).toBe(false);

    const fromGraph = new GraphVocabularyExtractor({
      store,
      build: (vocabulary) => createOfflineExtractor({ vocabulary }),
      name: 'lexicon-v1',
    });
    const fromFiles = createOfflineExtractor();
    for (const [index, sentence] of sentences.entries()) {
      const input = buildInput(`news:graph-vocabulary-${index}`, [['body', sentence]], { kind: 'news' });
      const expected = await fromFiles.extract(input);
      const actual = await fromGraph.extract(input);
      expect(actual.vocabularyGraphVersion).toBe(await store.version());
      expect(actual.mentions, sentence).toEqual(expected.mentions);
      expect(actual.facts, sentence).toEqual(expected.facts);
      expect(actual.candidates, sentence).toEqual(expected.candidates);
    }
  });
});
