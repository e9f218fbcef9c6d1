import { describe, expect, it } from 'vitest';
import { createLexiconExtractor } from '../../../ingest/extract/lexicon-extractor.ts';
import { loadLexicon } from '../../../ingest/extract/lexicon-matcher.ts';
import { sharedRoot } from '../../support/paths.ts';
import { buildInput } from './extraction-input.ts';

describe('the lexicon extractor with the discovery task vocabulary', () => {
  it('reproduces the discovery ground-truth pairs with the task vocab.json', async () => {
    const vocabPath = `${sharedRoot}/bench/discovery/vocab.json`;
    const vocabExtractor = createLexiconExtractor({
      lexicon: loadLexicon(vocabPath),
      patterns: false,
      relation: 'co-mention',
    });
    const input = buildInput('doc:vocab', [
      ['title', 'Graphite anode for lithium-ion batteries'],
      ['abstract', 'A PET scan shows nothing. Polyethylene terephthalate (PET) bottles are recycled.'],
    ]);
    const result = await vocabExtractor.extract(input);
    const pairs = result.facts
      .filter((fact) => fact.type === 'USED_IN')
      .map((fact) => `${fact.subjectId}>${fact.objectId}`);
    expect(pairs).toContain('material:graphite>application:lithium-ion-battery');
    expect(result.mentions.filter((mention) => mention.surface === 'PET')).toHaveLength(1);
  });
});
