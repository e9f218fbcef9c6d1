import { describe, expect, it } from 'vitest';
import { type AnnotatedDocument, annotateSegments } from '../../bench/discovery-tasks/annotate-corpus.ts';
import { buildTask, scoreBaselines } from '../../bench/discovery-tasks/build-task.ts';
import { splitSentences } from '../../bench/discovery-tasks/task-sentences.ts';
import { type TaskVocabulary, VocabularyMatcher } from '../../bench/discovery-tasks/vocabulary-matcher.ts';

const vocabulary: TaskVocabulary = {
  materials: [
    { id: 'lithium', name: 'lithium', aliases: ['Li'] },
    { id: 'glass', name: 'glass', aliases: ['glasses'] },
    { id: 'zinc', name: 'zinc', aliases: ['Zn'] },
    {
      id: 'pet',
      name: 'polyethylene terephthalate',
      aliases: ['poly(ethylene terephthalate)', 'PET'],
      acronyms: ['PET'],
    },
    { id: 'pmma', name: 'poly(methyl methacrylate)', aliases: ['PMMA'], caseSensitive: ['PMMA'] },
    { id: 'pipes-material', name: 'pipes' },
  ],
  applications: [
    {
      id: 'lithium-ion-battery',
      name: 'lithium-ion battery',
      aliases: ['lithium ion battery', 'Li-ion battery'],
    },
    { id: 'bottle', name: 'bottle', aliases: ['bottles'] },
    { id: 'coating', name: 'coating', aliases: ['coatings'] },
  ],
  stopPhrases: ['glass transition', 'zinc finger'],
};
const matcher = new VocabularyMatcher(vocabulary);
const ids = (sentence: string) => matcher.sentenceMentions(sentence).map((mention) => mention.id);

describe('task vocabulary matcher', () => {
  it('takes the longest alias at each token, across spaces, hyphens and brackets only', () => {
    expect(ids('A lithium-ion battery and a lithium ion battery.')).toEqual([
      'lithium-ion-battery',
      'lithium-ion-battery',
    ]);
    expect(ids('A Li-ion battery holds lithium.')).toEqual(['lithium-ion-battery', 'lithium']);
    // A comma between the words breaks the alias: lithium is a material mention, "ion battery" nothing.
    expect(ids('lithium, ion battery')).toEqual(['lithium']);
    expect(ids('films of poly(ethylene terephthalate) for bottles')).toEqual(['pet', 'bottle']);
  });

  it('discards stop phrases and their words', () => {
    expect(ids('The glass transition of the glass coating.')).toEqual(['glass', 'coating']);
    expect(ids('A zinc finger protein with Zn.')).toEqual(['zinc']);
  });

  it('matches short and listed aliases only with their capitalisation', () => {
    expect(ids('Li and LI and li')).toEqual(['lithium']);
    expect(ids('PMMA coatings, not pmma')).toEqual(['pmma', 'coating']);
  });

  it('skips an ordinary word written in capitals inside mixed-case text, but not in an all-capitals title', () => {
    expect(ids('Dissolved in PIPES buffer.')).toEqual([]);
    expect(ids('Steel pipes.')).toEqual(['pipes-material']);
    expect(ids('STEEL PIPES FOR BOTTLES')).toEqual(['pipes-material', 'bottle']);
  });

  it('counts an acronym only in a document that names the entry another way', () => {
    const scan = annotateSegments(matcher, ['A PET scan of the patient.', 'PET bottles.']);
    expect([...scan.materials]).toEqual([]);
    const named = annotateSegments(matcher, ['Polyethylene terephthalate is recycled.', 'PET bottles.']);
    expect([...named.pairs]).toEqual(['pet|bottle']);
  });

  it('pairs materials and applications of one sentence, except in enumerations of more than 8 materials', () => {
    const document = annotateSegments(matcher, ['Glass bottles. Zinc coatings.'], 8);
    expect([...document.pairs].sort()).toEqual(['glass|bottle', 'zinc|coating']);
    const enumeration = annotateSegments(matcher, ['Glass, zinc or lithium coatings.'], 2);
    expect([...enumeration.pairs]).toEqual([]);
    expect([...enumeration.materials].sort()).toEqual(['glass', 'lithium', 'zinc']);
  });
});

describe('task sentences', () => {
  it('splits at sentence ends before capitals, digits and quotes, and at bullets', () => {
    expect(splitSentences('First one. Second one! "Third" 4th? 5 items • a bullet')).toEqual([
      'First one.',
      'Second one!',
      '"Third" 4th?',
      '5 items',
      'a bullet',
    ]);
  });

  it('does not split after abbreviations or single letters', () => {
    expect(splitSentences('See Fig. 3 and U.S. Pat. No. 5 by Smith et al. Then more. J. Doe wrote.')).toEqual(
      ['See Fig. 3 and U.S. Pat. No. 5 by Smith et al. Then more.', 'J. Doe wrote.'],
    );
  });
});

describe('task building', () => {
  const document = (id: string, date: string, pairs: string[], extra: string[] = []): AnnotatedDocument => ({
    id,
    date,
    materials: new Set([...pairs.map((pair) => pair.split('|')[0] as string), ...extra]),
    applications: new Set(pairs.map((pair) => pair.split('|')[1] as string)),
    pairs: new Set(pairs),
  });
  const documents = [
    document('d1', '2010-01-01', ['glass|bottle']),
    document('d2', '2011-01-01', ['zinc|coating'], ['lithium']),
    document('d3', '2013-01-01', ['glass|coating', 'glass|bottle']),
    document('d4', '2014-01-01', ['glass|coating', 'pet|bottle']),
    document('d5', '2020-01-01', ['zinc|bottle']),
  ];
  const built = buildTask(documents, { cutoff: '2012-12-31', horizonEnd: '2015-12-31' });

  it('splits known pairs and first co-occurrences after the cutoff', () => {
    expect(built.truth.known).toEqual([
      ['glass', 'bottle'],
      ['zinc', 'coating'],
    ]);
    // pet was not mentioned by the cutoff; zinc|bottle is after the horizon.
    expect(built.truth.positives).toEqual([
      { material: 'glass', application: 'coating', firstDate: '2013-01-01', documents: ['d3', 'd4'] },
    ]);
    expect(built.documentsBeforeCutoff).toBe(2);
    expect(built.documentsInHorizon).toBe(2);
  });

  it('queries every material with a positive plus at most as many without', () => {
    expect(built.queries).toHaveLength(2);
    expect(built.queries).toContain('glass');
    expect(['lithium', 'zinc']).toContain(built.queries.find((query) => query !== 'glass'));
  });

  it('scores the README baselines on the built task', () => {
    const baselines = scoreBaselines(built, vocabulary);
    expect(baselines.queriesWithPositives).toBe(1);
    // glass has 2 candidates (lithium-ion-battery, coating): popularity ranks coating (1 document) first.
    const popularity = baselines.baselines.popularity as unknown as Record<string, number>;
    expect(popularity.mrr).toBe(1);
    const random = baselines.baselines.random as unknown as Record<string, number>;
    expect(random.rocAuc).toBe(0.5);
  });
});
