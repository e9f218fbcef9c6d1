import { StringDecoder } from 'node:string_decoder';
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
 * afresh. Lines are split at `\n` with one `\r` before it removed, as `text.split(/\r?\n/)` would, and
 * text before the first `PATN` belongs to no record. A leading byte-order mark is not part of the
 * first line (the format is detected with one).
 */
export async function* splitApsRecords(
  stream: AsyncIterable<Buffer | Uint8Array | string>,
  options: { maxRecordCharacters?: number } = {},
): AsyncGenerator<ApsRecordPiece> {
  const maxCharacters = options.maxRecordCharacters ?? defaultMaxDocumentBytes;
  const decoder = new StringDecoder('utf8');
  let lines: string[] | undefined;
  let characters = 0;
  let tooLarge = false;
  let index = 0;
  // The line not yet ended by a newline; dropped (`partialDropped`) once it alone outgrows the cap.
  let partial = '';
  let partialDropped = false;
  let started = false;

  const finish = (): ApsRecordPiece | undefined => {
    if (lines === undefined) return undefined;
    const piece: ApsRecordPiece = tooLarge ? { index, tooLarge: true, characters } : { index, lines };
    index++;
    lines = undefined;
    characters = 0;
    tooLarge = false;
    return piece;
  };
  const addLine = (line: string, length: number): void => {
    if (lines === undefined) return;
    characters += length + 1;
    if (characters > maxCharacters) {
      tooLarge = true;
      lines = [];
    } else if (!tooLarge) {
      lines.push(line);
    }
  };
  /** A whole line (its `\r\n` or `\n` cut); `length` counts a dropped line's characters too. */
  function* endLine(line: string, length: number): Generator<ApsRecordPiece> {
    if (!partialDropped && isRecordStart(line)) {
      const done = finish();
      if (done) yield done;
      lines = [];
    }
    addLine(partialDropped ? '' : line, length);
  }

  const take = function* (text: string): Generator<ApsRecordPiece> {
    let from = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', from)) {
      const tail = text.slice(from, newline);
      const length = partial.length + tail.length;
      let line = partialDropped ? '' : partial + tail;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      yield* endLine(line, length);
      partial = '';
      partialDropped = false;
      from = newline + 1;
    }
    const rest = text.slice(from);
    if (partialDropped) {
      if (lines !== undefined) characters += rest.length;
      return;
    }
    partial += rest;
    if (partial.length > maxCharacters) {
      // One line longer than a whole record may be: it is counted, not kept, and sinks its record.
      if (lines !== undefined) {
        characters += partial.length;
        tooLarge = true;
        lines = [];
      }
      partial = '';
      partialDropped = true;
    }
  };

  for await (const chunk of stream) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (!started && text.length > 0) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    yield* take(text);
  }
  yield* take(decoder.end());
  if (partial.length > 0 || partialDropped) yield* endLine(partial, partial.length);
  const last = finish();
  if (last) yield last;
}
