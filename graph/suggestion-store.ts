import type { EvidenceWithdrawal } from './document-retraction.ts';
import type { CitationSpan, HeldBack, PassageSpan, Review, Suggestion, SuggestionStatus } from './model.ts';

/** A suggestion as read back, with its citations resolved to chunks and documents. */
export interface StoredSuggestion extends Omit<Suggestion, 'citations'> {
  /** False when the last recomputation no longer proposed it (kept because it was reviewed). */
  current: boolean;
  applicationName: string;
  /** Distinct documents behind the evidence when it was last computed (the feedback loop compares it). */
  evidenceDocuments: number;
  /** Evidence documents when it was last reviewed. */
  evidenceDocumentsAtReview?: number;
  /** In the stored order; `quote` is cut from the chunk text at the span's offsets. */
  citations: PassageSpan[];
  reviews: Review[];
  /** Set when a retraction took cited evidence away (the latest one; provenance lists every withdrawn citation). */
  evidenceWithdrawn?: EvidenceWithdrawal;
}

export interface SuggestionWrite extends Omit<Suggestion, 'status'> {
  citations: CitationSpan[];
  evidenceDocuments: number;
  /** The documents behind the evidence; a rejected suggestion returns only when one outside this set appears. */
  evidenceDocumentIds: string[];
}

/** Review state of one application of a product, for the feedback loop. */
export interface ReviewedApplication {
  status: SuggestionStatus;
  evidenceDocumentsAtReview: number;
  evidenceDocumentIdsAtReview: string[];
}

/** Suggestions with citation spans and reviews; Neo4jSuggestionStore is the production implementation. */
export interface SuggestionStore {
  /**
   * Replaces the product's current suggestions with a new ranking. Review status and history survive:
   * a reviewed suggestion that is no longer proposed is kept with `current: false`; unreviewed ones vanish.
   */
  saveSuggestions(productId: string, suggestions: SuggestionWrite[], heldBack?: HeldBack): Promise<void>;
  /** Candidates the last computation did not list, counted per reason (undefined before the first). */
  heldBack(productId: string): Promise<HeldBack | undefined>;
  listSuggestions(
    productId: string,
    options?: { status?: SuggestionStatus; limit?: number; includeStale?: boolean },
  ): Promise<StoredSuggestion[]>;
  getSuggestion(id: string): Promise<StoredSuggestion | undefined>;
  /** Review state per application of a product, for the feedback loop. */
  reviewedApplications(productId: string): Promise<Map<string, ReviewedApplication>>;
  /** Records a review, changes the status and remembers the evidence it was judged on. */
  addReview(review: Review): Promise<StoredSuggestion | undefined>;
}
