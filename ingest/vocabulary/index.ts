/** The graph vocabulary on the ingestion side: seeding, compiling per version, extraction, promotion. */

/** Promoting mined candidates to entities (origin `mined`, support, BROADER). */
export {
  type CandidatePromotionDependencies,
  miningActor,
  type PromotionOutcome,
  promoteCandidates,
  promotionOf,
} from './candidate-promotion.ts';
/** The graph's vocabulary compiled once per version. */
export { GraphVocabulary, type GraphVocabularyState, vocabularyFromSnapshot } from './graph-vocabulary.ts';
/** Extraction with the graph's current vocabulary (results record its version). */
export {
  GraphVocabularyExtractor,
  type GraphVocabularyExtractorOptions,
  withoutRetired,
} from './graph-vocabulary-extractor.ts';
/** Seeding the graph with the bundled lexicon (idempotent). */
export { seedBundledLexicon } from './lexicon-seed.ts';
/** One read of each vocabulary version for everything in a run that compiles or sends it. */
export { sharedSnapshots, type VocabularySource } from './shared-snapshots.ts';
