import type { ProductStore } from '../../graph/index.ts';
import {
  idParamsSchema,
  pageQuerySchema,
  productImportBodySchema,
  productImportDocumentationSchema,
  productImportResultSchema,
  productListSchema,
  productResponseSchema,
} from '../api-schemas.ts';
import type { AppDependencies } from '../app-dependencies.ts';
import { parseCatalogValue } from '../catalog/catalog-parser.ts';
import { importCatalog } from '../catalog/import-catalog.ts';
import { BadRequestError, NotFoundHttpError } from '../http/http-errors.ts';
import { defineRoute, type Route } from '../http/route-definition.ts';

/** GET /v1/products, POST /v1/products (engineer), GET /v1/products/:id. */
export function productRoutes(options: {
  productStore: ProductStore;
  importCatalog?: AppDependencies['importCatalog'];
}): Route[] {
  const { productStore } = options;
  const write = options.importCatalog ?? ((parsed) => importCatalog(productStore, parsed));
  return [
    defineRoute({
      method: 'get',
      path: '/v1/products',
      operationId: 'listProducts',
      summary: 'List the product catalog',
      tags: ['products'],
      access: 'researcher',
      query: pageQuerySchema,
      responses: { 200: { description: 'products by name', schema: productListSchema } },
      handle: async ({ query }) => ({
        body: { products: await productStore.listProducts({ limit: query.limit, offset: query.offset }) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/products',
      operationId: 'importProducts',
      summary: 'Create or replace products (one product, or {products: [...]})',
      description:
        'Rows are validated one by one: valid rows are imported and invalid ones reported in `errors` ' +
        '(`row 3: materialId is required`). 400 when no row is valid. Re-importing is idempotent. ' +
        "The catalog's product names and aliases (mentions of their material) and the materials, " +
        'properties and applications it names join the vocabulary (origin catalog); when that changes ' +
        'the vocabulary, `reextractRunId` is the queued re-extraction of the stored chunks that name them.',
      tags: ['products'],
      access: 'engineer',
      body: productImportBodySchema,
      bodyDocumentation: productImportDocumentationSchema,
      responses: { 200: { description: 'import report', schema: productImportResultSchema } },
      handle: async ({ body, principal }) => {
        const parsed = parseCatalogValue(body);
        if (parsed.products.length === 0) {
          const first = parsed.errors[0]?.message ?? 'the catalog holds no products';
          const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : '';
          throw new BadRequestError(`no product imported: ${first}${more}`, { errors: parsed.errors });
        }
        return { body: await write(parsed, principal?.id ?? 'unknown') };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/products/{id}',
      operationId: 'getProduct',
      summary: 'One product',
      tags: ['products'],
      access: 'researcher',
      params: idParamsSchema,
      responses: {
        200: { description: 'the product', schema: productResponseSchema },
        404: { description: 'no such product' },
      },
      handle: async ({ params }) => {
        const product = await productStore.getProduct(params.id);
        if (!product) throw new NotFoundHttpError(`product '${params.id}' not found`);
        return { body: product };
      },
    }),
  ];
}
