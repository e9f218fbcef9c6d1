import { describe, expect, it } from 'vitest';
import { applicationsForCpc } from '../../../ingest/extract/cpc-hints.ts';
import { factId } from '../../../ingest/extract/fact-collector.ts';
import { createLexiconExtractor } from '../../../ingest/extract/lexicon-extractor.ts';
import {
  createLexicon,
  loadDefaultCpcMap,
  loadDefaultLexicon,
} from '../../../ingest/extract/lexicon-matcher.ts';
import { buildInput } from './extraction-input.ts';
import { describeExtractorContract } from './extractor.contract.ts';

const patent = buildInput(
  'patent:US1234567B2',
  [
    ['title', 'POLYOLEFIN MICROPOROUS FILM FOR BATTERY SEPARATORS'],
    [
      'abstract',
      'A microporous film of polyethylene is provided for use in lithium-ion batteries. The film containing alumina has a tensile strength of 120 MPa and excellent heat resistance. Battery separators require a low shutdown temperature.',
    ],
    [
      'claims',
      '1. A battery separator comprising a polyethylene layer and a poly(4-methyl-1-pentene) layer.',
    ],
    ['claims', '2. The battery separator of claim 1, wherein the layer contains LiFePO4 and TiO₂ particles.'],
  ],
  { cpc: ['H01M 50/417', 'H01M 10/0525'] },
);

const news = buildInput(
  'news:abc',
  [
    ['title', 'Mitsui Chemicals to expand APEL production for smartphone camera lenses'],
    [
      'body',
      'Mitsui Chemicals, Inc. will expand production of APEL cyclic olefin copolymer, used in smartphone camera lenses and prefilled syringes. For camera lenses, low birefringence is required. Acme Optics Co., Ltd. launched a poly(methyl methacrylate) light guide plate.',
    ],
  ],
  { kind: 'news' },
);

const extractor = createLexiconExtractor({ lexicon: loadDefaultLexicon(), cpcMap: loadDefaultCpcMap() });

describeExtractorContract('LexiconExtractor on a patent', () => extractor, patent, {
  minMentions: 10,
  minFacts: 5,
});
describeExtractorContract('LexiconExtractor on news', () => extractor, news, { minMentions: 8, minFacts: 4 });

describe('LexiconExtractor facts', () => {
  it('finds USED_IN facts with higher confidence for use patterns and claim preambles', async () => {
    const result = await extractor.extract(patent);
    const used = (material: string, application: string) =>
      result.facts.find(
        (fact) => fact.type === 'USED_IN' && fact.subjectId === material && fact.objectId === application,
      );
    const separator = used('material:polyethylene', 'application:battery-separator');
    expect(separator?.confidence).toBeGreaterThanOrEqual(0.85);
    expect(separator?.evidence).toHaveLength(1);
    expect(
      used('material:polyethylene', 'application:lithium-ion-battery')?.confidence,
    ).toBeGreaterThanOrEqual(0.75);
    expect(used('material:polymethylpentene', 'application:battery-separator')).toBeDefined();
    expect(used('material:lfp', 'application:battery-separator')).toBeDefined();
    expect(used('material:titanium-dioxide', 'application:battery-separator')).toBeDefined();
    expect(separator?.id).toBe(
      factId('USED_IN', 'material:polyethylene', 'application:battery-separator', 'patent:US1234567B2'),
    );
  });

  it('states evidence as the sentence inside its chunk', async () => {
    const result = await extractor.extract(patent);
    const fact = result.facts.find(
      (candidate) => candidate.type === 'USED_IN' && candidate.objectId === 'application:lithium-ion-battery',
    );
    const evidence = fact?.evidence[0];
    expect(evidence && patent.text.slice(evidence.start, evidence.end)).toBe(
      'A microporous film of polyethylene is provided for use in lithium-ion batteries.',
    );
  });

  it('finds HAS_PROPERTY with values, REQUIRES and PRODUCES', async () => {
    const patentResult = await extractor.extract(patent);
    const strength = patentResult.facts.find(
      (fact) => fact.type === 'HAS_PROPERTY' && fact.objectId === 'property:tensile-strength',
    );
    expect(strength).toMatchObject({ subjectId: 'material:alumina', value: 120, unit: 'MPa' });
    expect(
      patentResult.facts.some(
        (fact) => fact.type === 'REQUIRES' && fact.subjectId === 'application:battery-separator',
      ),
    ).toBe(true);
    const newsResult = await extractor.extract(news);
    expect(
      newsResult.facts.find((fact) => fact.type === 'PRODUCES' && fact.subjectId === 'org:mitsui-chemicals'),
    ).toMatchObject({ objectId: 'material:cyclic-olefin-copolymer', polarity: 'positive' });
    expect(
      newsResult.facts.find(
        (fact) => fact.type === 'REQUIRES' && fact.subjectId === 'application:camera-lens',
      )?.objectId,
    ).toBe('property:birefringence');
    expect(newsResult.entities.find((entity) => entity.id === 'org:acme-optics')).toBeDefined();
    expect(
      newsResult.facts.find((fact) => fact.type === 'PRODUCES' && fact.subjectId === 'org:acme-optics')
        ?.objectId,
    ).toBe('material:pmma');
  });

  it('resolves pattern hits to lexicon entities or new canonical materials', async () => {
    const result = await extractor.extract(patent);
    const ids = new Set(result.mentions.map((mention) => mention.entityId));
    expect(ids.has('material:polymethylpentene')).toBe(true);
    expect(ids.has('material:lfp')).toBe(true);
    expect(ids.has('material:titanium-dioxide')).toBe(true);
  });

  it('raises confidence of facts for applications hinted by CPC codes', async () => {
    expect(applicationsForCpc(loadDefaultCpcMap(), ['H01M 50/417', 'A61L 27/18', 'H01M50/409'])).toEqual([
      'application:battery-separator',
      'application:medical-implant',
    ]);
    const withoutCpc = createLexiconExtractor({ lexicon: loadDefaultLexicon() });
    const plain = await withoutCpc.extract(patent);
    const hinted = await extractor.extract(patent);
    const confidenceOf = (facts: typeof plain.facts) =>
      facts.find(
        (fact) =>
          fact.subjectId === 'material:polyethylene' && fact.objectId === 'application:lithium-ion-battery',
      )?.confidence;
    expect(confidenceOf(hinted.facts) ?? 0).toBeGreaterThan(confidenceOf(plain.facts) ?? 1);
  });

  it('skips USED_IN in enumerations of more than 8 materials but keeps their mentions', async () => {
    const lexicon = createLexicon({
      materials: 'abcdefghij'
        .split('')
        .map((letter) => ({ id: `m-${letter}`, name: `metal${letter}`, aliases: [] })),
      applications: [{ id: 'coating', name: 'coating', aliases: [] }],
    });
    const list = 'abcdefghij'
      .split('')
      .map((letter) => `metal${letter}`)
      .join(', ');
    const input = buildInput('doc:enum', [['abstract', `A coating selected from ${list}.`]]);
    const result = await createLexiconExtractor({ lexicon }).extract(input);
    expect(result.mentions).toHaveLength(11);
    expect(result.facts.filter((fact) => fact.type === 'USED_IN')).toHaveLength(0);
  });

  it('never lets a sentence cross a chunk boundary', async () => {
    const input = buildInput('doc:split', [
      ['description', 'The battery separator is made'],
      ['description', 'of polyethylene in this example.'],
    ]);
    const result = await extractor.extract(input);
    expect(result.facts.filter((fact) => fact.type === 'USED_IN')).toHaveLength(0);
  });
});
