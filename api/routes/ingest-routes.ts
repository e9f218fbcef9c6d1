import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { GraphStore } from '../../graph/index.ts';
import {
  type IngestSource,
  idParamsSchema,
  ingestRunListQuerySchema,
  ingestRunListSchema,
  ingestRunResponseSchema,
  ingestStartBodySchema,
  ingestStartedSchema,
} from '../api-schemas.ts';
import { BadRequestError, NotFoundHttpError, NotImplementedError } from '../http/http-errors.ts';
import { defineRoute, type Route } from '../http/route-definition.ts';
import type { StartIngestion } from '../ports.ts';

type ResolvedSource = { kind: 'url'; url: string } | { kind: 'path'; path: string };

function classify(source: IngestSource): ResolvedSource {
  if (typeof source !== 'string') {
    return source.type === 'url' ? { kind: 'url', url: source.url } : { kind: 'path', path: source.path };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    if (!/^https?:\/\//i.test(source)) throw new BadRequestError('only http(s) URLs can be ingested');
    return { kind: 'url', url: source };
  }
  return { kind: 'path', path: source };
}

function inside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * A path the server may read: it must exist and, with symlinks resolved, lie inside an allowed folder,
 * so an API key cannot turn arbitrary server files into readable documents.
 */
async function allowedPath(requested: string, allowList: string[]): Promise<string> {
  const hint = `paths must lie inside ${allowList.join(', ') || '(no folder is allowed)'} (INGEST_PATH_ALLOW_LIST)`;
  let resolved: string;
  try {
    resolved = await realpath(path.resolve(requested));
  } catch {
    throw new BadRequestError(`path '${requested}' does not exist on the server`);
  }
  const roots = await Promise.all(allowList.map((root) => realpath(root).catch(() => path.resolve(root))));
  if (!roots.some((root) => inside(root, resolved))) {
    throw new BadRequestError(`path '${requested}' is not allowed: ${hint}`);
  }
  return resolved;
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
        501: { description: 'ingestion is not configured on this server' },
      },
      handle: async ({ body, principal }) => {
        if (!options.startIngestion)
          throw new NotImplementedError('ingestion is not configured on this server');
        const source = classify(body.source);
        const input =
          source.kind === 'url' ? source.url : await allowedPath(source.path, options.ingestPathAllowList);
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
      tags: ['ingestion'],
      access: 'researcher',
      query: ingestRunListQuerySchema,
      responses: { 200: { description: 'runs', schema: ingestRunListSchema } },
      handle: async ({ query }) => ({
        body: { runs: await store.listIngestRuns({ limit: query.limit ?? 50 }) },
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/ingest/runs/{id}',
      operationId: 'getIngestRun',
      summary: 'One ingestion run: status, counts and per-item errors',
      tags: ['ingestion'],
      access: 'researcher',
      params: idParamsSchema,
      responses: {
        200: { description: 'the run', schema: ingestRunResponseSchema },
        404: { description: 'no such run' },
      },
      handle: async ({ params }) => {
        const run = await store.getIngestRun(params.id);
        if (!run) throw new NotFoundHttpError(`ingest run '${params.id}' not found`);
        return { body: run };
      },
    }),
  ];
}
