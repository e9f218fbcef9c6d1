import type { Extractor } from '../extract/extractor.ts';
import { defaultLexiconPaths } from '../extract/lexicon-data.ts';
import { createLexiconExtractor } from '../extract/lexicon-extractor.ts';
import { loadDefaultCpcMap, loadDefaultLexicon, loadLexicon } from '../extract/lexicon-matcher.ts';

/** Extractor names go into every content hash: a new name re-extracts stored documents. */
export const OFFLINE_EXTRACTOR_NAME = 'lexicon-v1';
export const VOCABULARY_EXTRACTOR_NAME = 'lexicon-task-vocabulary-v1';

/** The offline default: the bundled lexicon, patterns and the CPC → application map. */
export function createOfflineExtractor(): Extractor {
  return createLexiconExtractor({
    lexicon: loadDefaultLexicon(),
    cpcMap: loadDefaultCpcMap(),
    name: OFFLINE_EXTRACTOR_NAME,
  });
}

/**
 * For back-tests: the task's vocabulary is the material/application lexicon (matched exactly as its
 * README defines), with our own property and organisation lexicons beside it.
 */
export function createVocabularyExtractor(vocabularyPath: string): Extractor {
  const ours = defaultLexiconPaths.filter((file) => /(properties|organizations)\.json$/.test(file));
  return createLexiconExtractor({
    lexicon: loadLexicon(vocabularyPath, ...ours),
    name: VOCABULARY_EXTRACTOR_NAME,
    patterns: false,
  });
}
