import type { VocabularySnapshot } from '../../graph/index.ts';
import type { Extractor } from '../extract/extractor.ts';
import type { LexiconExtractor } from '../extract/lexicon-extractor.ts';
import type { Vocabulary, VocabularyExtension, VocabularyTerm } from '../extract/vocabulary.ts';
import {
  extendedFromSnapshot,
  graphVocabularyVersion,
  vocabularyFromSnapshot,
} from '../vocabulary/graph-vocabulary.ts';
import {
  createOfflineExtractor,
  createVocabularyExtractor,
  offlineExtractorName,
  vocabularyExtractorName,
} from './extractors.ts';
import { termsAfter, type VocabularyDelta } from './vocabulary-delta.ts';

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
      return buildGraphExtractor(spec, snapshot).extractor;
  }
}

/** A `graph` spec's extractor with the vocabulary it extracts with, which a later version may extend. */
export interface GraphExtractor {
  extractor: LexiconExtractor;
  vocabulary: Vocabulary;
}

export function buildGraphExtractor(
  spec: Extract<ExtractorSpec, { kind: 'graph' }>,
  snapshot: VocabularySnapshot,
): GraphExtractor {
  const vocabulary = vocabularyFromSnapshot(snapshot);
  return { extractor: createOfflineExtractor({ vocabulary, mining: spec.mining }), vocabulary };
}

/**
 * The extractor of a later snapshot made from `previous` in place, when that snapshot only adds terms
 * (a promotion): a thread then compiles the few new terms, not the whole vocabulary again. Undefined
 * when it must be built in full. `previous` is superseded once this returns one, or throws.
 */
export function extendGraphExtractor(
  previous: GraphExtractor,
  snapshot: VocabularySnapshot,
): GraphExtractor | undefined {
  return extendedBy(previous, extendedFromSnapshot(previous.vocabulary, snapshot));
}

/** The same from the terms a version adds to the one `previous` was built over (`VocabularyDelta`). */
export function extendGraphExtractorBy(
  previous: GraphExtractor,
  delta: VocabularyDelta,
): GraphExtractor | undefined {
  const terms = termsAfter<VocabularyTerm>(previous.vocabulary.terms, delta);
  return extendedBy(
    previous,
    terms && previous.vocabulary.extendedTo(terms, graphVocabularyVersion(delta.version)),
  );
}

function extendedBy(
  previous: GraphExtractor,
  extension: VocabularyExtension | undefined,
): GraphExtractor | undefined {
  if (!extension) return undefined;
  return { extractor: previous.extractor.extendedTo(extension), vocabulary: extension.vocabulary };
}

/** The name the spec's extractor will report, known without loading its vocabulary. */
export function extractorSpecName(spec: ExtractorSpec): string {
  return spec.kind === 'vocabulary' ? vocabularyExtractorName : offlineExtractorName;
}
