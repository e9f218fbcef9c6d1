import { describe, expect, it } from 'vitest';
import { type FactSentence, scoreSentence, summarise } from '../../bench/facts-scoring.ts';
import type { Fact } from '../../graph/index.ts';

const sentence = (id: string, kind: 'patent' | 'news', uses: FactSentence['uses']): FactSentence => ({
  id,
  kind,
  section: 'description',
  stratum: 'plain',
  title: '',
  source: { corpus: 'c', file: 'f', document: 'd', section: 'description', start: 0, end: 1 },
  text: 'x',
  uses,
});
const fact = (
  subjectId: string,
  objectId: string,
  polarity: Fact['polarity'] = 'positive',
  confidence = 0.7,
): Fact => ({
  id: `${subjectId}>${objectId}`,
  type: 'USED_IN',
  subjectId,
  objectId,
  polarity,
  confidence,
  extractor: 'test',
  firstSeen: '2020-01-01',
  lastSeen: '2020-01-01',
  evidence: [{ chunkId: 'c', start: 0, end: 1 }],
});

describe('fact precision scoring', () => {
  it('matches labels by any of their ids, and counts the other spellings of a found label once', () => {
    const labelled = sentence('s1', 'patent', [
      { material: ['material:calcium-aluminate', 'material:cement'], application: ['application:catalyst'] },
      { material: ['material:nickel'], application: ['application:catalyst'] },
    ]);
    const scored = scoreSentence(labelled, [
      fact('material:cement', 'application:catalyst'),
      fact('material:calcium-aluminate', 'application:catalyst'),
      fact('material:cement', 'application:building-material'),
    ]);
    expect(scored.tp).toBe(1);
    expect(scored.falsePositives).toEqual(['material:cement > application:building-material (0.7)']);
    expect(scored.falseNegatives).toEqual(['material:nickel > application:catalyst']);
  });

  it('counts tentative facts as stated uses, negative and replaced ones not, and honours a confidence floor', () => {
    const labelled = sentence('s2', 'news', [
      { material: ['material:glass'], application: ['application:display'] },
    ]);
    expect(scoreSentence(labelled, [fact('material:glass', 'application:display', 'tentative')]).tp).toBe(1);
    expect(scoreSentence(labelled, [fact('material:glass', 'application:display', 'negative')]).tp).toBe(0);
    expect(scoreSentence(labelled, [fact('material:glass', 'application:display', 'replaced')]).tp).toBe(0);
    const low = scoreSentence(labelled, [fact('material:glass', 'application:display', 'positive', 0.4)], {
      minConfidence: 0.5,
    });
    expect(low.tp).toBe(0);
  });

  it('sums precision and recall overall, per kind and per stratum', () => {
    const a = scoreSentence(sentence('a', 'patent', [{ material: ['m'], application: ['x'] }]), [
      fact('m', 'x'),
      fact('m', 'y'),
    ]);
    const b = scoreSentence(sentence('b', 'news', [{ material: ['n'], application: ['x'] }]), []);
    const summary = summarise([a, b]);
    expect(summary.overall).toEqual({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(summary.byKind.news).toEqual({ tp: 0, fp: 0, fn: 1, precision: 1, recall: 0, f1: 0 });
    expect(summary.falsePositivesByStratum).toEqual({ plain: 1 });
  });
});
