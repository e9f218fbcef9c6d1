import { StringDecoder } from 'node:string_decoder';
import type { ParseOutcome, ParseSource } from '../document-parser.ts';
import { splitXmlDocuments } from '../xml/xml-document-splitter.ts';
import { readXmlProlog } from '../xml/xml-prolog.ts';
import { parseXmlTree, type XmlElement } from '../xml/xml-tree.ts';
import { buildPatentDocument, type PatentRecord } from './patent-document-builder.ts';

/** Reads one parsed XML publication into a PatentRecord; throws when the document lacks something vital. */
export type PatentReader = (root: XmlElement) => PatentRecord;

/** How an XML patent stream is read: which root elements are publications and how each is read. */
export interface XmlPatentStreamOptions {
  readers: Readonly<Record<string, PatentReader>>;
  maxDocumentBytes?: number;
}

/**
 * Splits a (possibly concatenated) XML source into documents and yields one outcome per document: a
 * parsed patent, or a failure naming the item (`<file>#<index>`) and the reason. One bad document never
 * stops the rest of the file; only a broken stream (e.g. corrupt gzip) ends the run early, reported too.
 */
export async function* parseXmlPatentStream(
  source: ParseSource,
  options: XmlPatentStreamOptions,
): AsyncGenerator<ParseOutcome> {
  let nextIndex = 0;
  try {
    for await (const piece of splitXmlDocuments(source.open(), options)) {
      nextIndex = piece.index + 1;
      const item = `${source.name}#${piece.index}`;
      if ('tooLarge' in piece) {
        yield failure(item, `document too large: ${piece.size} bytes`);
        continue;
      }
      yield readOne(item, decodeUtf8(piece.bytes), options.readers);
    }
  } catch (error) {
    yield failure(`${source.name}#${nextIndex}`, `stream failed: ${errorMessage(error)}`);
  }
}

function readOne(item: string, xml: string, readers: XmlPatentStreamOptions['readers']): ParseOutcome {
  const { root: rootName } = readXmlProlog(xml);
  if (!rootName) return failure(item, 'truncated or malformed XML: no root element');
  const read = Object.hasOwn(readers, rootName) ? readers[rootName] : undefined;
  if (!read) return failure(item, `not a patent document: ${rootName}`);
  try {
    const root = parseXmlTree(xml);
    return { ok: true, document: buildPatentDocument(read(root)) };
  } catch (error) {
    return failure(item, errorMessage(error));
  }
}

function decodeUtf8(bytes: Buffer): string {
  // StringDecoder replaces invalid sequences instead of throwing, so one bad byte cannot sink a file.
  return new StringDecoder('utf8').end(bytes);
}

function failure(item: string, reason: string): ParseOutcome {
  return { ok: false, item, reason, retryable: false };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
