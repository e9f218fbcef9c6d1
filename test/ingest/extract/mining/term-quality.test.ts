import { describe, expect, it } from 'vitest';
import { isNotationFragment, termRejection } from '../../../../ingest/extract/mining/term-quality.ts';
import { isReferenceLabelPair } from '../../../../ingest/extract/reference-labels.ts';
import { canonicalTermKey } from '../../../../ingest/resolve/term-keys.ts';

// Keys as the miner makes them (lower case, singular last word, leading determiners dropped).
const reject = (surface: string) => termRejection({ key: canonicalTermKey(surface, 'Application'), surface });

describe('termRejection: what mining never makes a term', () => {
  it("rejects the patent's words about itself, with or without modifiers", () => {
    for (const surface of [
      'invention',
      'present invention',
      'fourth embodiment',
      'illustrative examples',
      'combination',
      'Japanese Patent Application',
      'patent publications',
      'dependent claim',
      // "known in the art", "skilled in the art": the patent's field, not a use.
      'art',
      'arts',
      'prior art',
      'Background Art',
    ]) {
      expect(reject(surface), surface).toBe('patent-self-reference');
    }
    expect(reject('fine art')).toBeNull();
  });

  it('rejects placeholder heads alone and phrases that enumerate parts', () => {
    for (const surface of [
      'product',
      'apparatus',
      'device',
      'composition',
      'system',
      'method',
      'article',
      'unique applications',
      'major applications',
      'novel device',
    ]) {
      expect(reject(surface), surface).toBe('generic-head');
    }
    for (const surface of [
      'second electrode',
      'final product',
      'alternate housing',
      '3rd layer',
      'preceding layer',
    ]) {
      expect(reject(surface), surface).toBe('enumerated-part');
    }
  });

  it('rejects actors named after a use cue ("…, the supplier said")', () => {
    expect(reject('supplier')).toBe('actor');
    expect(reject('German car manufacturer')).toBe('actor');
  });

  it('keeps classified heads and unknown application phrases', () => {
    for (const surface of [
      'medical device',
      'roofing system',
      'rear bumper',
      'acoustic ceiling baffle',
      'surfboard core',
      'food packaging',
    ]) {
      expect(reject(surface), surface).toBeNull();
    }
  });
});

describe('notation fragments and label pairs', () => {
  it('reads sectional-view label pairs as labels, not formulas', () => {
    for (const surface of ['10B-10B', '2B–2B', '3B–C', "14C-14C'"])
      expect(isReferenceLabelPair(surface), surface).toBe(true);
    for (const surface of ['B2O3', 'Ti-6Al-4V', 'ZnO:Al', '2H-SiC'])
      expect(isReferenceLabelPair(surface), surface).toBe(false);
  });

  it('rejects bracketed groups alone, unbalanced brackets and dangling bonds', () => {
    for (const surface of ['(NH2)2', '(OH)2', '(C2H4)', 'poly(meth', 'C6H4—', 'CH2)3', '[Fe(CN)6']) {
      expect(isNotationFragment(surface), surface).toBe(true);
    }
    for (const surface of [
      'Ca(OH)2',
      'K3[Fe(CN)6]',
      'poly(acrylic acid)',
      '(Y0.977Ce0.009)3Al5O12',
      'LiN(SO2CF3)2',
    ]) {
      expect(isNotationFragment(surface), surface).toBe(false);
    }
  });
});
