import { createOfflineExtractor, type Extractor, type ExtractorSpec } from '../ingest/index.ts';
import type { Config } from './config.ts';

/**
 * The extractor for ingestion runs: offline (lexicon + patterns). The LLM structured-output extractor
 * (`ingest/extract/llm-extractor.ts`) is built and tested but not yet chained into runs, so a configured
 * LLM does not change ingestion today.
 */
export async function createExtractor(_config: Config): Promise<Extractor> {
  return createOfflineExtractor();
}

/** The same extractor as a recipe worker threads can build (the extraction pool). */
export function createExtractorSpec(_config: Config): ExtractorSpec {
  return { kind: 'offline' };
}
