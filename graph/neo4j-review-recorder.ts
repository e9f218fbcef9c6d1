import type { ManagedTransaction } from 'neo4j-driver';
import type { Review, SuggestionStatus } from './model.ts';
import { recordAuditEvent } from './neo4j-audit-log.ts';
import { Neo4jSessionStore } from './neo4j-session.ts';
import { readStoredSuggestion } from './neo4j-suggestion-store.ts';
import type { StoredSuggestion } from './suggestion-store.ts';

/** A client's idempotency key for one request, already scoped to the client (e.g. `<api key id>:<key>`). */
export interface IdempotencyClaim {
  key: string;
  /** A digest of what the request asks; the same key with another fingerprint is refused. */
  fingerprint: string;
}

export interface ReviewRequest {
  review: Review;
  /** The audit event's id, actor and extra details; the status before and after are read in the transaction. */
  audit: { id: string; actor: string; details?: Record<string, unknown> };
  idempotency?: IdempotencyClaim;
}

/**
 * `recorded`: the review, its audit event (and the idempotency key) committed together; `replayed`: the key
 * was used before for the same request, nothing was written and the first result comes back;
 * `key-reused`: the key was used for a different request; `not-found`: no such suggestion.
 */
export type ReviewOutcome =
  | { status: 'recorded'; suggestion: StoredSuggestion }
  | { status: 'replayed'; suggestion: StoredSuggestion }
  | { status: 'key-reused' }
  | { status: 'not-found' };

/** Records reviews atomically with their audit trail. */
export interface ReviewRecorder {
  recordReview(request: ReviewRequest): Promise<ReviewOutcome>;
}

// A write before the read takes the suggestion's lock, so two reviews at once see each other's status.
export const LOCK_SUGGESTION = `
MATCH (s:Suggestion {id: $id})
SET s.reviewLock = true
REMOVE s.reviewLock
RETURN s.id AS id`;

// MERGE on a unique key: a second request with the same key waits for the first to commit, then sees it.
export const CLAIM_IDEMPOTENCY_KEY = `
MERGE (k:IdempotencyKey {id: $key})
ON CREATE SET k.fingerprint = $fingerprint, k.createdAt = $at, k.claimedBy = $claim, k.operation = 'review'
RETURN k.claimedBy = $claim AS claimed, k.fingerprint AS fingerprint, k.resultJson AS resultJson`;

export const APPLY_REVIEW = `
MATCH (s:Suggestion {id: $review.suggestionId})
WITH s, s.status AS previousStatus
CREATE (r:Review {id: $review.id, suggestionId: $review.suggestionId, decision: $review.decision,
                  comment: $review.comment, reviewer: $review.reviewer, at: $review.at,
                  previousStatus: previousStatus, evidenceDocuments: s.evidenceDocuments})
CREATE (r)-[:REVIEWS]->(s)
SET s.status = $status, s.evidenceDocumentsAtReview = s.evidenceDocuments,
    s.evidenceDocumentIdsAtReview = coalesce(s.evidenceDocumentIds, []), s.reviewedAt = $review.at
RETURN previousStatus, s.status AS status, s.productId AS productId, s.applicationId AS applicationId`;

export const STORE_IDEMPOTENT_RESULT = `
MATCH (k:IdempotencyKey {id: $key})
SET k.resultJson = $resultJson, k.reviewId = $reviewId`;

const statusOfDecision: Record<Review['decision'], SuggestionStatus> = {
  accept: 'accepted',
  reject: 'rejected',
  defer: 'deferred',
};

async function claim(
  tx: ManagedTransaction,
  request: ReviewRequest,
  idempotency: IdempotencyClaim,
): Promise<ReviewOutcome | undefined> {
  const record = (
    await tx.run(CLAIM_IDEMPOTENCY_KEY, {
      key: idempotency.key,
      fingerprint: idempotency.fingerprint,
      at: request.review.at,
      claim: request.review.id,
    })
  ).records[0];
  if (!record || record.get('claimed') === true) return undefined;
  if (record.get('fingerprint') !== idempotency.fingerprint) return { status: 'key-reused' };
  const resultJson = record.get('resultJson');
  return { status: 'replayed', suggestion: JSON.parse(String(resultJson)) as StoredSuggestion };
}

/**
 * ReviewRecorder on Neo4j: in ONE write transaction it locks the suggestion, claims the idempotency key,
 * creates the Review and moves the status, writes the AuditEvent (with the status read under the lock),
 * and stores the answer under the key. If any step fails (the audit write included) nothing is kept.
 */
export class Neo4jReviewRecorder extends Neo4jSessionStore implements ReviewRecorder {
  recordReview(request: ReviewRequest): Promise<ReviewOutcome> {
    const { review, audit, idempotency } = request;
    return this.write(async (tx): Promise<ReviewOutcome> => {
      const locked = await tx.run(LOCK_SUGGESTION, { id: review.suggestionId });
      if (locked.records.length === 0) return { status: 'not-found' };
      if (idempotency) {
        const earlier = await claim(tx, request, idempotency);
        if (earlier) return earlier;
      }
      const applied = (await tx.run(APPLY_REVIEW, { review, status: statusOfDecision[review.decision] }))
        .records[0];
      if (!applied) return { status: 'not-found' };
      await recordAuditEvent(tx, {
        id: audit.id,
        type: 'review',
        actor: audit.actor,
        at: review.at,
        targetId: review.suggestionId,
        details: {
          reviewId: review.id,
          decision: review.decision,
          comment: review.comment,
          previousStatus: applied.get('previousStatus'),
          status: applied.get('status'),
          productId: applied.get('productId'),
          applicationId: applied.get('applicationId'),
          ...audit.details,
        },
      });
      const suggestion = await readStoredSuggestion(tx, review.suggestionId);
      if (!suggestion) return { status: 'not-found' };
      if (idempotency) {
        await tx.run(STORE_IDEMPOTENT_RESULT, {
          key: idempotency.key,
          resultJson: JSON.stringify(suggestion),
          reviewId: review.id,
        });
      }
      return { status: 'recorded', suggestion };
    });
  }
}
