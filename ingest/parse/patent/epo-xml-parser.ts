import type { DocumentParser, ParseOutcome, ParseSource } from '../document-parser.ts';
import { readEpoPatent } from './epo-xml-reader.ts';
import { parseXmlPatentStream } from './xml-patent-stream.ts';

const readers = { 'ep-patent-document': readEpoPatent };

/** EPO publication-server XML (`ep-patent-document`, DTD 1.0-1.5.1), A and B publications. */
export class EpoXmlParser implements DocumentParser {
  readonly format = 'epo-xml';
  constructor(private readonly options: { maxDocumentBytes?: number } = {}) {}

  detect(source: ParseSource): boolean {
    const head = source.head.toString('utf8', 0, Math.min(source.head.length, 8192));
    return /<ep-patent-document[\s>]|<!DOCTYPE\s+ep-patent-document\b/.test(head);
  }

  parse(source: ParseSource): AsyncIterable<ParseOutcome> {
    return parseXmlPatentStream(source, { readers, maxDocumentBytes: this.options.maxDocumentBytes });
  }
}

/** The default EPO XML parser. */
export const epoXmlParser: DocumentParser = new EpoXmlParser();
