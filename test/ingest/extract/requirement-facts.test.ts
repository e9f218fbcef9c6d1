import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../graph/index.ts';
import { createLexiconExtractor } from '../../../ingest/extract/lexicon-extractor.ts';
import { loadDefaultLexicon } from '../../../ingest/extract/lexicon-matcher.ts';
import { buildInput } from './extraction-input.ts';

const extractor = createLexiconExtractor({ vocabulary: loadDefaultLexicon(), mining: true });

function factsOf(text: string, types: string[]): string[] {
  const input = buildInput('doc:requirements', [['body', text]], { kind: 'news' });
  return extractor
    .extractSync(input)
    .facts.filter((fact: Fact) => types.includes(fact.type))
    .map(
      (fact) =>
        `${fact.type} ${fact.subjectId} > ${fact.objectId}${fact.value === undefined ? '' : ` ${fact.value} ${fact.unit ?? ''}`.trimEnd()}`,
    )
    .sort();
}

describe('REQUIRES facts: application → property, with the value when stated', () => {
  it.each([
    [
      'Battery separators must withstand 200 °C without shrinking.',
      ['REQUIRES application:battery-separator > property:heat-resistance 200 °C'],
    ],
    [
      'The separator should have a heat resistance of at least 180 °C.',
      ['REQUIRES application:battery-separator > property:heat-resistance 180 °C'],
    ],
    [
      'Prefilled syringes require low extractables and high transparency.',
      [
        'REQUIRES application:prefilled-syringe > property:low-extractables',
        'REQUIRES application:prefilled-syringe > property:transparency',
      ],
    ],
    [
      'Medical packaging demands sterilization resistance.',
      ['REQUIRES application:medical-packaging > property:sterilization-resistance'],
    ],
  ])('%s', (text, expected) => {
    expect(factsOf(text, ['REQUIRES'])).toEqual(expected);
  });

  it.each([
    // No obligation: a capability, not a requirement.
    'Battery separators that withstand 200 °C are now on sale.',
    // No application: nothing to require it.
    'The oven must withstand 200 °C.',
    // The temperature is a process condition, not something the application must survive.
    'Battery separators are dried at 200 °C.',
  ])('states no requirement: %s', (text) => {
    expect(factsOf(text, ['REQUIRES'])).toEqual([]);
  });
});

describe('PRODUCES and SUPPLIES facts from news', () => {
  it.each([
    [
      'Mitsui Chemicals, a maker of polypropylene, said on Monday it would raise prices.',
      ['PRODUCES org:mitsui-chemicals > material:polypropylene'],
    ],
    ['Dow will expand production of polyethylene in Texas.', ['PRODUCES org:dow > material:polyethylene']],
    ['BASF supplies polyamide to automotive customers.', ['SUPPLIES org:basf > material:polyamide']],
  ])('%s', (text, expected) => {
    expect(factsOf(text, ['PRODUCES', 'SUPPLIES'])).toEqual(expected);
  });
});
