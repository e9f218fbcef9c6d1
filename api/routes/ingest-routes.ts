import type { GraphStore } from '../../graph/index.ts';
import {
  httpUrlPattern,
  type IngestSource,
  idParamsSchema,
  ingestRunListQuerySchema,
  ingestRunListSchema,
  ingestRunResponseSchema,
  ingestStartBodySchema,
  ingestStartedSchema,
} from '../api-schemas.ts';
import { NotFoundHttpError, NotImplementedError } from '../http/http-errors.ts';
import { forCaller } from '../http/redaction.ts';
import { defineRoute, type Route } from '../http/route-definition.ts';
import type { StartIngestion } from '../ports.ts';
import { resolveAllowedPath } from './server-paths.ts';

type ResolvedSource = { kind: 'url'; url: string } | { kind: 'path'; path: string };

/** A URL the ingestion can fetch is a URL; any other string names a server path (404 unless allowed). */
function classify(source: IngestSource): ResolvedSource {
  if (typeof source !== 'string') {
    return source.type === 'url' ? { kind: 'url', url: source.url } : { kind: 'path', path: source.path };
  }
  return new RegExp(httpUrlPattern).test(source)
    ? { kind: 'url', url: source }
    : { kind: 'path', path: source };
}

/** POST /v1/ingest/runs (engineer) → 202 {runId}; GET /v1/ingest/runs; GET /v1/ingest/runs/:id. */
export function ingestRoutes(options: {
  store: GraphStore;
  startIngestion?: StartIngestion;
  ingestPathAllowList: string[];
}): Route[] {
  const { store } = options;
  return [
    defineRoute({
      method: 'post',
      path: '/v1/ingest/runs',
      operationId: 'startIngestRun',
      summary: 'Start ingesting a path on the server or an http(s) URL',
      description:
        'Runs in the background; poll GET /v1/ingest/runs/{id}. Paths must lie inside the allowed folders; ' +
        'URLs to private or loopback addresses are refused unless allow-listed.',
      tags: ['ingestion'],
      access: 'engineer',
      body: ingestStartBodySchema,
      responses: {
        202: { description: 'started', schema: ingestStartedSchema },
        404: { description: 'the path is not an existing file or folder inside the allowed ingest folders' },
        501: { description: 'ingestion is not configured on this server' },
        503: {
          description: 'the run is recorded but could not be queued yet; it is queued again automatically',
        },
      },
      handle: async ({ body, principal }) => {
        if (!options.startIngestion)
          throw new NotImplementedError('ingestion is not configured on this server');
        const source = classify(body.source);
        const input =
          source.kind === 'url'
            ? source.url
            : await resolveAllowedPath(source.path, options.ingestPathAllowList);
        const runId = await options.startIngestion({
          inputs: [input],
          source: source.kind === 'url' ? source.url : input,
          requestedBy: principal?.id ?? 'unknown',
        });
        return {
          status: 202,
          body: { runId },
          headers: { Location: `/v1/ingest/runs/${encodeURIComponent(runId)}` },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/ingest/runs',
      operationId: 'listIngestRuns',
      summary: 'Recent ingestion runs, newest first',
      description:
        'Server paths, internal addresses and file bytes in sources and errors are redacted for non-engineers.',
      tags: ['ingestion'],
      access: 'researcher',
      query: ingestRunListQuerySchema,
      responses: { 200: { description: 'runs', schema: ingestRunListSchema } },
      handle: async ({ query, principal }) => ({
        body: { runs: forCaller(await store.listIngestRuns({ limit: query.limit ?? 50 }), principal) },
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/ingest/runs/{id}',
      operationId: 'getIngestRun',
      summary: 'One ingestion run: status, counts and per-item errors',
      description:
        'Server paths, internal addresses and file bytes in sources and errors are redacted for non-engineers.',
      tags: ['ingestion'],
      access: 'researcher',
      params: idParamsSchema,
      responses: {
        200: { description: 'the run', schema: ingestRunResponseSchema },
        404: { description: 'no such run' },
      },
      handle: async ({ params, principal }) => {
        const run = await store.getIngestRun(params.id);
        if (!run) throw new NotFoundHttpError(`ingest run '${params.id}' not found`);
        return { body: forCaller(run, principal) };
      },
    }),
  ];
}
