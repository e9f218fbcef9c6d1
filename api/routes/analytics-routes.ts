import { ChatToolbox, type ChatToolDependencies, CitationRegistry } from '../../agent/index.ts';
import {
  landscapeQuerySchema,
  landscapeResponseSchema,
  requirementsQuerySchema,
  requirementsResponseSchema,
  trendsQuerySchema,
  trendsResponseSchema,
} from '../analytics-schemas.ts';
import { idParamsSchema } from '../api-schemas.ts';
import { NotFoundHttpError } from '../http/http-errors.ts';
import { defineRoute, type Route } from '../http/route-definition.ts';

/** What the aggregate routes read: the chat tools' read-only dependencies, with the analytics reader. */
export type AnalyticsRouteDependencies = Omit<ChatToolDependencies, 'analytics'> &
  Required<Pick<ChatToolDependencies, 'analytics'>>;

function cites(passage: { n: number } | undefined): number[] {
  return passage ? [passage.n] : [];
}

/**
 * GET /v1/landscape, /v1/trends and /v1/applications/{id}/requirements: the chat's aggregates for the
 * review page and other clients. Every number carries `cites`, the `n` of its citations.
 */
export function analyticsRoutes(deps: AnalyticsRouteDependencies): Route[] {
  const toolbox = () => new ChatToolbox(deps, new CitationRegistry());
  return [
    defineRoute({
      method: 'get',
      path: '/v1/landscape',
      operationId: 'getLandscape',
      summary: 'Who works on a material, application or product: top assignees and news organisations',
      description:
        'Top patent assignees (normalised organisations) of the patents that mention the entity, with patent counts and first/last years, and the organisations named in news about it; each with a cited passage.',
      tags: ['analytics'],
      access: 'researcher',
      query: landscapeQuerySchema,
      responses: {
        200: { description: 'the landscape with its citations', schema: landscapeResponseSchema },
        404: { description: 'no entity or product with this id, name or alias' },
      },
      handle: async ({ query }) => {
        const tools = toolbox();
        const result = await tools.landscape({ entity: query.entity, limit: query.limit ?? 8, exact: true });
        if (!result.entity) throw new NotFoundHttpError(`no entity or product named '${query.entity}'`);
        const organization = (found: (typeof result.assignees)[number]) => ({
          id: found.id,
          name: found.name,
          documents: found.documents,
          ...(found.firstYear ? { firstYear: found.firstYear } : {}),
          ...(found.lastYear ? { lastYear: found.lastYear } : {}),
          cites: cites(found.passage),
        });
        return {
          body: {
            entity: result.entity,
            ...(result.product ? { productId: result.product.id } : {}),
            documents: result.documents,
            patentsWithoutAssignee: result.patentsWithoutAssignee,
            assignees: result.assignees.map(organization),
            newsOrganizations: result.newsOrganizations.map(organization),
            producers: result.producers.map(organization),
            inventors: result.inventors.map(organization),
            citations: tools.registry.all(),
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/trends',
      operationId: 'getTrends',
      summary: 'Applications (or materials) ranked by growth of dated mentions',
      description:
        'Documents mentioning each entity in the recent window of `window` years (ending at `until`, by default the newest year with a dated document) against the window before; growth = (recent + 1) / (previous + 1). Undated documents are left out of every window and counted in `undatedDocuments`.',
      tags: ['analytics'],
      access: 'researcher',
      query: trendsQuerySchema,
      responses: { 200: { description: 'the ranking with its citations', schema: trendsResponseSchema } },
      handle: async ({ query }) => {
        const tools = toolbox();
        const source = query.source ?? 'all';
        const result = await tools.trends({
          kind: query.kind ?? 'application',
          window: query.window ?? 3,
          kinds: source === 'all' ? [] : [source],
          limit: query.limit ?? 10,
          minimumRecent: query.minimum ?? 2,
          ...(query.until ? { until: query.until } : {}),
        });
        return {
          body: {
            kind: result.label === 'Material' ? 'material' : 'application',
            source,
            window: result.window,
            recentWindow: result.recentWindow,
            previousWindow: result.previousWindow,
            datedDocuments: result.datedDocuments,
            undatedDocuments: result.undatedDocuments,
            ranked: result.ranked.map(({ passage, ...entry }) => ({ ...entry, cites: cites(passage) })),
            citations: tools.registry.all(),
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/applications/{id}/requirements',
      operationId: 'getApplicationRequirements',
      summary: 'Properties an application requires, with passages and the catalog products that have them',
      tags: ['analytics'],
      access: 'researcher',
      params: idParamsSchema,
      query: requirementsQuerySchema,
      responses: {
        200: { description: 'required properties with citations', schema: requirementsResponseSchema },
        404: { description: 'no application with this id, name or alias' },
      },
      handle: async ({ params, query }) => {
        const tools = toolbox();
        const result = await tools.requirements({
          application: params.id,
          limit: query.limit ?? 10,
          exact: true,
        });
        if (!result.application) throw new NotFoundHttpError(`no application named '${params.id}'`);
        return {
          body: {
            application: result.application,
            properties: result.properties.map(({ passages, ...property }) => ({
              ...property,
              cites: passages.map((passage) => passage.n),
            })),
            citations: tools.registry.all(),
          },
        };
      },
    }),
  ];
}
