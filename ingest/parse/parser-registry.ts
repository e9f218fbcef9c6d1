import type { DocumentParser, ParseSource } from './document-parser.ts';
import { jsonRecordsParser } from './json/json-records-parser.ts';
import { htmlArticleParser } from './news/html-article-parser.ts';
import { pressReleaseParser } from './news/press-release-parser.ts';
import { rssFeedParser } from './news/rss-feed-parser.ts';
import { epoXmlParser } from './patent/epo-xml-parser.ts';
import { pdfPatentParser } from './patent/pdf-patent-parser.ts';
import { unsupportedPatentFormatParser } from './patent/unsupported-patent-format-parser.ts';
import { usptoApsParser } from './patent/uspto-aps-parser.ts';
import { usptoXmlParser } from './patent/uspto-xml-parser.ts';

/**
 * Parsers in detection order: specific formats first (patent XML before generic XML/feeds, feeds
 * before HTML), known-unsupported patent formats before the plain-text fallback.
 */
export const defaultParsers: readonly DocumentParser[] = [
  pdfPatentParser,
  usptoXmlParser,
  epoXmlParser,
  usptoApsParser,
  unsupportedPatentFormatParser,
  rssFeedParser,
  jsonRecordsParser,
  htmlArticleParser,
  pressReleaseParser,
];

/** The first parser that recognises the content, or undefined. */
export function detectParser(
  source: ParseSource,
  parsers: readonly DocumentParser[] = defaultParsers,
): DocumentParser | undefined {
  return parsers.find((parser) => {
    try {
      return parser.detect(source);
    } catch {
      return false;
    }
  });
}

/** A short printable preview of unrecognised content for error messages. */
export function describeHead(head: Buffer): string {
  if (head.length === 0) return 'empty file';
  const sample = head
    .subarray(0, 48)
    .toString('latin1')
    .replace(/[^\x20-\x7e]/g, '.');
  return `unrecognised content starting with "${sample}"`;
}
