import type { DocumentParser, ParseOutcome, ParseSource } from '../parse/document-parser.ts';
import { defaultParsers, describeHead, detectParser } from '../parse/parser-registry.ts';
import { bufferSource, openFileSource } from '../sources/file-source.ts';
import { isZip, zipArchiveItems } from '../sources/zip-archive.ts';

/** One input to parse: a file on disk (a bulk download too), or bytes fetched from a URL. */
export type ReadInput =
  | { kind: 'file'; path: string /** Reported name when it differs from the path (a URL). */; name?: string }
  | { kind: 'bytes'; name: string; bytes: Uint8Array };

/**
 * Turns inputs into parse outcomes; a failure of the whole input (unreadable, empty, unknown format,
 * a parser that gave up) is one failed outcome whose `item` is the input's name.
 */
export interface DocumentReader {
  read(input: ReadInput): AsyncIterable<ParseOutcome>;
}

function nameOf(input: ReadInput): string {
  return input.kind === 'file' ? (input.name ?? input.path) : input.name;
}

async function openInput(input: ReadInput): Promise<ParseSource> {
  if (input.kind === 'bytes') return bufferSource(input.name, Buffer.from(input.bytes));
  return openFileSource(input.path, input.name ? { name: input.name } : undefined);
}

/** Parses on the calling thread with the given parsers (the pool's workers use this too). */
export async function* readDocuments(
  input: ReadInput,
  parsers: readonly DocumentParser[] = defaultParsers,
): AsyncGenerator<ParseOutcome> {
  const name = nameOf(input);
  let source: ParseSource;
  try {
    source = await openInput(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' ? 'permission denied' : `cannot read: ${(error as Error).message}`;
    yield { ok: false, item: name, reason, retryable: false };
    return;
  }
  // A ZIP no parser claims (a weekly bulk file, a zipped folder) is read entry by entry.
  if (isZip(source.head) && !detectParser(source, parsers)) {
    const archive = input.kind === 'file' ? { path: input.path } : { bytes: Buffer.from(input.bytes) };
    for await (const item of zipArchiveItems(archive, name)) {
      if (item.ok) yield* parseSource(item.source, parsers);
      else yield { ...item, retryable: false };
    }
    return;
  }
  yield* parseSource(source, parsers);
}

/** The documents of one source, or one failure naming it: empty, of no known format, or a parser that gave up. */
async function* parseSource(
  source: ParseSource,
  parsers: readonly DocumentParser[],
): AsyncGenerator<ParseOutcome> {
  const name = source.name;
  if (source.head.length === 0) {
    yield { ok: false, item: name, reason: 'empty file', retryable: false };
    return;
  }
  const parser = detectParser(source, parsers);
  if (!parser) {
    yield {
      ok: false,
      item: name,
      reason: `unsupported format: ${describeHead(source.head)}`,
      retryable: false,
    };
    return;
  }
  try {
    yield* parser.parse(source);
  } catch (error) {
    const reason = `${parser.format}: ${(error as Error).message.split('\n')[0]}`;
    yield { ok: false, item: name, reason, retryable: false };
  }
}

/** A reader that parses on the calling thread. */
export function inlineReader(parsers: readonly DocumentParser[] = defaultParsers): DocumentReader {
  return { read: (input) => readDocuments(input, parsers) };
}
