import { z } from 'zod';
// Importing api-schemas also runs extendZodWithOpenApi, which `.openapi(...)` below needs.
import { nonBlankText } from './api-schemas.ts';

/** Wire schemas of document and source retraction (design.md section 7, DELETE /v1/documents/:id). */

const flag = z
  .enum(['true', 'false', '1', '0'], { error: "must be 'true' or 'false'" })
  .transform((value) => value === 'true' || value === '1');

// Length and content are checked on what was sent (as the schema states), then it is trimmed.
const reason = nonBlankText(1000, 'reason must not be empty')
  .trim()
  .openapi({ description: 'why it is retracted (kept in the audit event)', example: 'licence withdrawn' });

export const retractionQuerySchema = z.object({
  reason: reason.optional(),
  dryRun: flag.optional().openapi({ description: 'true: report what would be removed, change nothing' }),
});

export const sourceRemovalQuerySchema = z.object({
  documents: flag
    .optional()
    .openapi({ description: 'true: also retract every document the source ingested (audited)' }),
  reason: reason.optional(),
  dryRun: flag
    .optional()
    .openapi({ description: 'with documents=true: report what would be removed, change nothing' }),
});

export const retractionBodySchema = z
  .strictObject({ reason: reason.optional(), dryRun: z.boolean().optional() })
  .openapi('RetractionRequest');

export const retractionCountsSchema = z
  .object({
    documents: z.number().int(),
    chunks: z.number().int(),
    mentions: z.number().int(),
    facts: z.number().int(),
    evidence: z.number().int(),
    entities: z.number().int(),
    fastPathsRecomputed: z.number().int(),
    fastPathsRemoved: z.number().int(),
    citations: z.number().int(),
    suggestionsMarked: z.number().int(),
    suggestionsRemoved: z.number().int(),
    messagesRedacted: z.number().int(),
  })
  .openapi('RetractionCounts');

export const retractionReportSchema = z
  .object({
    dryRun: z.boolean(),
    documentIds: z.array(z.string()),
    missing: z.array(z.string()),
    counts: retractionCountsSchema,
    auditEventIds: z.array(z.string()),
    productIds: z.array(z.string()),
    suggestionsMarked: z.array(z.string()),
    warnings: z.array(z.string()),
    sourceId: z.string().optional(),
    sourceRemoved: z.boolean().optional(),
  })
  .openapi('RetractionReport');
