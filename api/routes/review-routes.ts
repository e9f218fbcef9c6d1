import { createHash, randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import type { ApiKey, ReviewRecorder, SuggestionProvenance, SuggestionStore } from '../../graph/index.ts';
import { idParamsSchema } from '../api-schemas.ts';
import { ConflictHttpError, NotFoundHttpError, UnauthorizedError } from '../http/http-errors.ts';
import { type MountOptions, mountRoutes } from '../http/mount-routes.ts';
import { forCaller } from '../http/redaction.ts';
import { defineRoute, type Route } from '../http/route-definition.ts';
import {
  provenanceSchema,
  reviewBodySchema,
  reviewHeadersSchema,
  reviewListSchema,
  type SuggestionProvenanceView,
  suggestionDetailSchema,
} from '../review-schemas.ts';
import { toSuggestionDetail } from '../suggestion-view.ts';

export interface ReviewRoutesOptions {
  suggestionStore: Pick<SuggestionStore, 'getSuggestion'>;
  /** Writes a review and its audit event in one transaction (idempotent per client key). */
  reviews: ReviewRecorder;
  /** Reads CITES spans, documents (with text, to re-check quotes) and ingest runs of a suggestion. */
  readProvenance: (suggestionId: string) => Promise<SuggestionProvenance>;
  now?: () => Date;
  generateId?: () => string;
}

/** `matscout-discovery/1; model prior-popularity-adamic-adar v1` → engine + scoring model name/version. */
export function parseEngineVersion(engineVersion: string): {
  engine: string;
  scoringModel?: { name: string; version: string };
} {
  const [engine = '', ...rest] = engineVersion.split(';').map((part) => part.trim());
  for (const part of rest) {
    const match = /^model\s+(\S+)\s+v(\S+)$/.exec(part);
    if (match?.[1] && match[2]) return { engine, scoringModel: { name: match[1], version: match[2] } };
  }
  return { engine };
}

function reviewerOf(principal: ApiKey): string {
  return principal.name ? `${principal.name} (${principal.id})` : principal.id;
}

function requirePrincipal(principal: ApiKey | undefined): ApiKey {
  if (!principal) throw new UnauthorizedError('missing API key: send Authorization: Bearer <key>');
  return principal;
}

const notFound = (id: string) => new NotFoundHttpError(`suggestion '${id}' not found`);

/** What a review request asks, so a reused Idempotency-Key with a different request is caught. */
function reviewFingerprint(suggestionId: string, body: { decision: string; comment: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([suggestionId, body.decision, body.comment]))
    .digest('hex');
}

/**
 * POST /v1/suggestions/:id/reviews (reviewer), GET /v1/suggestions/:id, GET /v1/suggestions/:id/reviews and
 * GET /v1/suggestions/:id/provenance (any key). Every review also writes an AuditEvent.
 */
export function reviewRoutes(options: ReviewRoutesOptions): Route[] {
  const now = options.now ?? (() => new Date());
  const generateId = options.generateId ?? randomUUID;
  const { suggestionStore } = options;
  const load = async (id: string) => {
    const stored = await suggestionStore.getSuggestion(id);
    if (!stored) throw notFound(id);
    return stored;
  };
  return [
    defineRoute({
      method: 'post',
      path: '/v1/suggestions/{id}/reviews',
      operationId: 'reviewSuggestion',
      summary: 'Accept, reject or defer a suggestion; answers the updated suggestion',
      description:
        'Sets the status (accepted, rejected, deferred), appends to the review history and writes an audit ' +
        'event, all in one transaction. Rejected suggestions are not proposed again unless new evidence ' +
        'appears. With an `Idempotency-Key` header a retried request is recorded once.',
      tags: ['suggestions'],
      access: 'reviewer',
      params: idParamsSchema,
      body: reviewBodySchema,
      headers: reviewHeadersSchema,
      responses: {
        200: {
          description:
            'the updated suggestion with its review history (a replay under the same Idempotency-Key answers ' +
            'the first result again, with `Idempotent-Replayed: true`)',
          schema: suggestionDetailSchema,
        },
        404: { description: 'no such suggestion' },
        409: { description: 'the Idempotency-Key was already used for a different request' },
      },
      handle: async ({ params, body, headers, principal }) => {
        const key = requirePrincipal(principal);
        const clientKey = headers['Idempotency-Key'];
        const request = { decision: body.decision, comment: body.comment.trim() };
        const outcome = await options.reviews.recordReview({
          review: {
            id: `review:${generateId()}`,
            suggestionId: params.id,
            decision: body.decision,
            comment: request.comment,
            reviewer: reviewerOf(key),
            at: now().toISOString(),
          },
          audit: { id: `audit:${generateId()}`, actor: key.id, details: { role: key.role } },
          ...(clientKey
            ? {
                idempotency: {
                  key: `${key.id}:${clientKey}`,
                  fingerprint: reviewFingerprint(params.id, request),
                },
              }
            : {}),
        });
        switch (outcome.status) {
          case 'not-found':
            throw notFound(params.id);
          case 'key-reused':
            throw new ConflictHttpError(
              'this Idempotency-Key was already used for a different review request; send a new key',
            );
          case 'replayed':
            return {
              body: toSuggestionDetail(outcome.suggestion),
              headers: { 'Idempotent-Replayed': 'true' },
            };
          case 'recorded':
            return { body: toSuggestionDetail(outcome.suggestion) };
        }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/suggestions/{id}',
      operationId: 'getSuggestion',
      summary: 'One suggestion with score components, citations and review history',
      tags: ['suggestions'],
      access: 'researcher',
      params: idParamsSchema,
      responses: {
        200: { description: 'the suggestion', schema: suggestionDetailSchema },
        404: { description: 'no such suggestion' },
      },
      handle: async ({ params }) => ({ body: toSuggestionDetail(await load(params.id)) }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/suggestions/{id}/reviews',
      operationId: 'listSuggestionReviews',
      summary: 'Review history of a suggestion, oldest first',
      tags: ['suggestions'],
      access: 'researcher',
      params: idParamsSchema,
      responses: {
        200: { description: 'the reviews', schema: reviewListSchema },
        404: { description: 'no such suggestion' },
      },
      handle: async ({ params }) => {
        const detail = toSuggestionDetail(await load(params.id));
        return { body: { suggestionId: detail.id, status: detail.status, reviews: detail.reviews } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/suggestions/{id}/provenance',
      operationId: 'getSuggestionProvenance',
      summary: 'How a suggestion came about: engine, model, prompts, cited documents, ingest runs',
      description:
        'Each citation is re-checked against the stored document text: `reproduces` is true when ' +
        '`document.text.slice(start, end) === quote`. Only documents that exist are listed; citations of ' +
        "retracted documents are listed under `withdrawnCitations` with the retraction's audit event.",
      tags: ['suggestions'],
      access: 'researcher',
      params: idParamsSchema,
      responses: {
        200: { description: 'the provenance', schema: provenanceSchema },
        404: { description: 'no such suggestion' },
      },
      handle: async ({ params, principal }) => {
        const detail = toSuggestionDetail(await load(params.id));
        const provenance = await options.readProvenance(detail.id);
        const body: SuggestionProvenanceView = {
          suggestionId: detail.id,
          productId: detail.productId,
          applicationId: detail.applicationId,
          status: detail.status,
          createdAt: detail.createdAt,
          engineVersion: detail.engineVersion,
          scoring: {
            ...parseEngineVersion(detail.engineVersion),
            score: detail.score,
            components: detail.components,
          },
          model: detail.model,
          promptIds: detail.promptId && detail.promptId !== 'none' ? [detail.promptId] : [],
          reviews: detail.reviews,
          citations: provenance.citations,
          allCitationsReproduce:
            provenance.citations.length > 0 && provenance.citations.every((citation) => citation.reproduces),
          ...(detail.evidenceWithdrawn ? { evidenceWithdrawn: detail.evidenceWithdrawn } : {}),
          withdrawnCitations: provenance.withdrawnCitations,
          documents: provenance.documents,
          ingestRuns: forCaller(provenance.ingestRuns, principal),
        };
        return { body };
      },
    }),
  ];
}

/**
 * The same routes on their own express Router (auth, rate limit, body parsing and validation included),
 * for mounting outside createApp. Inside createApp pass `reviewRoutes(...)` in `deps.routes` instead, so the
 * routes are also in /openapi.json; add the app's errorHandler after this router either way.
 */
export function reviewRouter(options: ReviewRoutesOptions & MountOptions): Router {
  const router = express.Router();
  mountRoutes(router, reviewRoutes(options), options);
  return router;
}
