import type { ProductStore } from '../../graph/index.ts';
import { idParamsSchema, suggestionListSchema, suggestionQuerySchema } from '../api-schemas.ts';
import { NotFoundHttpError, NotImplementedError } from '../http/http-errors.ts';
import { defineRoute, type Route } from '../http/route-definition.ts';
import type { SuggestionService } from '../ports.ts';

/** GET /v1/products/:id/suggestions?status=&limit=. */
export function suggestionRoutes(options: {
  suggestions?: SuggestionService;
  productStore: ProductStore;
}): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/products/{id}/suggestions',
      operationId: 'listProductSuggestions',
      summary: 'Ranked new applications for a product, with score components and citations',
      tags: ['suggestions'],
      access: 'researcher',
      params: idParamsSchema,
      query: suggestionQuerySchema,
      responses: {
        200: { description: 'suggestions, best first', schema: suggestionListSchema },
        404: { description: 'no such product' },
        501: { description: 'suggestions are not configured on this server' },
      },
      handle: async ({ params, query }) => {
        if (!options.suggestions)
          throw new NotImplementedError('suggestions are not configured on this server');
        const product = await options.productStore.getProduct(params.id);
        if (!product) throw new NotFoundHttpError(`product '${params.id}' not found`);
        const suggestions = await options.suggestions.list(product.id, {
          status: query.status,
          limit: query.limit ?? 10,
        });
        const heldBack = (await options.suggestions.heldBack?.(product.id)) ?? { total: 0, reasons: [] };
        return { body: { productId: product.id, heldBack, suggestions } };
      },
    }),
  ];
}
