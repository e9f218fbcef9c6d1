import { describe, expect, it } from 'vitest';
import { readTextLines, type TextLine } from '../../../ingest/parse/text-lines.ts';

async function* inPieces(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let from = 0; from < bytes.length; from += size) yield bytes.subarray(from, from + size);
}

async function linesOf(bytes: Buffer, pieceSize: number, maxLineCharacters = 1000): Promise<TextLine[]> {
  const lines: TextLine[] = [];
  for await (const batch of readTextLines(inPieces(bytes, pieceSize), { maxLineCharacters }))
    lines.push(...batch);
  return lines;
}

describe('readTextLines', () => {
  it('splits as text.split(/\\r?\\n/) does, whatever sizes the stream arrives in', async () => {
    const texts = [
      'one\ntwo\r\nthree',
      'ends with a newline\n',
      '°C, µm — 🧪\r\n\r\n\nlast line, then CRLF\r\n',
      'a lone \r stays inside its line\n',
      '',
    ];
    for (const text of texts) {
      const bytes = Buffer.from(text, 'utf8');
      const parts = text.split(/\r?\n/);
      // A final newline ends the last line; it does not start an empty one.
      const expected = (parts.at(-1) === '' ? parts.slice(0, -1) : parts).map((line, index) => ({
        number: index + 1,
        text: line,
      }));
      for (const size of [1, 2, 3, 5, 64]) expect(await linesOf(bytes, size)).toEqual(expected);
    }
  });

  it('drops a leading byte-order mark', async () => {
    const bytes = Buffer.from('\uFEFF{"a": 1}\n{"b": 2}', 'utf8');
    for (const size of [1, 64])
      expect(await linesOf(bytes, size)).toEqual([
        { number: 1, text: '{"a": 1}' },
        { number: 2, text: '{"b": 2}' },
      ]);
  });

  it('counts a line over the cap without holding it or its line ending, and reads the next line', async () => {
    const long = 'x'.repeat(2500);
    const bytes = Buffer.from(`short\n${long}\r\nafter\n${long}`);
    for (const size of [1, 7, 100, bytes.length])
      expect(await linesOf(bytes, size)).toEqual([
        { number: 1, text: 'short' },
        { number: 2, tooLong: true, characters: long.length },
        { number: 3, text: 'after' },
        { number: 4, tooLong: true, characters: long.length },
      ]);
  });

  it('streams a line longer than any string may be (600 M characters) and reads the line after it', async () => {
    const piece = 'x'.repeat(1024 * 1024);
    async function* endless(): AsyncGenerator<string> {
      for (let i = 0; i < 600; i++) yield piece;
      yield '\nafter';
    }
    const lines: TextLine[] = [];
    for await (const batch of readTextLines(endless(), { maxLineCharacters: 20 * 1024 * 1024 }))
      lines.push(...batch);
    expect(lines).toEqual([
      { number: 1, tooLong: true, characters: 600 * piece.length },
      { number: 2, text: 'after' },
    ]);
  });
});
