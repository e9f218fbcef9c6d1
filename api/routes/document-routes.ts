import type { GraphStore } from '../../graph/index.ts';
import { chunkResponseSchema, documentResponseSchema, idParamsSchema } from '../api-schemas.ts';
import { NotFoundHttpError } from '../http/http-errors.ts';
import { forCaller } from '../http/redaction.ts';
import { defineRoute, type Route } from '../http/route-definition.ts';

/** GET /v1/documents/:id (with its text, which citations point into) and GET /v1/chunks/:id. */
export function documentRoutes(options: { store: GraphStore }): Route[] {
  const { store } = options;
  return [
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
