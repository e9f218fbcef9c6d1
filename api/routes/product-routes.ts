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
import { productBatchSchema, productInputSchema } from '../catalog/product-input-schema.ts';
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
        'One product is checked against ProductInput (400 with the reason when it does not fit). In ' +
        '`{owner?, products: [...]}` rows are checked one by one: valid rows are imported and invalid ones ' +
        'reported in `errors` (`row 3: materialId is required`), so a batch answers 200 even when no row ' +
        "imports. Re-importing is idempotent. The catalog's product names and aliases (mentions of their " +
        'material) and the materials, properties and applications it names join the vocabulary (origin ' +
        'catalog); when that changes the vocabulary, `reextractRunId` is the queued re-extraction of the ' +
        'stored chunks that name them.',
      tags: ['products'],
      access: 'engineer',
      body: productImportBodySchema,
      bodyDocumentation: productImportDocumentationSchema,
      responses: { 200: { description: 'import report', schema: productImportResultSchema } },
      handle: async ({ body, principal }) => {
        const actor = principal?.id ?? 'unknown';
        if ('products' in body) {
          const batch = productBatchSchema.safeParse(body);
          if (!batch.success) {
            const issue = batch.error.issues[0];
            throw new BadRequestError(
              `invalid request body: ${issue?.path.join('.') || 'body'}: ${issue?.message}`,
            );
          }
          return { body: await write(parseCatalogValue(batch.data), actor) };
        }
        const single = productInputSchema.safeParse(body);
        const parsed = single.success ? parseCatalogValue(single.data) : undefined;
        if (!parsed || parsed.products.length === 0) {
          const errors = parsed?.errors ?? [
            (() => {
              const issue = single.error?.issues[0];
              const field = issue?.path.map(String).join('.') ?? '';
              const message =
                issue?.code === 'unrecognized_keys'
                  ? `unknown field ${issue.keys.map((key) => `'${key}'`).join(', ')}`
                  : (issue?.message ?? 'invalid product');
              return { row: 1, ...(field ? { field } : {}), message: `row 1: ${message}` };
            })(),
          ];
          throw new BadRequestError(`no product imported: ${errors[0]?.message}`, { errors });
        }
        return { body: await write(parsed, actor) };
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
