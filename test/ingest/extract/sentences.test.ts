import { describe, expect, it } from 'vitest';
import { splitSentences, trailingWord } from '../../../ingest/extract/sentences.ts';

const texts = (text: string, start?: number, end?: number) =>
  splitSentences(text, start, end).map((span) => text.slice(span.start, span.end));

describe('splitSentences', () => {
  it('splits at . ! ? followed by space and an upper-case letter, digit or opening quote', () => {
    expect(texts('PP is light. PE is cheap! Is PET clear? "Yes." 3 grades exist.')).toEqual([
      'PP is light.',
      'PE is cheap!',
      'Is PET clear?',
      '"Yes."',
      '3 grades exist.',
    ]);
  });

  it('does not split before a lower-case word or inside numbers', () => {
    expect(texts('The value was 3.5 MPa. and then it rose to 4.2 MPa in tests.')).toEqual([
      'The value was 3.5 MPa. and then it rose to 4.2 MPa in tests.',
    ]);
  });

  it('keeps abbreviations and single letters inside the sentence', () => {
    expect(
      texts(
        'Fillers, e.g. Talc, are used. See Fig. 3 and U.S. Pat. No. 5,000,000 by Smith et al. The film of J. Doe is clear.',
      ),
    ).toEqual([
      'Fillers, e.g. Talc, are used.',
      'See Fig. 3 and U.S. Pat. No. 5,000,000 by Smith et al. The film of J. Doe is clear.',
    ]);
  });

  it('splits after closing quotes and brackets', () => {
    expect(texts('It is called "APEL." The resin (COC.) Works well.')).toEqual([
      'It is called "APEL."',
      'The resin (COC.)',
      'Works well.',
    ]);
  });

  it('splits at bullets and blank lines', () => {
    expect(texts('Uses:• lenses • vials\n\nsecond paragraph without period\nstill the same')).toEqual([
      'Uses:',
      'lenses',
      'vials',
      'second paragraph without period\nstill the same',
    ]);
  });

  it('works on a span of a larger text with offsets into that text', () => {
    const text = 'TITLE\n\nFirst one. Second one.';
    const spans = splitSentences(text, 7, text.length);
    expect(spans).toEqual([
      { start: 7, end: 17 },
      { start: 18, end: 29 },
    ]);
  });

  it('treats a claim as one sentence', () => {
    expect(
      texts('1. A battery separator comprising a polyolefin layer; and a heat-resistant layer.'),
    ).toHaveLength(1);
  });
});

describe('splitSentences without blank-line segments', () => {
  it('keeps paragraphs joined when asked', () => {
    const text = 'first part\n\nsecond part. Third.';
    expect(
      splitSentences(text, 0, text.length, { blankLines: false }).map((s) => text.slice(s.start, s.end)),
    ).toEqual(['first part\n\nsecond part.', 'Third.']);
  });
});

describe('trailingWord', () => {
  it('finds what /[\\p{L}.]+$/u matches, astral letters and lone surrogates included', () => {
    const alphabet = [
      'a',
      'Z',
      'é',
      '.',
      ' ',
      '1',
      '-',
      '\u{1D400}',
      '\u{1F600}',
      '\uD835',
      '\uDC00',
      'Ω',
      ')',
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    const specification = /[\p{L}.]+$/u;
    for (let round = 0; round < 5000; round++) {
      let text = '';
      const length = next() % 12;
      for (let index = 0; index < length; index++) text += alphabet[next() % alphabet.length];
      expect(trailingWord(text), JSON.stringify(text)).toBe(specification.exec(text)?.[0] ?? '');
    }
  });
});
