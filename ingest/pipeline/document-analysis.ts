import type { Chunk } from '../../graph/index.ts';
import { chunkDocument } from '../chunk/section-chunker.ts';
import type { ExtractionResult, Extractor } from '../extract/extractor.ts';
import type { ParsedDocument } from '../parse/document-parser.ts';
import { extractionInputOf } from './extraction-records.ts';

/** The CPU-heavy, pure part of ingesting one document: its chunks and what the extractor found. */
export interface DocumentAnalysis {
  chunks: Chunk[];
  extraction: ExtractionResult;
}

/** Chunks and extracts parsed documents, inline or on worker threads; `name` is the extractor's. */
export interface DocumentAnalyzer {
  readonly name: string;
  analyze(parsed: ParsedDocument): Promise<DocumentAnalysis>;
}

/** Chunks a parsed document and runs the extractor over it (the stored text is the parsed text). */
export async function analyzeDocument(
  extractor: Extractor,
  parsed: ParsedDocument,
): Promise<DocumentAnalysis> {
  const chunks = chunkDocument(parsed);
  const extraction = await extractor.extract(
    extractionInputOf({ ...parsed, assignees: parsed.assignees ?? [] }, chunks),
  );
  return { chunks, extraction };
}

/** Analysis on the calling thread: for the CLI, tests and INGEST_THREADS=0. */
export function inlineAnalyzer(extractor: Extractor): DocumentAnalyzer {
  return { name: extractor.name, analyze: (parsed) => analyzeDocument(extractor, parsed) };
}
