import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  chunkSchema,
  citationSchema as citationModelSchema,
  citedDocumentSchema,
  documentSchema,
  heldBackSchema as heldBackModelSchema,
  ingestRunSchema,
  productSchema,
  suggestionSchema,
  suggestionStatuses,
} from '../graph/index.ts';
import {
  notBlankPattern,
  productBatchRowSchema,
  productInputSchema,
} from './catalog/product-input-schema.ts';

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

/**
 * A whole decimal integer in a query string, min..max. Stricter than `z.coerce.number()` (which takes
 * `''`, ` 5`, `0x10` or `1e2`), so the server accepts exactly what the documented `integer` allows.
 */
export function queryInteger(min: number, max: number) {
  return z
    .string()
    .regex(/^-?(?:0|[1-9][0-9]*)$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .openapi({ type: 'integer', minimum: min, maximum: max });
}

/**
 * http(s) URLs the ingestion accepts: an ASCII host name (dot-separated labels without `--`, the last one
 * starting with a letter) or a bracket-free IPv4 address, an optional port, then any visible ASCII. The
 * pattern is what validation checks, so nothing it admits is refused later as malformed.
 */
export const httpUrlPattern =
  '^[Hh][Tt][Tt][Pp][Ss]?://' +
  '(?:(?:[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\\.)*[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*' +
  '|(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]))' +
  '(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))?' +
  '(?:[/?#][!-~]*)?$';
export const httpUrlSchema = z
  .string()
  .max(800)
  .regex(new RegExp(httpUrlPattern), 'must be an http(s) URL with a host name or IPv4 address')
  .openapi({ description: 'an http(s) URL', example: 'https://example.org/feed.xml' });

/** Text that must hold something besides whitespace (it is trimmed before use). */
export function nonBlankText(max: number, message: string) {
  return z.string().max(max).regex(new RegExp(notBlankPattern), message);
}

export const idParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(512)
    .openapi({ param: { description: 'stable id, URL-encoded (e.g. product%3Aapel)' } }),
});

export const pageQuerySchema = z.object({
  limit: queryInteger(1, 500).optional(),
  offset: queryInteger(0, 1_000_000).optional(),
});

export const productResponseSchema = z.object(productSchema.shape).openapi('Product');
export const productListSchema = z
  .object({ products: z.array(productResponseSchema) })
  .openapi('ProductList');

export const productInputDocumentationSchema = z
  .strictObject(productInputSchema.shape)
  .openapi('ProductInput', {
    description:
      'One product. References are ids (`material:pet`) or names with a letter or digit; an id of another ' +
      'kind is refused. `id` defaults to the slug of `name`.',
  });
export const productBatchDocumentationSchema = z
  .object({
    owner: z.string().max(200).optional().openapi({ description: 'owner of rows that name none' }),
    products: z
      .array(
        z.strictObject(productBatchRowSchema.shape).openapi({
          description:
            'a product row (ProductInput fields; owner optional when the catalog gives one); what it says is ' +
            'checked on its own and reported in `errors`',
        }),
      )
      .max(50),
  })
  .openapi('ProductBatch');
export const productImportDocumentationSchema = z
  .union([productInputDocumentationSchema, productBatchDocumentationSchema])
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
  limit: queryInteger(1, 500).optional(),
});

export const ingestSourceSchema = z
  .union([
    z.string().min(1).max(4096).openapi({
      description:
        'an http(s) URL, or a path on the server inside the allowed ingest folders (anything else is a 404)',
    }),
    z.discriminatedUnion('type', [
      z.object({ type: z.literal('path'), path: z.string().min(1).max(4096) }),
      z.object({ type: z.literal('url'), url: httpUrlSchema }),
    ]),
  ])
  .openapi('IngestSource');
export const ingestStartBodySchema = z.object({ source: ingestSourceSchema }).openapi('IngestStart');
export const ingestStartedSchema = z.object({ runId: z.string() }).openapi('IngestStarted');

/** Citation object of design.md section 7 (the graph model's, with its role when it is suggestion evidence). */
export const citationSchema = z.object(citationModelSchema.shape).openapi('Citation');

export const chatRequestSchema = z
  .object({
    message: nonBlankText(8000, 'message must not be empty'),
    conversationId: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'continue a conversation this key started (another key gets 404)' }),
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
    rank: z.number().int().nonnegative().openapi({
      description:
        'place in the latest ranking, from 1; 0 for a reviewed suggestion the latest ranking no longer proposes',
    }),
    applicationName: z.string().optional(),
    citations: z.array(citationSchema),
    evidenceWithdrawn: evidenceWithdrawnSchema.optional(),
  })
  .openapi('Suggestion');

export const suggestionQuerySchema = z.object({
  status: z.enum(suggestionStatuses).optional(),
  limit: queryInteger(1, 100).optional(),
});

export const heldBackSchema = z.object(heldBackModelSchema.shape).openapi('HeldBack', {
  description: 'candidates the last computation did not list, counted per reason (README, issue 13)',
});

export const suggestionListSchema = z
  .object({ productId: z.string(), heldBack: heldBackSchema, suggestions: z.array(suggestionViewSchema) })
  .openapi('SuggestionList');

export const materialSuggestionListSchema = z
  .object({
    materialId: z.string(),
    name: z.string(),
    /** Applications the graph already links the material to in a sentence, most documents first. */
    usedIn: z.array(z.object({ id: z.string(), name: z.string(), documents: z.number().int() })),
    heldBack: heldBackSchema,
    /** Computed on request and not saved: a bare material has no reviews. */
    suggestions: z.array(suggestionViewSchema),
  })
  .openapi('MaterialSuggestionList');

export type ChatRequestBody = z.infer<typeof chatRequestSchema>;
export type ChatResponse = z.infer<typeof chatResponseSchema>;
export type SuggestionView = z.infer<typeof suggestionViewSchema>;
export type IngestSource = z.infer<typeof ingestSourceSchema>;
