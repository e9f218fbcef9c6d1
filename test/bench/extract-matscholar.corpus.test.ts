import { describe, expect, it } from 'vitest';
import { type EntityType, predict, readConll } from '../../bench/extract.ts';
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
    const counts = { MAT: { gold: 0, predicted: 0, exact: 0 }, APL: { gold: 0, predicted: 0, exact: 0 } };
    for (const sentence of sentences) {
      const predicted = predict(sentence);
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
    // README: materials P 0.72 / R 0.47, applications P 0.73 / R 0.41 (exact spans).
    expect(counts.MAT.exact / counts.MAT.predicted).toBeGreaterThan(0.68);
    expect(counts.MAT.exact / counts.MAT.gold).toBeGreaterThan(0.43);
    expect(counts.APL.exact / counts.APL.predicted).toBeGreaterThan(0.68);
    expect(counts.APL.exact / counts.APL.gold).toBeGreaterThan(0.37);
  });
});
