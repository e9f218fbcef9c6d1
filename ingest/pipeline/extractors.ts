import type { Extractor } from '../extract/extractor.ts';
import { defaultLexiconPaths } from '../extract/lexicon-data.ts';
import { createLexiconExtractor, type LexiconExtractor } from '../extract/lexicon-extractor.ts';
import { loadDefaultCpcMap, loadDefaultLexicon, loadLexicon } from '../extract/lexicon-matcher.ts';
import type { Vocabulary } from '../extract/vocabulary.ts';

/** Name of the offline extractor on facts and in content hashes. */
export const offlineExtractorName = 'lexicon-v1';
/** Name of the back-test extractor over a task's vocabulary. */
export const vocabularyExtractorName = 'lexicon-task-vocabulary-v1';

/**
 * The offline default: a vocabulary (the bundled lexicon unless given, e.g. the graph's), patterns,
 * open mining of candidate terms (on unless `mining: false`) and the CPC → application map.
 */
export function createOfflineExtractor(
  options: { vocabulary?: Vocabulary; mining?: boolean } = {},
): LexiconExtractor {
  return createLexiconExtractor({
    vocabulary: options.vocabulary ?? loadDefaultLexicon(),
    cpcMap: loadDefaultCpcMap(),
    name: offlineExtractorName,
    mining: options.mining ?? true,
  });
}

/**
 * For back-tests: the task's vocabulary is the material/application lexicon (matched exactly as its
 * README defines), with our own property and organisation lexicons beside it. The task's relation is a
 * sentence co-mention, so every pair of a sentence is recorded (`relation: 'co-mention'`).
 */
export function createVocabularyExtractor(vocabularyPath: string): Extractor {
  const ours = defaultLexiconPaths.filter((file) => /(properties|organizations)\.json$/.test(file));
  return createLexiconExtractor({
    lexicon: loadLexicon(vocabularyPath, ...ours),
    name: vocabularyExtractorName,
    patterns: false,
    relation: 'co-mention',
  });
}
