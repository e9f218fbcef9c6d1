import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { errorResponseSchema } from './api-schemas.ts';
import type { Route } from './http/route-definition.ts';

const errorDescriptions: Record<number, string> = {
  400: 'invalid request (message says what; details lists the issues)',
  401: 'missing, invalid or revoked API key',
  403: 'the key lacks the required role',
  404: 'not found',
  409: 'conflicts with the current state or with work in progress (the message says which)',
  413: 'request body too large',
  415: 'request body is not JSON',
  429: 'rate limit or concurrency limit exceeded (see Retry-After)',
  500: 'internal error (no details are disclosed)',
  501: 'not configured on this server',
  503: 'the graph database is unavailable; retry later (see Retry-After)',
};

/** Every error status the shared middleware can answer for a route, besides those it declares itself. */
function errorStatuses(route: Route): number[] {
  const statuses = [500];
  if (route.params || route.query || route.body || route.headers) statuses.push(400);
  if (route.access !== 'public') statuses.push(401, 403, 429, 503);
  if (route.access === 'public' && route.addressRateLimited) statuses.push(429);
  if (route.body) statuses.push(413, 415);
  return statuses;
}

/** The OpenAPI 3.1 document of the given routes (the same list the app mounts). */
export function buildOpenApiDocument(routes: Route[], info: { title: string; version: string }): unknown {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'API key from `matscout keys create --role R`, sent as `Authorization: Bearer msk_…`',
  });
  for (const route of routes) {
    const responses: Record<string, ResponseConfig> = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      responses[status] = spec.schema
        ? {
            description: spec.description,
            content: { [spec.contentType ?? 'application/json']: { schema: spec.schema } },
          }
        : {
            description: spec.description,
            ...(Number(status) >= 400
              ? { content: { 'application/json': { schema: errorResponseSchema } } }
              : {}),
          };
    }
    for (const status of errorStatuses(route)) {
      responses[status] ??= {
        description: errorDescriptions[status] ?? 'error',
        content: { 'application/json': { schema: errorResponseSchema } },
      };
    }
    const roleNote =
      route.access === 'public' ? 'No authentication.' : `Requires the \`${route.access}\` role.`;
    const body = route.bodyDocumentation ?? route.body;
    registry.registerPath({
      method: route.method,
      path: route.path,
      operationId: route.operationId,
      summary: route.summary,
      description: route.description ? `${route.description}\n\n${roleNote}` : roleNote,
      tags: route.tags,
      security: route.access === 'public' ? [] : [{ bearerAuth: [] }],
      request: {
        ...(route.params ? { params: route.params } : {}),
        ...(route.query ? { query: route.query } : {}),
        ...(route.headers ? { headers: route.headers } : {}),
        ...(body
          ? { body: { required: !route.bodyOptional, content: { 'application/json': { schema: body } } } }
          : {}),
      },
      responses,
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      ...info,
      description: 'matscout: new applications for materials products, ranked, with passage-level citations.',
    },
    security: [{ bearerAuth: [] }],
  });
}
