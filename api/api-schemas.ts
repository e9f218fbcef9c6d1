import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  chunkSchema,
  citationSchema as citationModelSchema,
  citedDocumentSchema,
  documentSchema,
  ingestRunSchema,
  productSchema,
  suggestionSchema,
  suggestionStatuses,
} from '../graph/index.ts';
import { catalogRowSchema } from './catalog/catalog-row.ts';

extendZodWithOpenApi(z);

/**
 * Wire schemas of the HTTP API (design.md section 7); named ones become OpenAPI components. Schemas made
 * before the extension ran (graph/ models, catalog rows) are rebuilt from their shape so `.openapi` exists.
 */

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'NOT_FOUND' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('ErrorResponse');

export const healthSchema = z.object({ status: z.literal('ok') }).openapi('Health');
export const readySchema = z.object({ status: z.literal('ready') }).openapi('Ready');

export const idParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(512)
    .openapi({ param: { description: 'stable id, URL-encoded (e.g. product%3Aapel)' } }),
});

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

export const productResponseSchema = z.object(productSchema.shape).openapi('Product');
export const productListSchema = z
  .object({ products: z.array(productResponseSchema) })
  .openapi('ProductList');

export const productInputSchema = z.strictObject(catalogRowSchema.shape).openapi('ProductInput');
export const productImportDocumentationSchema = z
  .union([
    productInputSchema,
    z.object({ owner: z.string().optional(), products: z.array(productInputSchema) }),
  ])
  .openapi('ProductImport');
/** What the edge checks: a JSON object; rows are validated one by one so valid rows still import. */
export const productImportBodySchema = z.record(z.string(), z.unknown(), {
  error: 'expected a product object or {products: [...]}',
});

export const catalogRowErrorSchema = z
  .object({ row: z.number().int(), field: z.string().optional(), message: z.string() })
  .openapi('CatalogRowError');
export const productImportResultSchema = z
  .object({
    results: z.array(z.object({ id: z.string(), status: z.enum(['added', 'updated', 'unchanged']) })),
    errors: z.array(catalogRowErrorSchema),
    warnings: z.array(z.string()),
    counts: z.object({
      rows: z.number().int(),
      added: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      failed: z.number().int(),
    }),
    vocabulary: z
      .object({ version: z.number().int().optional(), changed: z.array(z.string()) })
      .optional()
      .openapi({
        description: 'the vocabulary version the import made (absent: nothing new) and the terms it touched',
      }),
    reextractRunId: z
      .string()
      .optional()
      .openapi({ description: 'the queued re-extraction of the stored chunks that name the new terms' }),
  })
  .openapi('ProductImportResult');

export const documentResponseSchema = z.object(documentSchema.shape).openapi('Document');

export const documentSummarySchema = z
  .object(citedDocumentSchema.omit({ ingestRunId: true }).shape)
  .openapi('DocumentSummary');

export const chunkResponseSchema = z
  .object({ ...chunkSchema.shape, document: documentSummarySchema })
  .openapi('Chunk', { description: 'document.text.slice(start, end) === text' });

export const ingestRunResponseSchema = z.object(ingestRunSchema.shape).openapi('IngestRun');
export const ingestRunListSchema = z
  .object({ runs: z.array(ingestRunResponseSchema) })
  .openapi('IngestRunList');
export const ingestRunListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const ingestSourceSchema = z
  .union([
    z.string().trim().min(1).max(4096).openapi({ description: 'a path on the server, or an http(s) URL' }),
    z.discriminatedUnion('type', [
      z.object({ type: z.literal('path'), path: z.string().trim().min(1).max(4096) }),
      z.object({
        type: z.literal('url'),
        url: z.url({ protocol: /^https?$/, error: 'url must be an http(s) URL' }),
      }),
    ]),
  ])
  .openapi('IngestSource');
export const ingestStartBodySchema = z.object({ source: ingestSourceSchema }).openapi('IngestStart');
export const ingestStartedSchema = z.object({ runId: z.string() }).openapi('IngestStarted');

/** Citation object of design.md section 7 (the graph model's, with its role when it is suggestion evidence). */
export const citationSchema = z.object(citationModelSchema.shape).openapi('Citation');

export const chatRequestSchema = z
  .object({
    message: z.string().trim().min(1, 'message must not be empty').max(8000),
    conversationId: z.string().min(1).max(200).optional(),
    productId: z.string().min(1).max(512).optional(),
  })
  .openapi('ChatRequest');

export const chatResponseSchema = z
  .object({ answer: z.string(), citations: z.array(citationSchema), conversationId: z.string() })
  .openapi('ChatResponse');

export const evidenceWithdrawnSchema = z
  .object({
    auditEventId: z.string(),
    at: z.string(),
    reason: z.string().optional(),
    citationsRemoved: z.number().int(),
  })
  .openapi('EvidenceWithdrawn', {
    description: 'a retraction took cited evidence away from this reviewed suggestion (the latest one)',
  });

export const suggestionViewSchema = z
  .object({
    ...suggestionSchema.omit({ citations: true }).shape,
    applicationName: z.string().optional(),
    citations: z.array(citationSchema),
    evidenceWithdrawn: evidenceWithdrawnSchema.optional(),
  })
  .openapi('Suggestion');

export const suggestionQuerySchema = z.object({
  status: z.enum(suggestionStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const suggestionListSchema = z
  .object({ productId: z.string(), suggestions: z.array(suggestionViewSchema) })
  .openapi('SuggestionList');

export const materialSuggestionListSchema = z
  .object({
    materialId: z.string(),
    name: z.string(),
    /** Applications the graph already links the material to in a sentence, most documents first. */
    usedIn: z.array(z.object({ id: z.string(), name: z.string(), documents: z.number().int() })),
    /** Computed on request and not saved: a bare material has no reviews. */
    suggestions: z.array(suggestionViewSchema),
  })
  .openapi('MaterialSuggestionList');

export type ChatRequestBody = z.infer<typeof chatRequestSchema>;
export type ChatResponse = z.infer<typeof chatResponseSchema>;
export type SuggestionView = z.infer<typeof suggestionViewSchema>;
export type IngestSource = z.infer<typeof ingestSourceSchema>;
