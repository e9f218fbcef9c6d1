import { StringDecoder } from 'node:string_decoder';

/** One line of a text stream (1-based `number`), or its length when it was longer than a line may be. */
export type TextLine =
  | { number: number; text: string }
  | { number: number; tooLong: true; characters: number };

/**
 * Reads UTF-8 text line by line as it streams, holding one line at a time: lines end at `\n`, with one
 * `\r` before it removed (as `text.split(/\r?\n/)` would split them), and the last line needs no
 * newline. A leading byte-order mark is not part of the first line. A line longer than
 * `maxLineCharacters` is counted without being held and reported as too long, so a file of one endless
 * line cannot fill memory (where `readline` would hold all of it). Lines come in batches, those each
 * piece of the stream ends: an await per line would cost more than the splitting.
 */
export async function* readTextLines(
  stream: AsyncIterable<Buffer | Uint8Array | string>,
  options: { maxLineCharacters: number },
): AsyncGenerator<TextLine[]> {
  const decoder = new StringDecoder('utf8');
  let number = 0;
  let partial = '';
  // Characters of the current line once it outgrew the cap (its text is no longer kept).
  let droppedCharacters: number | undefined;
  let droppedEndsWithCr = false;
  let started = false;

  const endLine = (tail: string): TextLine => {
    number += 1;
    if (droppedCharacters !== undefined) {
      // Its `\r` before the newline is part of the line ending, as for a line kept.
      const endsWithCr = tail.length > 0 ? tail.endsWith('\r') : droppedEndsWithCr;
      const characters = droppedCharacters + tail.length - (endsWithCr ? 1 : 0);
      droppedCharacters = undefined;
      return { number, tooLong: true, characters };
    }
    let text = partial + tail;
    partial = '';
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.length > options.maxLineCharacters) return { number, tooLong: true, characters: text.length };
    return { number, text };
  };
  const take = (text: string): TextLine[] => {
    const lines: TextLine[] = [];
    let from = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', from)) {
      lines.push(endLine(text.slice(from, newline)));
      from = newline + 1;
    }
    const rest = text.slice(from);
    if (droppedCharacters !== undefined) {
      droppedCharacters += rest.length;
      if (rest.length > 0) droppedEndsWithCr = rest.endsWith('\r');
      return lines;
    }
    partial += rest;
    if (partial.length > options.maxLineCharacters) {
      droppedCharacters = partial.length;
      droppedEndsWithCr = partial.endsWith('\r');
      partial = '';
    }
    return lines;
  };

  for await (const chunk of stream) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (!started && text.length > 0) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const lines = take(text);
    if (lines.length > 0) yield lines;
  }
  const lines = take(decoder.end());
  if (partial.length > 0 || droppedCharacters !== undefined) lines.push(endLine(''));
  if (lines.length > 0) yield lines;
}
