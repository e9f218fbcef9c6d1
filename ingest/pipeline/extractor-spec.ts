import type { VocabularySnapshot } from '../../graph/index.ts';
import type { Extractor } from '../extract/extractor.ts';
import { vocabularyFromSnapshot } from '../vocabulary/graph-vocabulary.ts';
import {
  createOfflineExtractor,
  createVocabularyExtractor,
  offlineExtractorName,
  vocabularyExtractorName,
} from './extractors.ts';

/**
 * An extractor a worker thread can build for itself: extractor objects (closures over compiled
 * vocabularies) cannot cross a thread boundary, their recipe can. `graph` is the offline extractor over
 * the graph's vocabulary of one version, whose snapshot the pool hands each worker once.
 */
export type ExtractorSpec =
  | { kind: 'offline'; mining?: boolean }
  | { kind: 'graph'; mining: boolean }
  | { kind: 'vocabulary'; path: string };

/** Builds the spec's extractor; a `graph` spec needs the snapshot of the version it extracts with. */
export function buildExtractor(spec: ExtractorSpec, snapshot?: VocabularySnapshot): Extractor {
  switch (spec.kind) {
    case 'offline':
      return createOfflineExtractor({ mining: spec.mining ?? true });
    case 'vocabulary':
      return createVocabularyExtractor(spec.path);
    case 'graph':
      if (!snapshot) throw new Error('a graph-vocabulary extractor needs the vocabulary snapshot');
      return createOfflineExtractor({ vocabulary: vocabularyFromSnapshot(snapshot), mining: spec.mining });
  }
}

/** The name the spec's extractor will report, known without loading its vocabulary. */
export function extractorSpecName(spec: ExtractorSpec): string {
  return spec.kind === 'vocabulary' ? vocabularyExtractorName : offlineExtractorName;
}
