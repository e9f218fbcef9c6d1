import type { CandidateOccurrenceWrite } from './graph-store.ts';
import type { Chunk, Entity, Fact, GraphDocument, Mention } from './model.ts';

/** What a stored document offers extraction: its text and chunks, never re-parsed. */
export interface ExtractionSource {
  document: GraphDocument;
  chunks: Chunk[];
}

/** A new extraction of a stored document, replacing its mentions, facts and candidate occurrences. */
export interface ExtractionReplacement {
  documentId: string;
  /**
   * The content hash of the document version that was extracted: a document ingested again since it
   * was read is left as that run wrote it (`superseded`), since these spans are on the text it had.
   */
  contentHash: string;
  /** Absent when the document states no date. */
  publishedAt?: string | undefined;
  vocabularyVersion: number;
  /** Digest of the extraction; equal to the stored one → nothing is rewritten. */
  extractionHash: string;
  entities: Entity[];
  mentions: Mention[];
  facts: Fact[];
  candidates?: CandidateOccurrenceWrite[];
}

export interface ReplacementResult {
  documentId: string;
  /** `missing`: the document is gone; `superseded`: it holds another version than the one extracted. */
  status: 'updated' | 'unchanged' | 'missing' | 'superseded';
  chunks: number;
  mentions: number;
  facts: number;
  candidates: number;
}

/** Which stored documents a vocabulary change may affect (see `VocabularyChange`). */
export interface StaleDocumentQuery {
  /** Only documents extracted with an older vocabulary than this. */
  version: number;
  /** Surface forms searched as exact phrases in the chunk full-text index. */
  surfaces: readonly string[];
  /** Documents whose chunks mention, or whose facts name, these entities. */
  entityIds: readonly string[];
  documentIds: readonly string[];
  /** Every stored document. */
  all: boolean;
}

/** Stored chunks extracted again after a vocabulary change (no re-parse). */
export interface ReextractionStore {
  /** Ids of documents the change may affect that were extracted with an older vocabulary, sorted. */
  findStaleDocuments(query: StaleDocumentQuery): Promise<string[]>;
  /** Documents with their chunks, in the order asked; missing ids are left out. */
  readExtractionSources(ids: readonly string[]): Promise<ExtractionSource[]>;
  /**
   * Replaces each document's extraction in one transaction (fast paths recomputed; the mined candidates
   * touched are marked for `GraphStore.refreshStaleCandidates`); a document whose extraction digest is
   * unchanged only records the version; one that holds another version than the one extracted (ingested
   * again since) is left as it is (`superseded`).
   */
  replaceExtractions(replacements: readonly ExtractionReplacement[]): Promise<ReplacementResult[]>;
}
