import { describe, expect, it } from 'vitest';
import { scanTokens, scanWords } from '../../../ingest/extract/token-scan.ts';

// The expressions the scanners stand for (design: same boundaries, one table look-up per character).
const wordSpecification = /[\p{L}\p{N}]+/gu;
const tokenSpecification = /[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

/** What an expression matches in `text.slice(start, limit)`, as offsets into `text`. */
function specified(pattern: RegExp, text: string, start: number, limit: number): [number, number][] {
  return [...text.slice(start, limit).matchAll(pattern)].map((match) => [
    start + (match.index ?? 0),
    start + (match.index ?? 0) + match[0].length,
  ]);
}

function scanned(scan: typeof scanWords, text: string, start: number, limit: number): [number, number][] {
  const spans: [number, number][] = [];
  scan(text, start, limit, (from, to) => spans.push([from, to]));
  return spans;
}

// Letters and digits of several scripts, joiners, white space of several kinds, astral letters and
// symbols, lone surrogates, punctuation.
const alphabet = [
  'a',
  'Z',
  '7',
  'é',
  'Ω',
  '٣',
  '.',
  "'",
  '’',
  ' ',
  '\u00a0',
  '\u2009',
  '\n',
  '\t',
  '-',
  ',',
  '(',
  '\u{1D400}',
  '\u{1F600}',
  '\uD835',
  '\uDC00',
  '\u2082',
  '°',
];

function generated(count: number, maxLength: number): string[] {
  let seed = 11;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const texts: string[] = [];
  for (let round = 0; round < count; round++) {
    let text = '';
    const length = next() % maxLength;
    for (let index = 0; index < length; index++) text += alphabet[next() % alphabet.length];
    texts.push(text);
  }
  return texts;
}

describe('scanWords and scanTokens', () => {
  it('find what the word and token expressions match in a whole text', () => {
    for (const text of generated(5000, 16)) {
      expect(scanned(scanWords, text, 0, text.length), JSON.stringify(text)).toEqual(
        specified(wordSpecification, text, 0, text.length),
      );
      expect(scanned(scanTokens, text, 0, text.length), JSON.stringify(text)).toEqual(
        specified(tokenSpecification, text, 0, text.length),
      );
      // A token is a word exactly when it starts with a letter or digit (the first alternative).
      scanTokens(text, 0, text.length, (from, to, word) => {
        expect(word, JSON.stringify(text.slice(from, to))).toBe(/^[\p{L}\p{N}]/u.test(text.slice(from, to)));
      });
    }
  });

  it('read only their span: text around it (a pair cut by its end included) changes nothing', () => {
    for (const text of generated(3000, 20)) {
      for (const [start, limit] of [
        [1, text.length - 1],
        [Math.floor(text.length / 3), Math.floor((2 * text.length) / 3)],
      ] as const) {
        if (start > limit) continue;
        const where = `${JSON.stringify(text)} [${start}, ${limit})`;
        expect(scanned(scanWords, text, start, limit), where).toEqual(
          specified(wordSpecification, text, start, limit),
        );
        expect(scanned(scanTokens, text, start, limit), where).toEqual(
          specified(tokenSpecification, text, start, limit),
        );
      }
    }
  });

  it('split a patent sentence into words and tokens', () => {
    const text = 'Films of PET, e.g. ones it’s known for, melt at 250 °C.';
    const words = scanned(scanWords, text, 0, text.length).map(([from, to]) => text.slice(from, to));
    const tokens = scanned(scanTokens, text, 0, text.length).map(([from, to]) => text.slice(from, to));
    expect(words).toEqual([
      'Films',
      'of',
      'PET',
      'e',
      'g',
      'ones',
      'it',
      's',
      'known',
      'for',
      'melt',
      'at',
      '250',
      'C',
    ]);
    expect(tokens).toEqual([
      'Films',
      'of',
      'PET',
      ',',
      'e.g',
      '.',
      'ones',
      'it’s',
      'known',
      'for',
      ',',
      'melt',
      'at',
      '250',
      '°',
      'C',
      '.',
    ]);
  });
});
