import type { Extractor } from '../extract/extractor.ts';
import {
  createOfflineExtractor,
  createVocabularyExtractor,
  OFFLINE_EXTRACTOR_NAME,
  VOCABULARY_EXTRACTOR_NAME,
} from './extractors.ts';

/**
 * Names an extractor that a worker thread can build for itself: extractor objects (closures over
 * loaded lexicons) cannot cross a thread boundary, their recipe can.
 */
export type ExtractorSpec = { kind: 'offline' } | { kind: 'vocabulary'; path: string };

export function buildExtractor(spec: ExtractorSpec): Extractor {
  return spec.kind === 'offline' ? createOfflineExtractor() : createVocabularyExtractor(spec.path);
}

/** The name the spec's extractor will report, known without loading its lexicon. */
export function extractorSpecName(spec: ExtractorSpec): string {
  return spec.kind === 'offline' ? OFFLINE_EXTRACTOR_NAME : VOCABULARY_EXTRACTOR_NAME;
}
