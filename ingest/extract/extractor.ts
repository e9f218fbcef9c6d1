import type { Chunk, Entity, Fact, Mention } from '../../graph/index.ts';
import type { CandidateOccurrence } from './mining/term-support.ts';

/** See `ExtractionInput.tags`. */
export type TagMemory = 'remember' | 'reuse';

/** What an extractor sees: one document's stored text and its chunks (offsets into `text`). */
export interface ExtractionInput {
  documentId: string;
  kind: 'patent' | 'news' | 'report';
  title: string;
  text: string;
  /** Absent when the document states no date. */
  publishedAt?: string;
  assignees: string[];
  chunks: Chunk[];
  /**
   * What the run may do with what depends on the text alone, such as part-of-speech tags: `remember` it
   * (the run holds the document in a promotion window and may analyse it again), or `reuse` what was
   * remembered (it analyses the document again: a mined term it names was promoted since).
   */
  tags?: TagMemory;
}

/**
 * Entities (resolved to canonical ids such as `material:polyethylene-terephthalate`), mentions with
 * offsets into the document text, and per-document reified facts whose evidence spans lie inside a
 * chunk. `dropped` counts facts discarded because their evidence could not be located in the text.
 */
export interface ExtractionResult {
  entities: Entity[];
  mentions: Mention[];
  facts: Fact[];
  dropped: number;
  /** Open-vocabulary candidates (not yet entities) when the extractor mines terms. */
  candidates?: MinedCandidate[];
  /** Version of the vocabulary the extraction matched against. */
  vocabularyVersion?: string;
  /** The graph vocabulary version, when the vocabulary was read from the graph. */
  vocabularyGraphVersion?: number;
}

/** A mined candidate term of one document, with its sentence as evidence. */
export interface MinedCandidate extends CandidateOccurrence {
  chunkId: string;
  sentence: { start: number; end: number };
  /** Head word of the key ("medical packaging" → "packaging"). */
  head: string;
  /** The nearest broader vocabulary term, when one is known. */
  broaderId?: string;
}

/** The contract of every extractor (lexicon + patterns offline, LLM structured output when configured). */
export interface Extractor {
  readonly name: string;
  extract(input: ExtractionInput): Promise<ExtractionResult>;
}
