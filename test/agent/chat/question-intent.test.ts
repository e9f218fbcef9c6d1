import { describe, expect, it } from 'vitest';
import { classifyIntent, parseQuestion } from '../../../agent/chat/index.ts';

describe('classifyIntent', () => {
  it.each([
    ['What new applications could APEL have?', 'suggest'],
    ['Suggest applications for TPX', 'suggest'],
    ['Where else could ADMER be used?', 'suggest'],
    ['Any new market opportunities for polymethylpentene?', 'suggest'],
    ['Why is APEL suggested for syringes?', 'explain'],
    ['Explain the suggestion of TPX for release film', 'explain'],
    ['What evidence links cyclic olefin copolymer and microfluidics?', 'explain'],
    ['Compare APEL and TPX', 'compare'],
    ['APEL vs TPX', 'compare'],
    ['What is the difference between PET and PEN?', 'compare'],
    ['What is the trend for microfluidic chips?', 'trend'],
    ['How are mentions of battery separators growing over time?', 'trend'],
    ['Which polymers are used in battery separators?', 'search'],
    ['Tell me about low birefringence films', 'search'],
    ['Where is polyamide 66 used?', 'uses'],
    ['What is boron nitride nanosheet used for?', 'uses'],
    ['Where is polyamide 66 used, and what else could it be used for?', 'uses'],
    ['What else could polyamide 66 be used for?', 'suggest'],
    ['Where could our cyclic olefin copolymer go next?', 'suggest'],
    ['Which markets could TPX expand into?', 'suggest'],
  ])('%s → %s', (question, intent) => {
    expect(classifyIntent(question)).toBe(intent);
  });
});

describe('parseQuestion', () => {
  it('pulls product and application out of a why-question', () => {
    expect(parseQuestion('Why is APEL suggested for prefilled syringes?').subjects).toEqual([
      'APEL',
      'prefilled syringes',
    ]);
    expect(parseQuestion('Why would TPX be a good fit for release film?').subjects).toEqual([
      'TPX',
      'release film',
    ]);
  });

  it('pulls both sides out of a comparison', () => {
    expect(parseQuestion('compare APEL with TPX').subjects).toEqual(['APEL', 'TPX']);
    expect(parseQuestion('Compare the cyclic olefin copolymer and polymethylpentene?').subjects).toEqual([
      'cyclic olefin copolymer',
      'polymethylpentene',
    ]);
  });

  it('pulls the material out of a where-used or what-else question', () => {
    expect(parseQuestion('Where is polyamide 66 used?')).toMatchObject({
      intent: 'uses',
      subjects: ['polyamide 66'],
      alsoNew: false,
    });
    expect(
      parseQuestion('Where is the kraft lignin used, and what else could it be used for?'),
    ).toMatchObject({ intent: 'uses', subjects: ['kraft lignin'], alsoNew: true });
    expect(parseQuestion('What are geopolymer binders currently used in?').subjects).toEqual([
      'geopolymer binders',
    ]);
    expect(parseQuestion('What else could PA66 be used for?').subjects).toEqual(['PA66']);
    expect(parseQuestion('Any new applications for cellulose nanofibre?').subjects).toEqual([
      'cellulose nanofibre',
    ]);
    expect(parseQuestion('Where could our cyclic olefin copolymer go next?').subjects).toEqual([
      'cyclic olefin copolymer',
    ]);
    expect(parseQuestion('Which markets could the EPDM enter?').subjects).toEqual(['EPDM']);
  });

  it('keeps the content words as the topic', () => {
    expect(parseQuestion('What is the trend for microfluidic chips?').topic).toBe('microfluidic chips');
    expect(parseQuestion('Which polymers are used in battery separators?').topic).toBe(
      'polymers battery separators',
    );
  });
});
