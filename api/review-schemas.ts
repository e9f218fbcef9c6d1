import { z } from 'zod';
import {
  citedDocumentSchema,
  ingestRunStatuses,
  passageSpanSchema,
  suggestionStatuses,
} from '../graph/index.ts';
// Importing api-schemas also runs extendZodWithOpenApi, which `.openapi(...)` below needs.
import { evidenceWithdrawnSchema, suggestionViewSchema } from './api-schemas.ts';

/** Wire schemas of the review and provenance routes (design.md section 7). */

export const reviewDecisions = ['accept', 'reject', 'defer'] as const;

export const reviewBodySchema = z
  .strictObject({
    decision: z.enum(reviewDecisions, { error: "decision must be 'accept', 'reject' or 'defer'" }),
    // Trimmed when stored; the limit applies to what is sent, as the schema says.
    comment: z.string().max(2000, 'comment must be at most 2000 characters').default(''),
  })
  .openapi('ReviewRequest');

export const reviewHeadersSchema = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[!-~]{1,200}$/, 'Idempotency-Key must be 1 to 200 visible ASCII characters')
    .optional()
    .openapi({
      description:
        'Any unique value per review request (e.g. a UUID). A retry with the same key (from the same API key) ' +
        'answers the first result and records nothing new; the same key with a different request is a 409.',
    }),
});

export const reviewRecordSchema = z
  .object({
    id: z.string(),
    suggestionId: z.string(),
    decision: z.enum(reviewDecisions),
    comment: z.string(),
    reviewer: z.string(),
    at: z.string(),
  })
  .openapi('Review');

export const suggestionDetailSchema = z
  .object({
    ...suggestionViewSchema.shape,
    current: z.boolean(),
    evidenceDocuments: z.number().int(),
    reviews: z.array(reviewRecordSchema),
  })
  .openapi('SuggestionDetail');

export const reviewListSchema = z
  .object({
    suggestionId: z.string(),
    status: z.enum(suggestionStatuses),
    reviews: z.array(reviewRecordSchema),
  })
  .openapi('ReviewList');

const provenanceDocumentSchema = z.object(citedDocumentSchema.shape).openapi('ProvenanceDocument');

export const withdrawnCitationSchema = z
  .object({
    n: z.number().int().optional(),
    chunkId: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    section: z.string().optional(),
    page: z.number().int().optional(),
    document: z.object({
      id: z.string(),
      title: z.string().optional(),
      kind: z.string().optional(),
      number: z.string().optional(),
      url: z.string().optional(),
      publishedAt: z.string().optional(),
    }),
    auditEventId: z.string(),
    withdrawnAt: z.string(),
    reason: z.string().optional(),
  })
  .openapi('WithdrawnCitation');

export const provenanceSchema = z
  .object({
    suggestionId: z.string(),
    productId: z.string(),
    applicationId: z.string(),
    status: z.enum(suggestionStatuses),
    createdAt: z.string(),
    engineVersion: z.string(),
    scoring: z.object({
      engine: z.string(),
      scoringModel: z.object({ name: z.string(), version: z.string() }).optional(),
      score: z.number(),
      components: z.record(z.string(), z.number()),
    }),
    model: z.string(),
    promptIds: z.array(z.string()),
    reviews: z.array(reviewRecordSchema),
    citations: z.array(
      z.object({
        ...passageSpanSchema.shape,
        n: z.number().int(),
        reproduces: z
          .boolean()
          .openapi({ description: 'document.text.slice(start, end) === quote, re-checked on read' }),
        document: provenanceDocumentSchema.optional(),
      }),
    ),
    allCitationsReproduce: z.boolean(),
    evidenceWithdrawn: evidenceWithdrawnSchema.optional(),
    withdrawnCitations: z
      .array(withdrawnCitationSchema)
      .openapi({ description: 'citations that retracted documents took away, oldest first' }),
    documents: z.array(provenanceDocumentSchema),
    ingestRuns: z.array(
      z.object({
        id: z.string(),
        status: z.enum(ingestRunStatuses),
        startedAt: z.string(),
        finishedAt: z.string().optional(),
        source: z.string(),
      }),
    ),
  })
  .openapi('SuggestionProvenance');

export type ReviewBody = z.infer<typeof reviewBodySchema>;
export type SuggestionProvenanceView = z.infer<typeof provenanceSchema>;
