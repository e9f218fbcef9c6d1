import { healthSchema, readySchema } from '../api-schemas.ts';
import { ServiceUnavailableError } from '../http/http-errors.ts';
import { defineRoute, type Route } from '../http/route-definition.ts';
import type { ReadinessCheck } from '../ports.ts';

/** GET /health, GET /ready, GET /openapi.json (all public). */
export function systemRoutes(options: { ready: ReadinessCheck; openApiDocument: () => unknown }): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/health',
      operationId: 'getHealth',
      summary: 'Liveness: the process answers',
      tags: ['system'],
      access: 'public',
      responses: { 200: { description: 'alive', schema: healthSchema } },
      handle: async () => ({ body: { status: 'ok' } }),
    }),
    defineRoute({
      method: 'get',
      path: '/ready',
      operationId: 'getReady',
      summary: 'Readiness: the graph database answers',
      description:
        'Rate limited per client address (READY_RATE_LIMIT_PER_MINUTE), since each call asks the database.',
      tags: ['system'],
      access: 'public',
      addressRateLimited: true,
      responses: {
        200: { description: 'ready', schema: readySchema },
        503: { description: 'the graph database does not answer' },
      },
      handle: async () => {
        try {
          await options.ready();
        } catch (error) {
          // The cause stays in the logs (via the error handler's debug line), not in the response.
          throw Object.assign(new ServiceUnavailableError('the graph database does not answer'), {
            cause: error,
          });
        }
        return { body: { status: 'ready' } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/openapi.json',
      operationId: 'getOpenApi',
      summary: 'This API as an OpenAPI 3.1 document',
      tags: ['system'],
      access: 'public',
      responses: { 200: { description: 'OpenAPI 3.1 document' } },
      handle: async () => ({ body: options.openApiDocument() }),
    }),
  ];
}
