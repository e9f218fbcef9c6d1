import { readTextLines } from '../text-lines.ts';
import { defaultMaxDocumentBytes } from '../xml/xml-document-splitter.ts';

/** One green-book record cut out of an APS file: its lines, or its size once it outgrew the cap. */
export type ApsRecordPiece =
  | { index: number; lines: string[] }
  | { index: number; tooLarge: true; characters: number };

/** A record starts at a line that is `PATN` alone (trailing blanks allowed). */
function isRecordStart(line: string): boolean {
  return line.trimEnd() === 'PATN';
}

/**
 * Cuts a stream of APS green-book text (a weekly `pftaps*.txt`: thousands of records, each starting
 * at a `PATN` line) into records, holding only the current one in memory, so a file of any size reads
 * in the memory of its largest record. A record of more than `maxRecordCharacters` (default the XML
 * documents' 20 MiB cap) is dropped while streaming and reported as too large; the next `PATN` starts
 * afresh. Lines are read by `readTextLines` (split at `\n` with one `\r` before it removed, a leading
 * byte-order mark dropped), and text before the first `PATN` belongs to no record.
 */
export async function* splitApsRecords(
  stream: AsyncIterable<Buffer | Uint8Array | string>,
  options: { maxRecordCharacters?: number } = {},
): AsyncGenerator<ApsRecordPiece> {
  const maxCharacters = options.maxRecordCharacters ?? defaultMaxDocumentBytes;
  let lines: string[] | undefined;
  let characters = 0;
  let tooLarge = false;
  let index = 0;

  const finish = (): ApsRecordPiece | undefined => {
    if (lines === undefined) return undefined;
    const piece: ApsRecordPiece = tooLarge ? { index, tooLarge: true, characters } : { index, lines };
    index++;
    lines = undefined;
    characters = 0;
    tooLarge = false;
    return piece;
  };

  for await (const batch of readTextLines(stream, { maxLineCharacters: maxCharacters })) {
    for (const line of batch) {
      if ('text' in line && isRecordStart(line.text)) {
        const done = finish();
        if (done) yield done;
        lines = [];
      }
      if (lines === undefined) continue;
      characters += ('text' in line ? line.text.length : line.characters) + 1;
      if (!('text' in line) || characters > maxCharacters) {
        tooLarge = true;
        lines = [];
      } else if (!tooLarge) {
        lines.push(line.text);
      }
    }
  }
  const last = finish();
  if (last) yield last;
}
