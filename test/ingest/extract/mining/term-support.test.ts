import { describe, expect, it } from 'vitest';
import { loadDefaultVocabulary } from '../../../../ingest/extract/lexicon-vocabulary.ts';
import { mineTerms } from '../../../../ingest/extract/mining/term-miner.ts';
import {
  type CandidateOccurrence,
  CandidateSupport,
  defaultPromotionThreshold,
} from '../../../../ingest/extract/mining/term-support.ts';

const vocabulary = loadDefaultVocabulary();

function occurrences(text: string): CandidateOccurrence[] {
  return mineTerms(text, { vocabulary }).map((term) => ({
    ...term,
    sentence: { start: 0, end: text.length },
  }));
}

describe('CandidateSupport', () => {
  const documents = {
    a: 'Selfhealing coatings were sprayed on the hulls.',
    b: 'The self-healing coating protects steel bridges.',
    c: 'We report novel self-healing coatings for wind turbines.',
    d: 'A kraft lignin resin was used in plywood adhesives.',
  };

  it('groups variants by key, counts distinct documents and keeps the sentences', () => {
    const support = new CandidateSupport();
    for (const [id, text] of Object.entries(documents)) support.addDocument(id, occurrences(text));
    const coating = support.groups().find((group) => group.key === 'selfhealing coating');
    expect(coating).toMatchObject({ label: 'Application', support: 3, occurrences: 3 });
    expect(coating?.surfaces.map((item) => item.surface)).toEqual([
      'Selfhealing coatings',
      'self-healing coating',
      'self-healing coatings',
    ]);
    expect(coating?.evidence.map((item) => item.documentId)).toEqual(['a', 'b', 'c']);
    expect(support.promotable(defaultPromotionThreshold).map((group) => group.key)).toEqual([
      'selfhealing coating',
    ]);
  });

  it('counts a document once however often it is added', () => {
    const support = new CandidateSupport();
    support.addDocument('a', occurrences(documents.a));
    support.addDocument('a', occurrences(documents.a));
    expect(support.groups().find((group) => group.key === 'selfhealing coating')?.support).toBe(1);
    expect(support.promotable()).toEqual([]);
  });
});
