/**
 * The extraction folder's public surface: the extractor contract, vocabularies (bundled lexicon,
 * catalog, user and mined terms), the matcher, the offline and LLM extractors, open term mining and
 * the support counting that promotes mined terms.
 */

/** Entity ids from a label and a name or key (`material:silica-aerogel`), and each label's id prefix. */
export { entityId, entityIdPrefix } from '../resolve/canonical-keys.ts';
/** Stable keys of open-vocabulary terms (variants share one). */
export { canonicalTermKey, headWordOf } from '../resolve/term-keys.ts';
/** Several extractors over one document, their results united (offline first, then an LLM). */
export { ChainedExtractor } from './chained-extractor.ts';
/** A digest of an extraction (equal digests: re-extracting changes nothing). */
export { extractionDigest } from './extraction-digest.ts';
/** The extractor contract and its records. */
export type { ExtractionInput, ExtractionResult, Extractor, MinedCandidate } from './extractor.ts';
/** Lexicon files (ours and a task's vocab.json) and the CPC map. */
export { defaultLexiconPaths, LexiconFileError, readLexiconFile } from './lexicon-data.ts';
/** The offline lexicon + patterns (+ optional mining) extractor. */
export {
  createLexiconExtractor,
  LexiconExtractor,
  type LexiconExtractorOptions,
} from './lexicon-extractor.ts';
/** Matching vocabulary mentions in a text, and the lexicon-era helpers. */
export {
  createLexicon,
  finalizeMentions,
  Lexicon,
  type LexiconMention,
  loadDefaultCpcMap,
  loadDefaultLexicon,
  loadLexicon,
  matchMentions,
} from './lexicon-matcher.ts';
/** Vocabularies from lexicon files; the bundled one, its stop phrases and its seed for the graph. */
export {
  bundledLexiconSeed,
  bundledStopPhrases,
  lexiconTerms,
  loadDefaultVocabulary,
  vocabularyFromLexiconData,
  vocabularyFromLexiconFiles,
} from './lexicon-vocabulary.ts';
/** The structured-output LLM extractor (quotes located in the text, or the fact dropped and counted). */
export {
  createLlmExtractor,
  LlmExtractionError,
  LlmExtractor,
  type LlmExtractorOptions,
  type StructuredOutputModel,
} from './llm-extractor.ts';
/** Inferring the broader vocabulary term of a mined term. */
export { type BroaderTerm, inferBroader, knownTermId } from './mining/broader-terms.ts';
/** Chemistry notation (formulas, alloys, doped materials, nomenclature names, grades). */
export { type ChemistrySpan, findChemistrySpans, isFormulaToken } from './mining/chemistry-spans.ts';
/** Part-of-speech taggers for noun-phrase boundaries (wink-nlp is the default). */
export { CompromisePosTagger } from './mining/compromise-pos-tagger.ts';
export type { PartOfSpeech, PosTagger, TaggedToken } from './mining/pos-tagger.ts';
/** Open mining of Material and Application candidates in one sentence. */
export { defaultPosTagger, type MinedTerm, type MiningOptions, mineTerms } from './mining/term-miner.ts';
/** Counting mined-term support across documents and the promotion threshold. */
export {
  type CandidateGroup,
  type CandidateOccurrence,
  CandidateSupport,
  defaultPromotionThreshold,
} from './mining/term-support.ts';
export type { MiningCue } from './mining/use-cues.ts';
export { WinkPosTagger } from './mining/wink-pos-tagger.ts';
/** Chemical formula and polymer-name patterns. */
export { findFormulas, findPolymerNames } from './patterns.ts';
/** The most specific reading of overlapping spans. */
export { mentionSpans, minedSpans, patternSpans, selectSpecificSpans, type TermSpan } from './term-spans.ts';
/** Vocabulary terms with origin, broader links and a version. */
export {
  buildVocabulary,
  surfaceForms,
  type TermOrigin,
  Vocabulary,
  type VocabularyOptions,
  type VocabularyTerm,
} from './vocabulary.ts';
