import { describe, expect, it } from 'vitest';
import {
  matchShingles,
  precisionOf,
  recallOf,
  scoreExtraction,
  shingles,
  tokenize,
} from '../../bench/news-scoring.ts';

describe('news extraction scoring', () => {
  it('tokenises Unicode word runs like Python \\w+', () => {
    expect(tokenize('Crème brûlée, naïve_test 42!')).toEqual(['Crème', 'brûlée', 'naïve_test', '42']);
  });

  it('counts 4-token shingles as a multiset; a short text is one shingle, an empty text none', () => {
    // "a b c d a b c d": abcd, bcda, cdab, dabc, abcd → abcd twice.
    expect(shingles('a b c d a b c d').get(['a', 'b', 'c', 'd'].join('\u0000'))).toBe(2);
    expect([...shingles('one two').values()]).toEqual([1]);
    expect(shingles('').size).toBe(0);
  });

  it('normalises TP/FP/FN per page', () => {
    // truth {abcd, bcde}, predicted {abcd, bcdx}: 1 shared, 1 extra, 1 missing → thirds.
    const counts = matchShingles('a b c d e', 'a b c d x');
    expect(counts.tp).toBeCloseTo(1 / 3);
    expect(counts.fp).toBeCloseTo(1 / 3);
    expect(counts.fn).toBeCloseTo(1 / 3);
    expect(precisionOf(counts)).toBeCloseTo(0.5);
    expect(recallOf(counts)).toBeCloseTo(0.5);
    // truth has abcd twice among 5 shingles, predicted once: tp 1/5, fn 4/5, fp 0.
    const repeated = matchShingles('a b c d a b c d', 'a b c d');
    expect(precisionOf(repeated)).toBe(1);
    expect(recallOf(repeated)).toBeCloseTo(0.2);
  });

  it('averages per-page precision and recall, skipping undefined precision, and takes F1 of the averages', () => {
    const score = scoreExtraction([
      { truth: 'a b c d e', predicted: 'a b c d e' }, // P 1, R 1, identical tokens
      { truth: 'a b c d e', predicted: 'a b c d x' }, // P 0.5, R 0.5
      { truth: 'one two', predicted: '' }, // nothing predicted: no precision, R 0
    ]);
    expect(score.precision).toBeCloseTo(0.75); // (1 + 0.5) / 2
    expect(score.recall).toBeCloseTo(0.5); // (1 + 0.5 + 0) / 3
    expect(score.f1).toBeCloseTo(0.6); // 2·0.75·0.5 / 1.25
    expect(score.accuracy).toBeCloseTo(1 / 3);
  });
});
