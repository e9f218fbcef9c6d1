import { z } from 'zod';
import type { GraphStore, RunJobStore, SourceSpec, SourceStore } from '../../graph/index.ts';
import {
  globProblem,
  globSchemaPattern,
  maxGlobLength,
  type RunService,
  type ScheduleService,
} from '../../ingest/index.ts';
import {
  httpUrlPattern,
  httpUrlSchema,
  ingestRunResponseSchema,
  ingestStartedSchema,
} from '../api-schemas.ts';
import {
  BadRequestError,
  ConflictHttpError,
  NotFoundHttpError,
  NotImplementedError,
} from '../http/http-errors.ts';
import { defineRoute, type Route } from '../http/route-definition.ts';
import type { RetractionService } from '../ports.ts';
import { retractionReportSchema, sourceRemovalQuerySchema } from '../retraction-schemas.ts';
import { SourceBusyError } from '../retraction-service.ts';
import { resolveAllowedPath } from './server-paths.ts';

const httpUrl = httpUrlSchema;

/**
 * Checked when a source is declared, so a glob that cannot work (or would match slowly) never runs. The
 * pattern (in the OpenAPI document) is the accepted subset; the length is checked first so a long string
 * never reaches it, and globProblem names the reason when a glob is one the matcher refuses.
 */
const globField = z
  .string()
  .min(1)
  .max(maxGlobLength, { abort: true })
  .superRefine((glob, context) => {
    const problem = globProblem(glob);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .regex(new RegExp(globSchemaPattern), {
    error:
      'not a glob this API accepts: path segments of letters, digits, `._ -`, `?` and `[…]` classes, at ' +
      'most one `{a,b}` group, at most two `*` per segment, `**` once as a whole segment',
  })
  .openapi({
    description:
      'Files to read, relative to the folder (`*.xml`, `2024/**/*.{xml,md}`); without `/` it matches file ' +
      'names at any depth. The pattern is the accepted subset: segments of letters, digits, `._ -`, `?`, ' +
      '`[…]` classes of letters and digits, at most one `{a,b,…}` group of 2–16 choices, at most two `*` ' +
      'per segment, `**` only as one whole segment and at most once; no `.`/`..` segments, no leading `/`.',
  });

/** An inline or declared source's location. */
export const sourceSpecSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('folder'),
      path: z.string().min(1).max(4096),
      glob: globField.optional(),
    }),
    // Capped so a declaration fits the request body limit whatever its URLs.
    z.object({ type: z.literal('urls'), urls: z.array(httpUrl).min(1).max(100) }),
    z.object({ type: z.literal('feed'), url: httpUrl }),
    z.object({
      type: z.literal('uspto-bulk'),
      location: z
        .string()
        .min(1)
        .max(4096)
        .openapi({ description: 'an http(s) URL, or a path inside the allowed ingest folders' }),
    }),
  ])
  .openapi('SourceSpec');

const sourceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    spec: sourceSpecSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    cursor: z.object({ files: z.number(), urls: z.number(), items: z.number() }),
  })
  .openapi('Source');

const sourceBodySchema = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, 'letters, digits, . _ - (up to 80)')
      .optional(),
    name: z.string().max(200).optional(),
  })
  .and(sourceSpecSchema);

const idParams = z.object({ id: z.string().min(1).max(200) });

/** Checks a source spec from a client: a usable glob, server paths inside the allowed folders. */
export async function checkSourceSpec(spec: SourceSpec, allowList: string[]): Promise<SourceSpec> {
  if (spec.type === 'folder') {
    const problem = spec.glob === undefined ? undefined : globProblem(spec.glob);
    if (problem) throw new BadRequestError(`invalid glob: ${problem}`);
    return { ...spec, path: await resolveAllowedPath(spec.path, allowList) };
  }
  if (spec.type === 'uspto-bulk') {
    // A URL the ingestion can fetch is a URL; anything else names a server path (404 unless allowed).
    if (new RegExp(httpUrlPattern).test(spec.location)) return spec;
    return { ...spec, location: await resolveAllowedPath(spec.location, allowList) };
  }
  return spec;
}

export interface SchedulingRouteOptions {
  store: GraphStore;
  sources: SourceStore;
  jobs: RunJobStore;
  runs: RunService;
  scheduleService: ScheduleService;
  ingestPathAllowList: string[];
  /** DELETE /v1/sources/:id?documents=true answers 501 without it. */
  retraction?: RetractionService;
}

function toView(source: Awaited<ReturnType<SourceStore['getSource']>> & object) {
  const { cursor, ...rest } = source;
  return {
    ...rest,
    cursor: {
      files: Object.keys(cursor.files ?? {}).length,
      urls: Object.keys(cursor.urls ?? {}).length,
      items: cursor.items?.length ?? 0,
    },
  };
}

