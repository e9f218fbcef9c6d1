import { TermConflictError, UnknownTermError, type VocabularyStore } from '../../graph/index.ts';
import { ConflictHttpError, NotFoundHttpError } from '../http/http-errors.ts';
import { defineRoute, type Route } from '../http/route-definition.ts';
import {
  vocabularyAddBodySchema,
  vocabularyChangeSchema,
  vocabularyIdParamsSchema,
  vocabularyListQuerySchema,
  vocabularyListSchema,
  vocabularyPatchBodySchema,
  vocabularyTermQuerySchema,
  vocabularyTermSchema,
} from '../vocabulary-schemas.ts';
import type { VocabularyChangeOutcome, VocabularyService } from '../vocabulary-service.ts';

const labels = {
  material: 'Material',
  application: 'Application',
  property: 'Property',
  organization: 'Organization',
  product: 'Product',
} as const;

/** Unknown terms are 404, contradicting changes 409; the message says which term and why. */
async function translate<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UnknownTermError) throw new NotFoundHttpError(error.message);
    if (error instanceof TermConflictError) {
      throw new ConflictHttpError(error.message, error.hint ? { hint: error.hint } : undefined);
    }
    throw error;
  }
}

function changeBody(outcome: VocabularyChangeOutcome) {
  return {
    term: outcome.term,
    version: outcome.version,
    ...(outcome.reextraction ? { reextractRunId: outcome.reextraction.runId } : {}),
  };
}

const changeResponses = {
  200: {
    description: 'changed; the affected stored chunks are re-extracted by the queued run',
    schema: vocabularyChangeSchema,
  },
  404: { description: 'no such term' },
  409: {
    description: 'the change contradicts the vocabulary (retired term, name of another term, other label)',
  },
};

/**
 * GET|POST /v1/vocabulary, GET|PATCH|DELETE /v1/vocabulary/{id} (engineer). Every change is one
 * audited transaction that bumps the vocabulary version, then a re-extraction run is queued.
 */
export function vocabularyRoutes(options: { store: VocabularyStore; service: VocabularyService }): Route[] {
  const { store, service } = options;
  const actor = (principal: { id: string } | undefined) => principal?.id ?? 'unknown';
  return [
    defineRoute({
      method: 'get',
      path: '/v1/vocabulary',
      operationId: 'listVocabulary',
      summary:
        'The vocabulary: entities and product names, with origin, aliases and whether they are matched',
      tags: ['vocabulary'],
      access: 'engineer',
      query: vocabularyListQuerySchema,
      responses: { 200: { description: 'terms by name', schema: vocabularyListSchema } },
      handle: async ({ query }) => {
        const page = await store.list({
          ...(query.label ? { label: labels[query.label] } : {}),
          ...(query.origin ? { origin: query.origin } : {}),
          ...(query.q ? { q: query.q } : {}),
          includeRetired: query.includeRetired,
          limit: query.limit ?? 100,
          offset: query.offset ?? 0,
        });
        return { body: { version: page.version, total: page.total, terms: page.entries } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/vocabulary',
      operationId: 'addVocabularyTerm',
      summary: 'Add a term (origin user); the stored chunks that name it are re-extracted',
      tags: ['vocabulary'],
      access: 'engineer',
      body: vocabularyAddBodySchema,
      responses: {
        201: { description: 'added', schema: vocabularyChangeSchema },
        404: { description: 'a broader term does not exist' },
        409: { description: 'the term exists, is retired, or a name belongs to another term' },
      },
      handle: async ({ body, principal }) => {
        const outcome = await translate(() => service.add(body, actor(principal)));
        return {
          status: 201,
          body: changeBody(outcome),
          headers: { Location: `/v1/vocabulary/${encodeURIComponent(outcome.term.id)}` },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/vocabulary/{id}',
      operationId: 'getVocabularyTerm',
      summary: 'One term; a retired or merged one only with includeRetired=true',
      tags: ['vocabulary'],
      access: 'engineer',
      params: vocabularyIdParamsSchema,
      query: vocabularyTermQuerySchema,
      responses: {
        200: { description: 'the term', schema: vocabularyTermSchema },
        404: { description: 'no such term, or it is retired and includeRetired is not true' },
      },
      handle: async ({ params, query }) => {
        const entry = await store.get(params.id);
        if (!entry) throw new NotFoundHttpError(`vocabulary term '${params.id}' not found`);
        if (entry.retired && !query.includeRetired)
          throw new NotFoundHttpError(
            `vocabulary term '${params.id}' is retired (add ?includeRetired=true to read it)`,
          );
        return { body: entry };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/v1/vocabulary/{id}',
      operationId: 'changeVocabularyTerm',
      summary: 'Add aliases/acronyms to a term or product, or merge the term into another (mergeInto)',
      description:
        'A merge moves mentions, facts and every other link to the surviving term (duplicates collapse); ' +
        'the merged term stays, retired, with `mergedInto`.',
      tags: ['vocabulary'],
      access: 'engineer',
      params: vocabularyIdParamsSchema,
      body: vocabularyPatchBodySchema,
      responses: changeResponses,
      handle: async ({ params, body, principal }) => {
        // The path's term is the resource; a merge target that does not exist is a contradiction of the
        // change (409), never "not found" for the term being changed.
        if ('mergeInto' in body && (await store.get(params.id)) && !(await store.get(body.mergeInto)))
          throw new ConflictHttpError(`cannot merge into '${body.mergeInto}': no such vocabulary term`);
        const outcome = await translate(() =>
          'mergeInto' in body
            ? service.merge(params.id, body.mergeInto, actor(principal))
            : service.alias(
                params.id,
                { aliases: 'aliases' in body ? body.aliases : [], acronyms: body.acronyms ?? [] },
                actor(principal),
              ),
        );
        return { body: changeBody(outcome) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/vocabulary/{id}',
      operationId: 'retireVocabularyTerm',
      summary:
        'Retire a term: no longer matched, kept for history; its mentions leave the re-extracted chunks',
      tags: ['vocabulary'],
      access: 'engineer',
      params: vocabularyIdParamsSchema,
      responses: changeResponses,
      handle: async ({ params, principal }) => {
        const outcome = await translate(() => service.retire(params.id, actor(principal)));
        return { body: changeBody(outcome) };
      },
    }),
  ];
}
