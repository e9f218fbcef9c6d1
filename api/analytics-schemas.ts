import { z } from 'zod';
import { citationSchema, queryInteger } from './api-schemas.ts';

/** Request and response schemas of the aggregate routes (landscape, trends, requirements); OpenAPI comes from them. */

const entityText = z
  .string()
  .min(1)
  .max(200)
  .regex(/\S/, 'must name something besides whitespace')
  .openapi({ description: 'an entity or product: id (material:…, application:…, product:…), name or alias' });

const citeNumbers = z
  .array(z.number().int().positive())
  .openapi({ description: 'the `n` of each citation in `citations` behind this number' });

const entityRefSchema = z
  .object({ id: z.string(), name: z.string(), label: z.string() })
  .openapi('EntityRef');

const organizationCountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    documents: z.number().int().nonnegative(),
    firstYear: z.string().optional(),
    lastYear: z.string().optional(),
    cites: citeNumbers,
  })
  .openapi('OrganizationCount');

export const landscapeQuerySchema = z.object({
  entity: entityText,
  limit: queryInteger(1, 25).optional(),
});

export const landscapeResponseSchema = z
  .object({
    entity: entityRefSchema,
    productId: z.string().optional(),
    documents: z.record(z.string(), z.number().int().nonnegative()),
    patentsWithoutAssignee: z.number().int().nonnegative(),
    assignees: z.array(organizationCountSchema),
    newsOrganizations: z.array(organizationCountSchema),
    producers: z.array(organizationCountSchema),
    inventors: z.array(organizationCountSchema),
    citations: z.array(citationSchema),
  })
  .openapi('Landscape');

export const trendsQuerySchema = z.object({
  kind: z.enum(['application', 'material']).optional(),
  window: queryInteger(1, 20).optional(),
  source: z.enum(['all', 'patent', 'news']).optional(),
  until: queryInteger(1900, 2200).optional(),
  limit: queryInteger(1, 50).optional(),
  minimum: queryInteger(1, 1000).optional(),
});

const yearWindowSchema = z.object({ from: z.number().int(), to: z.number().int() });

export const trendsResponseSchema = z
  .object({
    kind: z.enum(['application', 'material']),
    source: z.enum(['all', 'patent', 'news']),
    window: z.number().int().positive(),
    recentWindow: yearWindowSchema,
    previousWindow: yearWindowSchema,
    datedDocuments: z.number().int().nonnegative(),
    undatedDocuments: z.number().int().nonnegative(),
    ranked: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        recent: z.number().int().nonnegative(),
        previous: z.number().int().nonnegative(),
        growth: z.number().positive(),
        undated: z.number().int().nonnegative(),
        years: z.array(z.object({ year: z.string(), documents: z.number().int().positive() })),
        cites: citeNumbers,
      }),
    ),
    citations: z.array(citationSchema),
  })
  .openapi('Trends');

export const requirementsQuerySchema = z.object({ limit: queryInteger(1, 30).optional() });

export const requirementsResponseSchema = z
  .object({
    application: entityRefSchema,
    properties: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        documents: z.number().int().nonnegative(),
        values: z.array(z.object({ value: z.number(), unit: z.string().optional() })),
        products: z.array(z.object({ id: z.string(), name: z.string() })),
        cites: citeNumbers,
      }),
    ),
    citations: z.array(citationSchema),
  })
  .openapi('ApplicationRequirements');
