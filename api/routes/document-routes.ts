import type { GraphStore } from '../../graph/index.ts';
import { chunkResponseSchema, documentResponseSchema, idParamsSchema } from '../api-schemas.ts';
import { NotFoundHttpError, NotImplementedError, UnauthorizedError } from '../http/http-errors.ts';
import { forCaller } from '../http/redaction.ts';
import { defineRoute, type Route } from '../http/route-definition.ts';
import type { RetractionService } from '../ports.ts';
import {
  retractionBodySchema,
  retractionQuerySchema,
  retractionReportSchema,
} from '../retraction-schemas.ts';

/**
 * GET /v1/documents/:id (with its text, which citations point into), GET /v1/chunks/:id, and
 * DELETE /v1/documents/:id (engineer, audited): retracts the document and everything derived from it.
 */
export function documentRoutes(options: { store: GraphStore; retraction?: RetractionService }): Route[] {
  const { store } = options;
  return [
    defineRoute({
      method: 'delete',
      path: '/v1/documents/{id}',
      operationId: 'retractDocument',
      summary: 'Retract a document and everything derived from it (audited)',
      description:
        'Removes the document, its chunks, mentions and fact evidence; facts left without evidence; entities ' +
        'left without mentions that are not from the lexicon, the catalog or a user; recomputes the USED_IN ' +
        'fast paths and the suggestions of the products touched. Reviewed suggestions that cited it keep ' +
        'their history and are marked `evidenceWithdrawn`. One transaction with its audit event; the ' +
        'content hash goes with the document, so ingesting it again works like a first ingest. The reason ' +
        'may come as `?reason=` or in a JSON body; `dryRun` reports what would go and changes nothing.',
      tags: ['evidence'],
      access: 'engineer',
      params: idParamsSchema,
      query: retractionQuerySchema,
      body: retractionBodySchema,
      bodyOptional: true,
      responses: {
        200: {
          description: 'what was retracted (with dryRun: what would be)',
          schema: retractionReportSchema,
        },
        404: { description: 'no such document (already retracted, or never ingested)' },
        501: { description: 'retraction is not configured on this server' },
      },
      handle: async ({ params, query, body, principal }) => {
        if (!options.retraction) throw new NotImplementedError('retraction is not configured on this server');
        if (!principal) throw new UnauthorizedError('missing API key: send Authorization: Bearer <key>');
        const reason = body?.reason ?? query.reason;
        const report = await options.retraction.retractDocuments([params.id], {
          actor: principal.id,
          dryRun: body?.dryRun ?? query.dryRun ?? false,
          ...(reason ? { reason } : {}),
        });
        if (report.documentIds.length === 0)
          throw new NotFoundHttpError(
            `document '${params.id}' not found (already retracted, or never ingested)`,
          );
        return { body: report };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/documents/{id}',
      operationId: 'getDocument',
      summary: 'A document with its stored plain text (all offsets point into it)',
      description: '`origin` (the file or URL it was read from) has server paths redacted for non-engineers.',
      tags: ['evidence'],
      access: 'researcher',
      params: idParamsSchema,
      responses: {
        200: { description: 'the document', schema: documentResponseSchema },
        404: { description: 'no such document' },
      },
      handle: async ({ params, principal }) => {
        const document = await store.getDocument(params.id);
        if (!document) throw new NotFoundHttpError(`document '${params.id}' not found`);
        // Where a file was read from is the server's business; a URL origin stays readable.
        const origin = document.origin === undefined ? undefined : forCaller(document.origin, principal);
        return { body: origin === undefined ? document : { ...document, origin } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/chunks/{id}',
      operationId: 'getChunk',
      summary: 'A chunk: its text, offsets into the document text, and the document summary',
      tags: ['evidence'],
      access: 'researcher',
      params: idParamsSchema,
      responses: {
        200: { description: 'the chunk', schema: chunkResponseSchema },
        404: { description: 'no such chunk' },
      },
      handle: async ({ params }) => {
        const found = await store.getChunk(params.id);
        if (!found) throw new NotFoundHttpError(`chunk '${params.id}' not found`);
        // Vectors are large and of no use to a client.
        const { embedding: _embedding, ...chunk } = found as typeof found & { embedding?: unknown };
        // A news document has no number and a patent no URL: absent, not null, as the schema says.
        const document = Object.fromEntries(
          Object.entries(chunk.document).filter(([, value]) => value !== null),
        );
        return { body: { ...chunk, document } };
      },
    }),
  ];
}
