import { readAll } from '../../sources/file-source.ts';
import type { DocumentParser, ParseOutcome, ParseSource } from '../document-parser.ts';
import { failedOutcome, ParseInputError } from '../parse-input-error.ts';
import { buildNewsDocument } from './news-document-builder.ts';
import { pressReleasePathDate, readPressRelease } from './press-release-text.ts';
import { decodeUtf8OrWindows1252, hasNulByte } from './text-decoding.ts';

/** A press release is a few pages; anything bigger is not one. */
export const maxPressReleaseBytes = 5 * 1024 * 1024;

/** Share of control characters above which bytes are binary rather than text in a legacy encoding. */
const maxControlShare = 0.01;

function looksLikeText(head: Buffer): boolean {
  if (head.length === 0 || hasNulByte(head)) return false;
  let control = 0;
  for (const byte of head) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control += 1;
  }
  return control / head.length <= maxControlShare;
}

/** Markup, JSON and PDF have their own parsers, even when they are text. */
function looksLikeOtherFormat(head: Buffer): boolean {
  const start = head
    .subarray(0, 1024)
    .toString('latin1')
    .replace(/^\uFEFF|^\xef\xbb\xbf/, '')
    .trimStart();
  return /^(<|\{|\[|%PDF)/i.test(start);
}

/**
 * Markdown or plain-text press releases: title, dateline date and wire, body paragraphs without the
 * wire's trailer. Not UTF-8 → read as windows-1252 (see decodeUtf8OrWindows1252), not rejected.
 * Register it after the more specific text formats: it accepts any text.
 */
export class PressReleaseParser implements DocumentParser {
  readonly format = 'press-release';

  detect(source: ParseSource): boolean {
    return looksLikeText(source.head) && !looksLikeOtherFormat(source.head);
  }

  async *parse(source: ParseSource): AsyncIterable<ParseOutcome> {
    try {
      yield { ok: true, document: await this.parseOne(source) };
    } catch (error) {
      yield failedOutcome(source.name, error);
    }
  }

  private async parseOne(source: ParseSource) {
    let bytes: Buffer;
    try {
      bytes = await readAll(source, maxPressReleaseBytes);
    } catch (error) {
      if (error instanceof RangeError) throw new ParseInputError(error.message, { cause: error });
      throw error;
    }
    if (hasNulByte(bytes)) throw new ParseInputError('binary content (NUL bytes), not a text press release');
    const { text } = decodeUtf8OrWindows1252(bytes);
    if (!text.trim()) throw new ParseInputError('empty press release');
    const release = readPressRelease(text);
    if (!release.title && release.paragraphs.length === 0)
      throw new ParseInputError('no text left after cleanup');
    // No stated date → unknown date (never guessed): still evidence, left out only where time matters.
    const publishedAt = release.datelineDate ?? source.fallbackDate ?? pressReleasePathDate(source.name);
    return buildNewsDocument({
      title: release.title,
      paragraphs: release.paragraphs,
      ...(publishedAt ? { publishedAt } : {}),
      source: this.format,
      // The wire that distributed the release is the closest thing a release has to a byline.
      byline: release.wire,
    });
  }
}

export const pressReleaseParser: DocumentParser = new PressReleaseParser();
