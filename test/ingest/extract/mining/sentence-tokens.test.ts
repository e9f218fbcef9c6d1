import { describe, expect, it } from 'vitest';
import { sentenceTokens } from '../../../../ingest/extract/mining/sentence-tokens.ts';

const tokensOf = (text: string, start: number, end: number) =>
  sentenceTokens(text, start, end).map(({ start: from, end: to, text: value, word, singular }) => ({
    from,
    to,
    value,
    word,
    singular,
  }));

describe('sentenceTokens', () => {
  it('gives words and punctuation with offsets into the whole text, words with their singular', () => {
    const text = 'Intro. Films and ROLLS, e.g. PA6.66 sheets!';
    expect(tokensOf(text, 7, text.length)).toEqual([
      { from: 7, to: 12, value: 'Films', word: true, singular: 'film' },
      { from: 13, to: 16, value: 'and', word: true, singular: 'and' },
      { from: 17, to: 22, value: 'ROLLS', word: true, singular: 'roll' },
      { from: 22, to: 23, value: ',', word: false, singular: ',' },
      { from: 24, to: 27, value: 'e.g', word: true, singular: 'e.g' },
      { from: 27, to: 28, value: '.', word: false, singular: '.' },
      { from: 29, to: 35, value: 'PA6.66', word: true, singular: 'pa6.66' },
      { from: 36, to: 42, value: 'sheets', word: true, singular: 'sheet' },
      { from: 42, to: 43, value: '!', word: false, singular: '!' },
    ]);
  });

  it('tells words from symbols outside the basic plane: an astral letter is a word, an emoji is not', () => {
    const text = 'film \u{1D400}x \u{1F600} \u{2211}';
    expect(tokensOf(text, 0, text.length).map(({ value, word }) => [value, word])).toEqual([
      ['film', true],
      ['\u{1D400}x', true],
      ['\u{1F600}', false],
      ['\u{2211}', false],
    ]);
  });

  it('never reads past the end it is given, even inside a word that runs on', () => {
    const text = 'abc def.ghi jkl';
    // "def.ghi" is one token in the whole text; cut after "def.g" it is "def.g", after "def." two tokens.
    expect(tokensOf(text, 0, 9).map((token) => [token.value, token.from, token.to])).toEqual([
      ['abc', 0, 3],
      ['def.g', 4, 9],
    ]);
    expect(tokensOf(text, 0, 8).map((token) => [token.value, token.from, token.to])).toEqual([
      ['abc', 0, 3],
      ['def', 4, 7],
      ['.', 7, 8],
    ]);
    expect(tokensOf(text, 4, 6).map((token) => token.value)).toEqual(['de']);
    expect(tokensOf(text, 3, 3)).toEqual([]);
  });

  it('gives the same tokens whatever precedes the start', () => {
    const sentence = 'Nylon 6,6 is used in airbags.';
    const alone = tokensOf(sentence, 0, sentence.length);
    const prefix = 'Before it: x';
    const shifted = tokensOf(`${prefix}${sentence} After.`, prefix.length, prefix.length + sentence.length);
    expect(
      shifted.map(({ from, to, ...rest }) => ({
        from: from - prefix.length,
        to: to - prefix.length,
        ...rest,
      })),
    ).toEqual(alone);
  });
});