/** Declared sources: list, declare, show, remove, run now, run history. */
export function sourceRoutes(options: SchedulingRouteOptions): Route[] {
  const { sources } = options;
  return [
    defineRoute({
      method: 'get',
      path: '/v1/sources',
      operationId: 'listSources',
      summary: 'Declared ingestion sources',
      tags: ['scheduling'],
      access: 'engineer',
      responses: { 200: { description: 'sources', schema: z.object({ sources: z.array(sourceSchema) }) } },
      handle: async () => ({ body: { sources: (await sources.listSources()).map(toView) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/sources',
      operationId: 'declareSource',
      summary: 'Declare (or redeclare) a source: a folder (glob), URLs, an RSS/Atom feed, a USPTO bulk file',
      tags: ['scheduling'],
      access: 'engineer',
      body: sourceBodySchema,
      responses: {
        201: { description: 'declared', schema: sourceSchema },
        404: {
          description: 'a path that is not an existing file or folder inside the allowed ingest folders',
        },
      },
      handle: async ({ body, principal }) => {
        const { id, name, ...spec } = body;
        const checked = await checkSourceSpec(spec as SourceSpec, options.ingestPathAllowList);
        const source = await options.scheduleService.declareSource(checked, {
          id,
          name,
          actor: principal?.id ?? 'unknown',
        });
        return { status: 201, body: toView(source) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/sources/{id}',
      operationId: 'getSource',
      summary: 'One declared source',
      tags: ['scheduling'],
      access: 'engineer',
      params: idParams,
      responses: {
        200: { description: 'the source', schema: sourceSchema },
        404: { description: 'no such source' },
      },
      handle: async ({ params }) => {
        const source = await sources.getSource(params.id);
        if (!source) throw new NotFoundHttpError(`source '${params.id}' not found`);
        return { body: toView(source) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/sources/{id}',
      operationId: 'removeSource',
      summary: 'Remove a declared source (audited); with documents=true also retract everything it ingested',
      description:
        'Without `documents=true` only the source and its cursor go (with its audit event, in one ' +
        'transaction); its documents stay in the graph. With it, every document last written by a run of ' +
        'the source is retracted as by DELETE /v1/documents/{id} (one audit event each, with the reason), ' +
        'then the source is removed; `dryRun=true` reports what would go and changes nothing.',
      tags: ['scheduling'],
      access: 'engineer',
      params: idParams,
      query: sourceRemovalQuerySchema,
      responses: {
        200: {
          description: 'with documents=true: what was retracted (with dryRun: what would be)',
          schema: retractionReportSchema,
        },
        204: { description: 'removed' },
        404: { description: 'no such source' },
        409: { description: 'a run of the source is in progress' },
        501: { description: 'retraction is not configured on this server' },
      },
      handle: async ({ params, query, principal }) => {
        const actor = principal?.id ?? 'unknown';
        if (!query.documents) {
          if (!(await options.scheduleService.removeSource(params.id, actor)))
            throw new NotFoundHttpError(`source '${params.id}' not found`);
          return { status: 204, body: undefined };
        }
        if (!options.retraction) throw new NotImplementedError('retraction is not configured on this server');
        let report: Awaited<ReturnType<RetractionService['retractSource']>>;
        try {
          report = await options.retraction.retractSource(params.id, {
            actor,
            dryRun: query.dryRun ?? false,
            removeSource: true,
            ...(query.reason ? { reason: query.reason } : {}),
          });
        } catch (error) {
          if (error instanceof SourceBusyError) throw new ConflictHttpError(error.message);
          throw error;
        }
        if (!report) throw new NotFoundHttpError(`source '${params.id}' not found`);
        return { body: report };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/sources/{id}/runs',
      operationId: 'runSource',
      summary: 'Run a declared source now (reads only what is new or changed)',
      tags: ['scheduling'],
      access: 'engineer',
      params: idParams,
      responses: {
        202: { description: 'queued', schema: ingestStartedSchema },
        404: { description: 'no such source' },
      },
      handle: async ({ params, principal }) => {
        if (!(await sources.getSource(params.id)))
          throw new NotFoundHttpError(`source '${params.id}' not found`);
        const runId = await options.runs.start({
          sourceId: params.id,
          sourceLabel: params.id,
          requestedBy: principal?.id ?? 'unknown',
          trigger: 'api',
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
      path: '/v1/sources/{id}/runs',
      operationId: 'listSourceRuns',
      summary: 'Run history of a source, newest first',
      tags: ['scheduling'],
      access: 'engineer',
      params: idParams,
      responses: {
        200: { description: 'runs', schema: z.object({ runs: z.array(ingestRunResponseSchema) }) },
        404: { description: 'no such source (runs of removed sources stay in GET /v1/ingest/runs)' },
      },
      handle: async ({ params }) => {
        if (!(await sources.getSource(params.id)))
          throw new NotFoundHttpError(`source '${params.id}' not found`);
        const jobs = await options.jobs.listJobs({ sourceId: params.id, limit: 100 });
        const runs = await Promise.all(jobs.map((job) => options.store.getIngestRun(job.runId)));
        return { body: { runs: runs.filter((run) => run !== undefined) } };
      },
    }),
  ];
}
