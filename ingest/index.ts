/** Section-respecting chunking with exact offsets. */
export { chunkDocument } from './chunk/section-chunker.ts';
/** Entity extraction: the extractor contract, the vocabulary and its matcher, patterns, open term mining. */
export * from './extract/index.ts';
/** Deterministic document ids and content hashes. */
export { newsDocumentId, patentDocumentId, sha256 } from './parse/document-ids.ts';
/** The parser contract and the parsed-document records. */
export type {
  DocumentParser,
  ParsedDocument,
  ParsedSection,
  ParseOutcome,
  ParseSource,
} from './parse/document-parser.ts';
/** The article paragraphs of a news page without boilerplate. */
export { extractArticleParagraphs } from './parse/news/html-article-body.ts';
/** Title, date, byline and canonical URL of a news page. */
export { readHtmlMetadata } from './parse/news/html-metadata.ts';
/** Bytes to text by a declared charset, falling back to UTF-8 or windows-1252. */
export { decodeWithCharset } from './parse/news/text-decoding.ts';
/** Every parser in detection order, and content-based detection. */
export { defaultParsers, describeHead, detectParser } from './parse/parser-registry.ts';
/** Chunking + extraction of parsed documents, inline or on the ingestion pool's worker threads. */
export {
  analyzeDocument,
  type DocumentAnalysis,
  type DocumentAnalyzer,
  inlineAnalyzer,
} from './pipeline/document-analysis.ts';
/** Parsing of one input (file or fetched bytes) into documents, inline or on the pool. */
export {
  type DocumentReader,
  inlineReader,
  type ReadInput,
  readDocuments,
} from './pipeline/document-reader.ts';
/** What the extractor sees of a document, the same at ingestion and re-extraction. */
export { extractionInputOf } from './pipeline/extraction-records.ts';
/** Extractors worker threads can build for themselves (offline, over the graph vocabulary, back-test). */
export {
  buildExtractor,
  buildGraphExtractor,
  type ExtractorSpec,
  extendGraphExtractor,
  extendGraphExtractorBy,
  extractorSpecName,
  type GraphExtractor,
} from './pipeline/extractor-spec.ts';
/** Ready-made extractors: the offline default (mining on), and one over a back-test task's vocabulary. */
export {
  createOfflineExtractor,
  createVocabularyExtractor,
  offlineExtractorName,
} from './pipeline/extractors.ts';
/** Parsing, chunking and extraction on a piscina pool of worker threads (INGEST_THREADS). */
export {
  createIngestionPool,
  type IngestionPool,
  type IngestionPoolOptions,
  type IngestionPoolStats,
  IngestionWorkerError,
  type PoolAnalyzerOptions,
} from './pipeline/ingestion-pool.ts';
/** The ingestion pipeline and its run record. */
export {
  defaultLookAhead,
  emptyCounts,
  type IngestionDependencies,
  type IngestionOptions,
  type IngestionProgress,
  runIngestion,
  toGraphDocument,
} from './pipeline/run-ingestion.ts';
/** Re-extraction of stored documents after vocabulary changes, recorded as a `re-extract` run. */
export {
  type ReextractionDependencies,
  type ReextractionOptions,
  type ReextractionProgress,
  runReextraction,
} from './pipeline/run-reextraction.ts';
export { termsAfter, type VocabularyDelta, vocabularyDelta } from './pipeline/vocabulary-delta.ts';
/** Sources, schedules, run queues (in-process or BullMQ), leases, retries and polite fetching. */
export * from './schedule/index.ts';
/** Address checks by bytes: every special-purpose range, and the URL_ALLOW_LIST exceptions. */
export {
  type AddressAllowList,
  createAddressAllowList,
  isPrivateAddress,
  nonPublicRange,
} from './sources/address-policy.ts';
/** Whether a failed item may succeed on a later try (resource limits never do). */
export { isRetryableFailure } from './sources/failure-retryability.ts';
/** Opening files (gzip detected by content) and in-memory bodies as parse sources. */
export { bufferSource, isGzip, openFileSource, readAll } from './sources/file-source.ts';
/** Expanding paths and URLs into ingest items; walks stay inside their roots. */
export { type ExpandOptions, expandInputs, type InputItem } from './sources/input-items.ts';
/** Host resolution, pinned so the checked address is the one connected to. */
export type { HostResolver } from './sources/pinned-target.ts';
/** Streaming a URL to a temporary file with a size cap (bulk files). */
export { type DownloadedFile, type DownloadOptions, downloadToFile } from './sources/safe-download.ts';
/** Fetching URLs with non-public-address refusal, limits and retryability. */
export { FetchError, type FetchedBody, type SafeFetchOptions, safeFetch } from './sources/safe-fetch.ts';
/** The graph vocabulary: seeding the bundled lexicon, compiling it per version, promoting mined terms. */
export * from './vocabulary/index.ts';
