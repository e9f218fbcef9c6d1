import type { SuggestionEngine } from '../../agent/index.ts';
import type { GraphStore, SuggestionStore } from '../../graph/index.ts';
import { idParamsSchema, materialSuggestionListSchema, suggestionQuerySchema } from '../api-schemas.ts';
import { NotFoundHttpError } from '../http/http-errors.ts';
import { defineRoute, type Route } from '../http/route-definition.ts';
import { resolveMaterial, similarMaterials } from '../material-resolver.ts';
import { toSuggestionView } from '../suggestion-view.ts';

/** GET /v1/materials/:id/suggestions: suggestions for any material in the graph, not only products. */
export function materialRoutes(options: {
  graph: Pick<GraphStore, 'getEntity' | 'searchEntities'>;
  engine: SuggestionEngine;
  suggestions: SuggestionStore;
}): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/materials/{id}/suggestions',
      operationId: 'listMaterialSuggestions',
      summary: 'Where a material is used, and ranked new applications for it, with citations',
      tags: ['suggestions'],
      access: 'researcher',
      params: idParamsSchema,
      query: suggestionQuerySchema,
      responses: {
        200: { description: 'known uses and suggestions, best first', schema: materialSuggestionListSchema },
        404: { description: 'no material with this id, name or alias' },
      },
      handle: async ({ params, query }) => {
        const material = await resolveMaterial(options.graph, params.id);
        if (!material) {
          const similar = await similarMaterials(options.graph, params.id);
          throw new NotFoundHttpError(
            `material '${params.id}' not found; ${
              similar.length
                ? `materials with similar names: ${similar.join(', ')}`
                : 'use a material id (material:…) or a name or alias the graph knows'
            }`,
          );
        }
        const limit = query.limit ?? 10;
        const computed = await options.engine.computeForMaterial(material, { top: Math.max(limit, 20) });
        const stored = await options.suggestions.listSuggestions(material.id, {
          status: query.status,
          limit,
        });
        return {
          body: {
            materialId: material.id,
            name: material.name,
            usedIn: computed.usedIn,
            suggestions: stored.map(toSuggestionView),
          },
        };
      },
    }),
  ];
}
