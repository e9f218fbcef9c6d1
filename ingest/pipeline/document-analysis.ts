import type { Chunk } from '../../graph/index.ts';
import { chunkDocument } from '../chunk/section-chunker.ts';
import type { ExtractionResult, Extractor, TagMemory } from '../extract/extractor.ts';
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
  /** `tags`: whether the run may analyse this document again, or does (see `ExtractionInput.tags`). */
  analyze(parsed: ParsedDocument, options?: AnalysisOptions): Promise<DocumentAnalysis>;
}

export interface AnalysisOptions {
  tags?: TagMemory;
}

/** Chunks a parsed document and runs the extractor over it (the stored text is the parsed text). */
export async function analyzeDocument(
  extractor: Extractor,
  parsed: ParsedDocument,
  options: AnalysisOptions = {},
): Promise<DocumentAnalysis> {
  const chunks = chunkDocument(parsed);
  const input = extractionInputOf({ ...parsed, assignees: parsed.assignees ?? [] }, chunks);
  const extraction = await extractor.extract(options.tags ? { ...input, tags: options.tags } : input);
  return { chunks, extraction };
}

/** Analysis on the calling thread: for the CLI, tests and INGEST_THREADS=0. */
export function inlineAnalyzer(extractor: Extractor): DocumentAnalyzer {
  return { name: extractor.name, analyze: (parsed, options) => analyzeDocument(extractor, parsed, options) };
}
