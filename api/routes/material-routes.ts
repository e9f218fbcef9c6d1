import type { MaterialSuggestions } from '../../agent/index.ts';
import type { GraphStore } from '../../graph/index.ts';
import { idParamsSchema, materialSuggestionListSchema, suggestionQuerySchema } from '../api-schemas.ts';
import { NotFoundHttpError } from '../http/http-errors.ts';
import { defineRoute, type Route } from '../http/route-definition.ts';
import { resolveMaterial, similarMaterials } from '../material-resolver.ts';
import { toSuggestionView } from '../suggestion-view.ts';

/** GET /v1/materials/:id/suggestions: suggestions for any material in the graph, not only products. */
export function materialRoutes(options: {
  graph: Pick<GraphStore, 'getEntity' | 'searchEntities'>;
  materialSuggestions: Pick<MaterialSuggestions, 'forMaterial'>;
}): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/materials/{id}/suggestions',
      operationId: 'listMaterialSuggestions',
      summary: 'Where a material is used, and ranked new applications for it, with citations (never saved)',
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
        const found = await options.materialSuggestions.forMaterial(material, { top: query.limit ?? 10 });
        // Only `new` exists for a bare material: its suggestions are never saved, so never reviewed.
        const suggestions =
          query.status && query.status !== 'new' ? [] : found.suggestions.map(toSuggestionView);
        return {
          body: {
            materialId: material.id,
            name: material.name,
            usedIn: found.usedIn,
            heldBack: found.heldBack,
            suggestions,
          },
        };
      },
    }),
  ];
}
