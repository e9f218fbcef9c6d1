import { describe, expect, it } from 'vitest';
import { createLexiconExtractor } from '../../../ingest/extract/lexicon-extractor.ts';
import { loadDefaultCpcMap } from '../../../ingest/extract/lexicon-matcher.ts';
import { loadDefaultVocabulary } from '../../../ingest/extract/lexicon-vocabulary.ts';
import { buildInput } from './extraction-input.ts';
import { describeExtractorContract } from './extractor.contract.ts';

const patent = buildInput(
  'patent:US2000001A1',
  [
    ['title', 'Lignin-based binder for sodium-ion battery anodes'],
    [
      'abstract',
      'A kraft lignin binder is provided for use in hard carbon anodes of sodium-ion batteries. The binder is suitable for aqueous electrode slurries and flexible pouch cells. AlN and Fe particles are added.',
    ],
    ['claims', '1. A battery anode comprising hard carbon and a kraft lignin binder.'],
  ],
  { cpc: ['H01M 4/62'] },
);

const extractor = createLexiconExtractor({
  vocabulary: loadDefaultVocabulary(),
  cpcMap: loadDefaultCpcMap(),
  mining: true,
});

describeExtractorContract('LexiconExtractor with mining', () => extractor, patent, {
  minMentions: 8,
  minFacts: 3,
});

describe('LexiconExtractor with mining', () => {
  it('returns candidates with exact offsets inside their chunk and their sentence', async () => {
    const result = await extractor.extract(patent);
    const chunks = new Map(patent.chunks.map((chunk) => [chunk.id, chunk]));
    expect(result.candidates?.length).toBeGreaterThan(3);
    for (const candidate of result.candidates ?? []) {
      const chunk = chunks.get(candidate.chunkId);
      expect(patent.text.slice(candidate.start, candidate.end)).toBe(candidate.surface);
      expect(candidate.start).toBeGreaterThanOrEqual(candidate.sentence.start);
      expect(candidate.end).toBeLessThanOrEqual(candidate.sentence.end);
      expect(candidate.sentence.start).toBeGreaterThanOrEqual(chunk?.start ?? -1);
      expect(candidate.sentence.end).toBeLessThanOrEqual(chunk?.end ?? -1);
    }
    const keys = (result.candidates ?? []).map(
      (candidate) => `${candidate.label}:${candidate.key}:${candidate.cue}`,
    );
    expect(keys).toContain('Material:kraft lignin:material-head');
    expect(keys).toContain('Application:aqueous electrode slurry:suitable-for');
    // Known terms are mentions, not candidates, whatever cue found them.
    expect(keys.some((key) => key.startsWith('Application:battery anode:'))).toBe(false);
    expect(keys.some((key) => key.startsWith('Material:lignin:'))).toBe(false);
  });

  it('turns chemistry notation into entities like the other patterns', async () => {
    const result = await extractor.extract(patent);
    const ids = new Set(result.entities.map((entity) => entity.id));
    expect(ids.has('material:aluminum-nitride')).toBe(true);
    expect(ids.has('material:iron')).toBe(true);
  });
});
