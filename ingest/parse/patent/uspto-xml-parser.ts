import type { DocumentParser, ParseOutcome, ParseSource } from '../document-parser.ts';
import { readUsptoIcePatent } from './uspto-ice-reader.ts';
import { readUsptoPapPatent } from './uspto-pap-reader.ts';
import { readUsptoSgmlPatent } from './uspto-sgml-reader.ts';
import { type PatentReader, parseXmlPatentStream } from './xml-patent-stream.ts';

const readers: Record<string, PatentReader> = {
  'us-patent-grant': readUsptoIcePatent,
  'us-patent-application': readUsptoIcePatent,
  'patent-application-publication': readUsptoPapPatent,
  PATDOC: readUsptoSgmlPatent,
};

const signatures = [
  /<us-patent-grant[\s>]/,
  /<us-patent-application[\s>]/,
  /<!DOCTYPE\s+us-patent-(grant|application)\b/,
  /<patent-application-publication[\s>]/,
  /<!DOCTYPE\s+PATDOC\b/,
  /<PATDOC[\s>]/,
];

/** Options of the USPTO XML parser. */
export interface UsptoXmlParserOptions {
  /** Largest single document accepted from a weekly file (default 20 MiB). */
  maxDocumentBytes?: number;
}

/**
 * USPTO full-text XML: ICE v4.x grants and applications (2005+), PAP v1.x applications and ST.32 v2.x
 * grants (2001-2004), single files or whole weekly files of concatenated documents. Documents in a weekly
 * file that are not publications (sequence listings `sequence-cwu`, ...) are yielded as failures with the
 * reason "not a patent document: <root>", so a run reports them instead of dropping them silently.
 */
export class UsptoXmlParser implements DocumentParser {
  readonly format = 'uspto-xml';
  constructor(private readonly options: UsptoXmlParserOptions = {}) {}

  detect(source: ParseSource): boolean {
    const head = source.head.toString('utf8', 0, Math.min(source.head.length, 8192));
    return signatures.some((signature) => signature.test(head));
  }

  parse(source: ParseSource): AsyncIterable<ParseOutcome> {
    return parseXmlPatentStream(source, { readers, maxDocumentBytes: this.options.maxDocumentBytes });
  }
}

/** The default USPTO XML parser (20 MiB per-document cap). */
export const usptoXmlParser: DocumentParser = new UsptoXmlParser();
