import {
  type Citation,
  type Review,
  type StoredSuggestion,
  type SuggestionStore,
  toCitation,
} from '../graph/index.ts';
import type { SuggestionView } from './api-schemas.ts';
import type { SuggestionService } from './ports.ts';

/** A suggestion as GET /v1/suggestions/:id and POST …/reviews answer: the list view plus its history. */
export interface SuggestionDetail extends SuggestionView {
  /** False when the last recomputation no longer proposed it (kept because it was reviewed). */
  current: boolean;
  evidenceDocuments: number;
  reviews: Review[];
}

/** Citation objects of design.md section 7, numbered from 1 in the stored order. */
export function toCitations(stored: StoredSuggestion): Citation[] {
  return stored.citations.map((citation, index) => toCitation(index + 1, citation));
}

/** The wire view of a stored suggestion (ranked list entry). */
export function toSuggestionView(stored: StoredSuggestion): SuggestionView {
  return {
    id: stored.id,
    productId: stored.productId,
    applicationId: stored.applicationId,
    applicationName: stored.applicationName,
    score: stored.score,
    // Reviewed suggestions that are no longer proposed have no rank.
    rank: stored.rank ?? 0,
    status: stored.status,
    components: stored.components,
    ...(stored.scoreGroups ? { scoreGroups: stored.scoreGroups } : {}),
    ...(stored.baseRate !== undefined && stored.baseRate !== null ? { baseRate: stored.baseRate } : {}),
    ...(stored.confidence ? { confidence: stored.confidence } : {}),
    ...(stored.support ? { support: stored.support } : {}),
    ...(stored.analogues && stored.analogues.length > 0 ? { analogues: stored.analogues } : {}),
    rationale: stored.rationale,
    createdAt: stored.createdAt,
    engineVersion: stored.engineVersion,
    model: stored.model,
    promptId: stored.promptId,
    citations: toCitations(stored),
    ...(stored.variants && stored.variants.length > 0 ? { variants: stored.variants } : {}),
    ...(stored.evidenceWithdrawn ? { evidenceWithdrawn: stored.evidenceWithdrawn } : {}),
  };
}

/** The wire view of one suggestion with its review history, oldest review first. */
export function toSuggestionDetail(stored: StoredSuggestion): SuggestionDetail {
  return {
    ...toSuggestionView(stored),
    current: stored.current ?? true,
    evidenceDocuments: Number(stored.evidenceDocuments ?? 0),
    reviews: stored.reviews.map((review) => ({
      id: review.id,
      suggestionId: review.suggestionId,
      decision: review.decision,
      comment: review.comment ?? '',
      reviewer: review.reviewer,
      at: review.at,
    })),
  };
}

/** SuggestionService that answers from persisted suggestions (what SuggestionEngine.compute saved). */
export function storedSuggestionService(
  store: Pick<SuggestionStore, 'listSuggestions' | 'heldBack'>,
): SuggestionService {
  return {
    heldBack: (productId) => store.heldBack(productId),
    list: async (productId, options) =>
      (await store.listSuggestions(productId, { status: options.status, limit: options.limit })).map(
        toSuggestionView,
      ),
  };
}
