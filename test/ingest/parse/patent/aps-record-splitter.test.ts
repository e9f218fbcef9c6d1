import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type ApsRecordPiece, splitApsRecords } from '../../../../ingest/parse/patent/aps-record-splitter.ts';
import { fixture } from '../../../support/paths.ts';

async function* inPieces(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let from = 0; from < bytes.length; from += size) yield bytes.subarray(from, from + size);
}

async function split(
  bytes: Buffer,
  pieceSize = bytes.length,
  options: { maxRecordCharacters?: number } = {},
): Promise<ApsRecordPiece[]> {
  const pieces: ApsRecordPiece[] = [];
  for await (const piece of splitApsRecords(inPieces(bytes, Math.max(1, pieceSize)), options))
    pieces.push(piece);
  return pieces;
}

/** The records as whole-text splitting gives them (lines split at `\r?\n`, a record per `PATN` line). */
function recordsOf(text: string): string[][] {
  const records: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trimEnd() === 'PATN') records.push([]);
    records.at(-1)?.push(line);
  }
  return records;
}

/** Drops blank lines: a file's trailing newline leaves one, which no field reads. */
const withoutBlank = (lines: readonly string[]) => lines.filter((line) => line.trim() !== '');

describe('splitApsRecords', () => {
  it('cuts the same records whatever sizes the stream arrives in, multibyte characters and CRLF included', async () => {
    const dye = gunzipSync(await readFile(fixture('uspto-xml-formats', 'docling', 'pftaps057006474.txt.gz')));
    const boat = await readFile(
      fixture('uspto-xml-formats', 'uspto-patentpublicdata', 'greenbook', 'US03937375.greenbook'),
    );
    const text = [
      dye.toString('utf8'),
      // Characters of two, three and four bytes, and a line ended by CRLF, split across pieces below.
      'PATN\r\nWKU  039999994\r\nTTL  Film at 120 °C — 5 µm thick 🧪\r\nISD  19760101\r\nABST\r\nPAL  A film.\r\n',
      boat.toString('utf8'),
    ].join('');
    const bytes = Buffer.from(text, 'utf8');
    const expected = recordsOf(text).map(withoutBlank);
    expect(expected).toHaveLength(3);
    for (const size of [bytes.length, 1, 2, 3, 7, 4096]) {
      const pieces = await split(bytes, size);
      expect(pieces.map((piece) => piece.index)).toEqual([0, 1, 2]);
      expect(pieces.map((piece) => ('lines' in piece ? withoutBlank(piece.lines) : piece))).toEqual(expected);
    }
  });

  it('drops a record over the cap alone and reads the next one', async () => {
    const big = `PATN\nWKU  039999994\nBSUM\n${'PAR  film\n'.repeat(100)}`;
    const text = `PATN\nWKU  039999985\nTTL  Before\n${big}PATN\nWKU  039999976\nTTL  After\n`;
    for (const size of [text.length, 5]) {
      const pieces = await split(Buffer.from(text), size, { maxRecordCharacters: 500 });
      expect(pieces).toEqual([
        { index: 0, lines: ['PATN', 'WKU  039999985', 'TTL  Before'] },
        { index: 1, tooLarge: true, characters: big.length },
        { index: 2, lines: ['PATN', 'WKU  039999976', 'TTL  After'] },
      ]);
    }
  });

  it('counts a line longer than a record may be without holding it, and reads the next record', async () => {
    const longLine = `PAR  ${'x'.repeat(5000)}`;
    const text = `PATN\nWKU  039999994\nBSUM\n${longLine}\nPATN\nWKU  039999976\nTTL  After`;
    for (const size of [text.length, 64]) {
      const pieces = await split(Buffer.from(text), size, { maxRecordCharacters: 1000 });
      expect(pieces[0]).toEqual({
        index: 0,
        tooLarge: true,
        characters: 'PATN\nWKU  039999994\nBSUM\n'.length + longLine.length + 1,
      });
      expect(pieces[1]).toEqual({ index: 1, lines: ['PATN', 'WKU  039999976', 'TTL  After'] });
      expect(pieces).toHaveLength(2);
    }
  });

  it('reads the first record after a byte-order mark, and nothing before the first PATN', async () => {
    const text = '\uFEFFPATN\nWKU  039999994\nTTL  First\nPATN\nWKU  039999976\n';
    expect(
      (await split(Buffer.from(text, 'utf8'), 1)).map((piece) => 'lines' in piece && piece.lines[1]),
    ).toEqual(['WKU  039999994', 'WKU  039999976']);
    expect(await split(Buffer.from('a preamble\n\nPATN\nWKU  039999994'))).toEqual([
      { index: 0, lines: ['PATN', 'WKU  039999994'] },
    ]);
  });
});
