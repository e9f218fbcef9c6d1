import { describe, expect, it } from 'vitest';
import { type EntityType, predict, readConll } from '../../bench/extract.ts';
import { WinkPosTagger } from '../../ingest/index.ts';
import { sharedData } from '../support/paths.ts';

const split = (name: string) => sharedData('materials-ner-matscholar', `${name}.txt`);

describe('the offline lexicon on the Matscholar NER corpus', () => {
  it('reads every split of the CoNLL files into sentences with material and application spans', () => {
    for (const name of ['train', 'dev', 'test']) {
      const sentences = readConll(split(name));
      expect(sentences.length, name).toBeGreaterThan(400);
      expect(sentences.every((sentence) => sentence.tokens.length > 0)).toBe(true);
      expect(sentences.some((sentence) => sentence.gold.some((span) => span.type === 'APL'))).toBe(true);
    }
  });

  it('keeps exact-match precision and recall on the test split at the level the README reports', () => {
    const sentences = readConll(split('test'));
    expect(sentences).toHaveLength(546);
    const tagger = new WinkPosTagger();
    const counts = { MAT: { gold: 0, predicted: 0, exact: 0 }, APL: { gold: 0, predicted: 0, exact: 0 } };
    for (const sentence of sentences) {
      const predicted = predict(sentence, tagger);
      for (const type of ['MAT', 'APL'] as EntityType[]) {
        const gold = sentence.gold.filter((span) => span.type === type);
        const ours = predicted.filter((span) => span.type === type);
        counts[type].gold += gold.length;
        counts[type].predicted += ours.length;
        counts[type].exact += ours.filter((span) =>
          gold.some((g) => g.start === span.start && g.end === span.end),
        ).length;
      }
    }
    // README (bench/results/extract-matscholar.json): materials P 0.745 / R 0.852, applications
    // P 0.773 / R 0.682 (exact spans, offline path with open mining); the floors leave a small margin.
    expect(counts.MAT.exact / counts.MAT.predicted).toBeGreaterThan(0.72);
    expect(counts.MAT.exact / counts.MAT.gold).toBeGreaterThan(0.82);
    expect(counts.APL.exact / counts.APL.predicted).toBeGreaterThan(0.74);
    expect(counts.APL.exact / counts.APL.gold).toBeGreaterThan(0.65);
  });
});
